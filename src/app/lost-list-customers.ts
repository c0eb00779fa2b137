import {
  countLostCustomers,
  type LostKey,
  type LostListFilter,
  type LostSort,
  readLostCustomerKeys,
  type Store,
} from '../store/index.js'
import { indexAnswers, walkIndex } from './lost-index.js'
import { chooseDrive, countFromSummary, hasRowFilters, partitionSize } from './lost-list-plan.js'
import type { RunSummary } from './run-summary.js'

/** A count that stops here says "at least": a search at a million customers stays cheap. */
export const COUNT_CAP = 10_000

/** The customers of one page and how many match in all. */
export interface CustomerMatches {
  readonly keys: LostKey[]
  readonly count: number
  /** true when counting stopped at `count` */
  readonly countIsLowerBound: boolean
}

/**
 * One page's customer keys and the number of matches: from the run summary's index in memory for
 * every sort but the name and without a search (exact), else from the database (a count capped
 * at 10,000, then a page found by the cheaper of the index walk or the customers the filters pick).
 * @example await findCustomers(store, summary, { filter, sort, limit: 50, offset: 0 })
 */
export async function findCustomers(
  store: Store,
  summary: RunSummary,
  find: { filter: LostListFilter; sort: LostSort; limit: number; offset: number },
): Promise<CustomerMatches> {
  const { filter, sort } = find
  if (indexAnswers(filter, sort.column)) {
    const structural = !hasRowFilters(filter)
    const reasonCustomers =
      filter.reason === undefined
        ? undefined
        : (summary.reasonCustomers.get(filter.reason) ?? new Set<string>())
    const walked = walkIndex(summary.index, filter, {
      column: sort.column,
      descending: sort.descending,
      limit: find.limit,
      offset: find.offset,
      countAll: !structural,
      ...(reasonCustomers === undefined ? {} : { reasonCustomers }),
    })
    const count = structural ? countFromSummary(summary, filter).customer : walked.count
    return { keys: walked.keys, count, countIsLowerBound: false }
  }
  const count = await countLostCustomers(store, filter, {
    cap: COUNT_CAP,
    drive: filter.search === undefined ? 'scores' : 'customers',
  })
  if (count === 0) {
    return { keys: [], count, countIsLowerBound: false }
  }
  const drive = chooseDrive({
    matches: count,
    partition: partitionSize(summary, filter.status),
    wanted: find.offset + find.limit,
    filter,
    byName: sort.column === 'name',
  })
  const keys = await readLostCustomerKeys(store, filter, {
    sort,
    limit: find.limit,
    offset: find.offset,
    drive,
  })
  return { keys, count, countIsLowerBound: count >= COUNT_CAP }
}
