import type {
  DealSummaryRow,
  LostKey,
  LostListFilter,
  LostSort,
  LostSortColumn,
} from '../store/index.js'

/** A run's lost deals in the order of each sort column, ascending, nulls first, ties by id. */
export type DealsBySort = Readonly<Record<LostSortColumn, readonly DealSummaryRow[]>>

/** The value a sort reads from a deal: its close date is its lost date; it has no overdue days. */
export function dealSortValue(
  deal: DealSummaryRow,
  column: LostSortColumn,
): number | string | null {
  switch (column) {
    case 'expected_value_minor':
    case 'value_if_won_back_minor':
    case 'win_back_probability':
      return deal[column]
    case 'lost_since':
      return deal.closed_on
    case 'name':
      return deal.name
    case 'overdue_days':
      return null
  }
}

/** -1, 0 or 1 as `a` sorts before, with or after `b`, nulls lowest. */
export function compareSortValues(a: number | string | null, b: number | string | null): number {
  if (a === b) {
    return 0
  }
  if (a === null) {
    return -1
  }
  if (b === null) {
    return 1
  }
  return a < b ? -1 : 1
}

const COLUMNS: readonly LostSortColumn[] = [
  'expected_value_minor',
  'value_if_won_back_minor',
  'win_back_probability',
  'overdue_days',
  'lost_since',
  'name',
]

/**
 * Sorts a run's lost deals once for every sort of the lost list (they are few beside the
 * customers: a page of deals is then a walk along an array, as a page of customers is one along
 * an index).
 * @example const sorted = sortDeals(summary.deals); sorted.name[0]
 */
export function sortDeals(deals: readonly DealSummaryRow[]): DealsBySort {
  const entries = COLUMNS.map((column) => [
    column,
    [...deals].sort(
      (left, right) =>
        compareSortValues(dealSortValue(left, column), dealSortValue(right, column)) ||
        left.deal_id - right.deal_id,
    ),
  ])
  return Object.fromEntries(entries) as DealsBySort
}

/** Whether a lost deal passes the lost list's filters (the same rules as for customers). */
export function dealMatches(deal: DealSummaryRow, filter: LostListFilter): boolean {
  if (filter.status !== 'lost' || filter.minOverdueDays !== undefined) {
    return false
  }
  const owners = filter.ownerIds
  const search = filter.search?.toLowerCase()
  return (
    (filter.segment === undefined || deal.segment === filter.segment) &&
    (owners === undefined || (deal.owner_id !== null && owners.includes(deal.owner_id))) &&
    (filter.minValueMinor === undefined || deal.value_if_won_back_minor >= filter.minValueMinor) &&
    (filter.reason === undefined || deal.lost_reason === filter.reason) &&
    (search === undefined ||
      search === '' ||
      [deal.name, deal.customer_name, deal.customer_id].some((text) =>
        (text ?? '').toLowerCase().includes(search),
      ))
  )
}

/**
 * The keys of one page of the run's lost deals that pass the filter, in list order.
 * @example dealKeys(sorted, filter, { column: 'name', descending: false }, { limit: 50, offset: 0 })
 */
export function dealKeys(
  sorted: DealsBySort,
  filter: LostListFilter,
  sort: LostSort,
  page: { limit: number; offset: number },
): LostKey[] {
  const deals = sorted[sort.column]
  const keys: LostKey[] = []
  let skipped = 0
  for (let step = 0; step < deals.length && keys.length < page.limit; step += 1) {
    const deal = deals[sort.descending ? deals.length - 1 - step : step]
    if (deal !== undefined && dealMatches(deal, filter)) {
      if (skipped < page.offset) {
        skipped += 1
      } else {
        keys.push({
          kind: 'deal',
          id: String(deal.deal_id),
          sortValue: dealSortValue(deal, sort.column),
        })
      }
    }
  }
  return keys
}

/** How many of the run's lost deals pass the filter. */
export function countDeals(deals: readonly DealSummaryRow[], filter: LostListFilter): number {
  return deals.reduce((count, deal) => count + (dealMatches(deal, filter) ? 1 : 0), 0)
}

/** Merges two lists sorted alike (nulls lowest), customers first among equals. */
export function mergeKeys(
  customers: readonly LostKey[],
  deals: readonly LostKey[],
  descending: boolean,
): LostKey[] {
  const merged: LostKey[] = []
  let c = 0
  let d = 0
  while (c < customers.length || d < deals.length) {
    const left = customers[c]
    const right = deals[d]
    const order =
      left === undefined || right === undefined
        ? 0
        : compareSortValues(left.sortValue, right.sortValue) * (descending ? -1 : 1)
    if (right === undefined || (left !== undefined && order <= 0)) {
      merged.push(left as LostKey)
      c += 1
    } else {
      merged.push(right)
      d += 1
    }
  }
  return merged
}
