import type { CaseSummary } from './case-view.js'

/** How a page of cases is narrowed further, sorted and cut (after the visibility filter). */
export interface CasePageOptions {
  readonly overdue?: boolean
  readonly subjectKind?: 'customer' | 'deal'
  /** a key, descending with a leading `-`; default `nextStepDueOn` */
  readonly sort?: string
  readonly offset?: number
  readonly limit?: number
}

type SortValue = string | number | null

const SORT_VALUE: Readonly<Record<string, (summary: CaseSummary) => SortValue>> = {
  nextStepDueOn: (summary) => summary.nextStepDueOn,
  openedOn: (summary) => summary.openedOn,
  lostOn: (summary) => summary.lostOn,
  lostValue: (summary) => summary.lostValueMinor,
  customerName: (summary) => summary.customerName?.toLowerCase() ?? null,
}

// nulls last whichever the direction; ties by id so that pages never overlap
function compare(left: SortValue, right: SortValue): number {
  if (left === right) {
    return 0
  }
  if (left === null) {
    return 1
  }
  if (right === null) {
    return -1
  }
  return left < right ? -1 : 1
}

/**
 * One page of cases: narrowed to overdue ones or one subject kind, sorted, then cut by offset and
 * limit (default 100); `total` counts every match.
 * @example pageCases(cases, { overdue: true, sort: '-lostValue', limit: 20 })
 */
export function pageCases(
  cases: readonly CaseSummary[],
  options: CasePageOptions,
): { readonly items: CaseSummary[]; readonly total: number } {
  const sort = options.sort ?? 'nextStepDueOn'
  const descending = sort.startsWith('-')
  const sortKey = SORT_VALUE[descending ? sort.slice(1) : sort] ?? SORT_VALUE['nextStepDueOn']
  const matching = cases.filter(
    (summary) =>
      (options.overdue === undefined || summary.overdue === options.overdue) &&
      (options.subjectKind === undefined || summary.subjectKind === options.subjectKind),
  )
  const sorted = [...matching].sort((left, right) => {
    const a = sortKey?.(left) ?? null
    const b = sortKey?.(right) ?? null
    const order = a === null || b === null ? compare(a, b) : compare(a, b) * (descending ? -1 : 1)
    return order !== 0 ? order : left.id - right.id
  })
  const offset = options.offset ?? 0
  return { items: sorted.slice(offset, offset + (options.limit ?? 100)), total: matching.length }
}
