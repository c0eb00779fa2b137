import {
  type LostKey,
  type LostListFilter,
  type LostSort,
  readLostCustomerKeys,
  type Store,
} from '../store/index.js'
import { type IndexedColumn, indexAnswers, walkIndex } from './lost-index.js'
import { chooseDrive, countFromSummary, hasRowFilters, partitionSize } from './lost-list-plan.js'
import { searchTest, searchTextOf } from './lost-list-search.js'
import type { RunSummary } from './run-summary.js'

/** The customers of one page and how many match in all. */
export interface CustomerMatches {
  readonly keys: LostKey[]
  readonly count: number
  /** true when counting stopped at `count` (never now: every count is exact, from memory) */
  readonly countIsLowerBound: boolean
}

/**
 * One page's customer keys and the exact number of matches, counted in memory (the run summary's
 * groups, or a walk of its index). The page itself comes from the index for every sort but the
 * name, a search included; a name sort asks the database, whose collation it follows: for a
 * search, among the ids of the matches found in memory; else by the cheaper of the index walk or
 * the customers the filters pick.
 * @example await findCustomers(store, summary, { filter, sort, limit: 50, offset: 0 })
 */
export async function findCustomers(
  store: Store,
  summary: RunSummary,
  find: Find,
): Promise<CustomerMatches> {
  const { filter, sort } = find
  const search =
    filter.search === undefined
      ? undefined
      : searchTest(await searchTextOf(store, summary.index), filter.search)
  if (indexAnswers(sort.column)) {
    return fromIndex(summary, { ...find, column: sort.column, search })
  }
  return search === undefined
    ? await fromDatabase(store, summary, find, indexCount(summary, filter))
    : await searchByName(store, summary, { ...find, search })
}

type Find = { filter: LostListFilter; sort: LostSort; limit: number; offset: number }
type EntryTest = (entry: number) => boolean

function reasonCustomersOf(summary: RunSummary, filter: LostListFilter) {
  return filter.reason === undefined
    ? {}
    : { reasonCustomers: summary.reasonCustomers.get(filter.reason) ?? new Set<string>() }
}

function fromIndex(
  summary: RunSummary,
  find: Find & { column: IndexedColumn; search: EntryTest | undefined },
): CustomerMatches {
  const { filter, search } = find
  const structural = !hasRowFilters(filter)
  const walked = walkIndex(summary.index, filter, {
    column: find.column,
    descending: find.sort.descending,
    limit: find.limit,
    offset: find.offset,
    countAll: !structural,
    ...reasonCustomersOf(summary, filter),
    ...(search === undefined ? {} : { search }),
  })
  const count = structural ? countFromSummary(summary, filter).customer : walked.count
  return { keys: walked.keys, count, countIsLowerBound: false }
}

async function fromDatabase(
  store: Store,
  summary: RunSummary,
  find: Find,
  count: number,
): Promise<CustomerMatches> {
  const { filter, sort } = find
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
  return { keys, count, countIsLowerBound: false }
}

// how many customers pass the filter (a search aside), whatever the sort: exact, from memory
function indexCount(summary: RunSummary, filter: LostListFilter): number {
  if (!hasRowFilters(filter)) {
    return countFromSummary(summary, filter).customer
  }
  return walkIndex(summary.index, filter, {
    column: 'expected_value_minor',
    descending: false,
    limit: 0,
    offset: 0,
    countAll: true,
    ...reasonCustomersOf(summary, filter),
  }).count
}

// at most this many search matches are sorted by name in the database by their ids; more, and
// the database searches for itself (slow at a million customers, but a rare, broad search)
const MAX_IDS_SORTED = 5_000

/**
 * A search sorted by name: the matches found in memory, then sorted by the database (whose
 * collation the name sort follows) among their ids.
 */
async function searchByName(
  store: Store,
  summary: RunSummary,
  find: Find & { search: EntryTest },
): Promise<CustomerMatches> {
  const { filter, search } = find
  const matches = walkIndex(summary.index, filter, {
    column: 'expected_value_minor',
    descending: false,
    limit: MAX_IDS_SORTED + 1,
    offset: 0,
    countAll: true,
    search,
    ...reasonCustomersOf(summary, filter),
  })
  if (matches.count > MAX_IDS_SORTED) {
    return await fromDatabase(store, summary, find, matches.count)
  }
  const { search: _searched, ...rest } = filter
  const byIds: LostListFilter = { ...rest, customerIds: matches.keys.map((key) => key.id) }
  const keys =
    matches.count === 0
      ? []
      : await readLostCustomerKeys(store, byIds, {
          sort: find.sort,
          limit: find.limit,
          offset: find.offset,
          drive: 'scores',
        })
  return { keys, count: matches.count, countIsLowerBound: false }
}
