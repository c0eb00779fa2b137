import type { LostDrive, LostListFilter } from '../store/index.js'
import type { ListedGroup, RunSummary } from './run-summary.js'

/** The kinds of row a lost list query can show. */
export type LostKind = 'customer' | 'deal'

// a page found by walking the sort index should check at most this many rows; past it, start
// from the few customers the filters pick and sort them instead
const MAX_ROWS_WALKED = 20_000

/** Whether a group of the run summary falls under the filter's status, segment and owners. */
function inFilter(group: ListedGroup, filter: LostListFilter): boolean {
  return (
    group.status === filter.status &&
    (filter.segment === undefined || group.segment === filter.segment) &&
    (filter.ownerIds === undefined ||
      (group.ownerId !== null && filter.ownerIds.includes(group.ownerId)))
  )
}

/**
 * How many rows of each kind match the filter's status, segment and owners, from the run summary
 * (exact for that version of the data, and free).
 * @example countFromSummary(summary, { runId, status: 'lost' }) // { customer: 812, deal: 40 }
 */
export function countFromSummary(
  summary: RunSummary,
  filter: LostListFilter,
): Record<LostKind, number> {
  const counts = { customer: 0, deal: 0 }
  for (const group of summary.groups) {
    if (inFilter(group, filter)) {
      counts[group.kind] += group.count
    }
  }
  return counts
}

/** Whether the filter narrows by anything the run summary does not count by. */
export function hasRowFilters(filter: LostListFilter): boolean {
  return (
    filter.reason !== undefined ||
    filter.minValueMinor !== undefined ||
    filter.minOverdueDays !== undefined ||
    (filter.search !== undefined && filter.search !== '')
  )
}

/**
 * How to find a page of customers (see `LostDrive`): walk the run's sort index unless that would
 * check more than 20,000 rows for the matches wanted and the filters name owners, a segment or a
 * search to start from instead; a name sort walks the names.
 * @example chooseDrive({ matches: 40, partition: 300_000, wanted: 50, filter, byName: false }) // 'customers'
 */
export function chooseDrive(input: {
  readonly matches: number
  readonly partition: number
  readonly wanted: number
  readonly filter: LostListFilter
  readonly byName: boolean
}): LostDrive {
  const { filter } = input
  const startable =
    filter.ownerIds !== undefined ||
    filter.segment !== undefined ||
    (filter.search !== undefined && filter.search !== '')
  const walked = (input.wanted * input.partition) / Math.max(1, input.matches)
  if (startable && walked > MAX_ROWS_WALKED) {
    return 'customers'
  }
  return input.byName ? 'names' : 'scores'
}

/** The size of the run's partition a walk runs along: its customers of the filter's status. */
export function partitionSize(summary: RunSummary, status: LostListFilter['status']): number {
  return summary.groups
    .filter((group) => group.kind === 'customer' && group.status === status)
    .reduce((sum, group) => sum + group.count, 0)
}

/** The filter values a list in this scope can offer: segments, owners and reasons, sorted. */
export function facetsOf(
  summary: RunSummary,
  scope: { status: LostListFilter['status']; ownerIds: readonly number[] | null },
): { segments: string[]; ownerIds: number[]; reasons: string[] } {
  const segments = new Set<string>()
  const owners = new Set<number>()
  const reachable = (ownerId: number | null) =>
    scope.ownerIds === null || (ownerId !== null && scope.ownerIds.includes(ownerId))
  for (const group of summary.groups) {
    if (group.status === scope.status && reachable(group.ownerId)) {
      if (group.segment !== null) {
        segments.add(group.segment)
      }
      if (group.ownerId !== null) {
        owners.add(group.ownerId)
      }
    }
  }
  const reasons = new Set(summary.reasonCodes)
  for (const [ownerId, found] of summary.dealReasons) {
    if (reachable(ownerId)) {
      for (const reason of found) {
        reasons.add(reason)
      }
    }
  }
  return {
    segments: [...segments].sort(),
    ownerIds: [...owners],
    reasons: [...reasons].sort(),
  }
}
