import { type OrderByItemBuilder, type SelectQueryBuilder, sql } from 'kysely'
import { LISTED_STATUSES } from '../migrations/0006-lost-list.js'
import type { CustomerScoresTable, CustomersTable, Database } from '../schema.js'
import { dbOf, type Queryable } from './queryable.js'

/** The lapse statuses the lost list shows (lost deals are always `lost`). */
export type ListedStatus = 'lost' | 'lapsed' | 'at_risk'

/** A column the lost list sorts by, as stored in `customer_scores` (`name`: the account's). */
export type LostSortColumn =
  | 'expected_value_minor'
  | 'value_if_won_back_minor'
  | 'win_back_probability'
  | 'overdue_days'
  | 'lost_since'
  | 'name'

/** A sort of the lost list; nulls sort lowest, ties break on the id in the same direction. */
export interface LostSort {
  readonly column: LostSortColumn
  readonly descending: boolean
}

/** Which rows of one analysis run the lost list shows. `ownerIds` undefined: every owner. */
export interface LostListFilter {
  readonly runId: number
  readonly status: ListedStatus
  readonly segment?: string
  readonly ownerIds?: readonly number[]
  readonly reason?: string
  readonly minValueMinor?: number
  readonly minOverdueDays?: number
  readonly search?: string
  /**
   * only these customers: the matches of a search already made in memory, which then replace the
   * search (see `findCustomers`)
   */
  readonly customerIds?: readonly string[]
}

/** One row's place in the list: its kind, id and the value it sorts by. */
export interface LostKey {
  readonly kind: 'customer' | 'deal'
  readonly id: string
  readonly sortValue: number | string | null
}

/**
 * How a page of customers is found: walking the run's sort index and checking each customer
 * (`scores`, right when the filters keep many), starting from the customers the owner, segment or
 * search filters pick and sorting them (`customers`, right when they keep few), or walking the
 * customers by name for the name sort (`names`). SQLite joins in the order written; PostgreSQL
 * plans for itself.
 */
export type LostDrive = 'scores' | 'customers' | 'names'

// the tables under the aliases these queries use
type LostDb = Database & {
  s: CustomerScoresTable
  c: CustomersTable
}
// biome-ignore lint/complexity/noBannedTypes: kysely's type for a query that selects nothing yet
type ScoreQuery = SelectQueryBuilder<LostDb, 's' | 'c', {}>

const likePattern = (search: string) => `%${search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`

function customerQuery(target: Queryable, filter: LostListFilter, drive: LostDrive): ScoreQuery {
  const db = dbOf(target)
  const joined =
    drive === 'scores'
      ? db
          .selectFrom('customer_scores as s')
          .crossJoin('visible_customers as c')
          .whereRef('c.id', '=', 's.customer_id')
      : db
          .selectFrom('visible_customers as c')
          .crossJoin('customer_scores as s')
          .whereRef('s.customer_id', '=', 'c.id')
  let query = joined
    .where('s.run_id', '=', filter.runId)
    .where('s.status', '=', filter.status)
    // says the partial sort indexes' condition word for word, so SQLite may use them
    .where(sql.raw<boolean>(`s.${LISTED_STATUSES}`)) as unknown as ScoreQuery
  // walking the names, these checks must not pick an index of their own (`|| ''` and `+ 0` keep
  // the value and hide the column from SQLite's planner)
  const hidden = drive === 'names'
  if (filter.segment !== undefined) {
    const segment = hidden ? sql<string>`${sql.ref('c.segment')} || ''` : sql.ref('c.segment')
    query = query.where(segment, '=', filter.segment)
  }
  if (filter.ownerIds !== undefined) {
    const owners = [...filter.ownerIds]
    const owner = hidden ? sql<number>`${sql.ref('c.owner_id')} + 0` : sql.ref('c.owner_id')
    query = owners.length === 0 ? query.where(sql.lit(false)) : query.where(owner, 'in', owners)
  }
  if (filter.minValueMinor !== undefined) {
    query = query.where('s.value_if_won_back_minor', '>=', filter.minValueMinor)
  }
  if (filter.minOverdueDays !== undefined) {
    query = query.where('s.overdue_days', '>=', filter.minOverdueDays)
  }
  if (filter.reason !== undefined) {
    query = query.where('s.customer_id', 'in', customersWithReason(target, filter.reason))
  }
  if (filter.customerIds !== undefined) {
    const ids = [...filter.customerIds]
    query = ids.length === 0 ? query.where(sql.lit(false)) : query.where('s.customer_id', 'in', ids)
  } else if (filter.search !== undefined && filter.search !== '') {
    const pattern = likePattern(filter.search)
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(coalesce(${eb.ref('c.name')}, '')) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('s.customer_id')}) like ${pattern} escape '\\'`,
      ]),
    )
  }
  return query
}

// customers whose win-back case recorded this reason code (an exit-interview finding)
function customersWithReason(target: Queryable, reason: string) {
  return dbOf(target)
    .selectFrom('cases as k')
    .innerJoin('case_reasons as cr', 'cr.case_id', 'k.id')
    .innerJoin('reasons as r', 'r.id', 'cr.reason_id')
    .select('k.customer_id')
    .where('k.subject_kind', '=', 'customer')
    .where('r.code', '=', reason)
}

function customerSortRef(column: LostSortColumn) {
  return column === 'name' ? ('c.name' as const) : (`s.${column}` as const)
}

/**
 * The keys of one page of lost, lapsed or at-risk customers of a run, in list order.
 * @example await readLostCustomerKeys(store, { runId, status: 'lost' }, { sort, limit: 50, offset: 0, drive: 'scores' })
 */
export async function readLostCustomerKeys(
  target: Queryable,
  filter: LostListFilter,
  page: { sort: LostSort; limit: number; offset: number; drive: LostDrive },
): Promise<LostKey[]> {
  const ref = customerSortRef(page.sort.column)
  const direction = page.sort.descending ? 'desc' : 'asc'
  const rows = await customerQuery(target, filter, page.drive)
    .select(['s.customer_id as id', `${ref} as sort_value`])
    .orderBy(ref, (order) => nullsLowest(order, page.sort.descending))
    .orderBy('s.customer_id', direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map((row) => ({
    kind: 'customer',
    id: row.id,
    sortValue: sortValueOf(row.sort_value),
  }))
}

// nulls lowest, as SQLite sorts them; postgres needs it said (and its indexes say it too)
function nullsLowest(order: OrderByItemBuilder, descending: boolean): OrderByItemBuilder {
  return descending ? order.desc().nullsLast() : order.asc().nullsFirst()
}

function sortValueOf(value: unknown): number | string | null {
  if (value === null || value === undefined) {
    return null
  }
  return typeof value === 'string' ? value : Number(value)
}

/**
 * How many customers match, counting at most `cap` (a count stops early, so a broad filter at a
 * million customers stays cheap; the caller then says the total is at least `cap`).
 * @example const count = await countLostCustomers(store, filter, { cap: 10_000, drive: 'scores' })
 */
export async function countLostCustomers(
  target: Queryable,
  filter: LostListFilter,
  options: { cap: number; drive: LostDrive },
): Promise<number> {
  const matches = customerQuery(target, filter, options.drive)
    .select(sql<number>`1`.as('one'))
    .limit(options.cap)
  const row = await dbOf(target)
    .selectFrom(matches.as('m'))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
