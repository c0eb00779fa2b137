import {
  type OrderByItemBuilder,
  type SelectQueryBuilder,
  sql,
} from 'kysely'
import type {
  CustomerScoresTable,
  CustomersTable,
  Database,
  DealScoresTable,
  DealsTable,
} from '../schema.js'
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
}

/** One row's place in the list: its kind, id and the value it sorts by. */
export interface LostKey {
  readonly kind: 'customer' | 'deal'
  readonly id: string
  readonly sortValue: number | string | null
}

/**
 * How a page of customers is found: walking the run's sort index and checking each customer
 * (`scores`, right when the filters keep many), or starting from the customers the filters pick
 * and sorting them (`customers`, right when they keep few; always for the name sort). SQLite joins
 * in the order written; PostgreSQL plans for itself.
 */
export type LostDrive = 'scores' | 'customers'

// the tables under the aliases these queries use
type LostDb = Database & {
  s: CustomerScoresTable
  c: CustomersTable
  d: DealsTable
  ds: DealScoresTable
}
// biome-ignore lint/complexity/noBannedTypes: kysely's type for a query that selects nothing yet
type ScoreQuery = SelectQueryBuilder<LostDb, 's' | 'c', {}>
// biome-ignore lint/complexity/noBannedTypes: kysely's type for a query that selects nothing yet
type DealQuery = SelectQueryBuilder<LostDb, 'ds' | 'd' | 'c', {}>

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
    .where('s.status', '=', filter.status) as unknown as ScoreQuery
  if (filter.segment !== undefined) {
    query = query.where('c.segment', '=', filter.segment)
  }
  if (filter.ownerIds !== undefined) {
    const owners = [...filter.ownerIds]
    query = owners.length === 0 ? query.where(sql.lit(false)) : query.where('c.owner_id', 'in', owners)
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
  if (filter.search !== undefined && filter.search !== '') {
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
    .where('r.code', '=', reason)
}

function dealQuery(target: Queryable, filter: LostListFilter): DealQuery {
  let query = dbOf(target)
    .selectFrom('deal_scores as ds')
    .innerJoin('visible_deals as d', 'd.id', 'ds.deal_id')
    .leftJoin('visible_customers as c', 'c.id', 'd.customer_id')
    .where('ds.run_id', '=', filter.runId) as unknown as DealQuery
  if (filter.status !== 'lost' || filter.minOverdueDays !== undefined) {
    query = query.where(sql.lit(false))
  }
  if (filter.segment !== undefined) {
    query = query.where('c.segment', '=', filter.segment)
  }
  if (filter.ownerIds !== undefined) {
    const owners = [...filter.ownerIds]
    query =
      owners.length === 0
        ? query.where(sql.lit(false))
        : query.where((eb) => eb(eb.fn.coalesce('d.owner_id', 'c.owner_id'), 'in', owners))
  }
  if (filter.minValueMinor !== undefined) {
    query = query.where('ds.value_if_won_back_minor', '>=', filter.minValueMinor)
  }
  if (filter.reason !== undefined) {
    query = query.where('d.lost_reason', '=', filter.reason)
  }
  if (filter.search !== undefined && filter.search !== '') {
    const pattern = likePattern(filter.search)
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(coalesce(${eb.ref('d.name')}, '')) like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(${eb.ref('c.name')}, '')) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('d.customer_id')}) like ${pattern} escape '\\'`,
      ]),
    )
  }
  return query
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

// the deal column a sort reads; a deal has no overdue days, so that sort sees only nulls
function dealSortColumn(column: LostSortColumn): string | null {
  switch (column) {
    case 'expected_value_minor':
    case 'value_if_won_back_minor':
    case 'win_back_probability':
      return `ds.${column}`
    case 'lost_since':
      return 'd.closed_on'
    case 'name':
      return 'd.name'
    case 'overdue_days':
      return null
  }
}

/**
 * The keys of one page of a run's lost deals, in list order (a deal's lost date is its close
 * date; it has no overdue days).
 * @example await readLostDealKeys(store, { runId, status: 'lost' }, { sort, limit: 50, offset: 0 })
 */
export async function readLostDealKeys(
  target: Queryable,
  filter: LostListFilter,
  page: { sort: LostSort; limit: number; offset: number },
): Promise<LostKey[]> {
  const direction = page.sort.descending ? 'desc' : 'asc'
  const column = dealSortColumn(page.sort.column)
  const sortValue = column === null ? sql<null>`null` : sql<number | string | null>`${sql.ref(column)}`
  let query = dealQuery(target, filter).select(['ds.deal_id as id', sortValue.as('sort_value')])
  // a constant sort value needs no sort: the primary key's order breaks every tie
  if (column !== null) {
    query = query.orderBy(sql.ref(column), (order) => nullsLowest(order, page.sort.descending))
  }
  const rows = await query.orderBy('ds.deal_id', direction).limit(page.limit).offset(page.offset).execute()
  return rows.map((row) => ({
    kind: 'deal',
    id: String(row.id),
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
 * How many customers and deals match, counting at most `cap` of each (a count stops early, so a
 * broad filter at a million customers stays cheap; the caller says the total is at least `cap`).
 * @example const { customers, deals } = await countLostMatches(store, filter, 10_000)
 */
export async function countLostMatches(
  target: Queryable,
  filter: LostListFilter,
  options: { cap: number; kinds: readonly ('customer' | 'deal')[]; drive: LostDrive },
): Promise<{ customers: number; deals: number }> {
  const db = dbOf(target)
  const capped = async (query: SelectQueryBuilder<LostDb, never, { one: number }>) => {
    const row = await db
      .selectFrom(query.limit(options.cap).as('m'))
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    return Number(row.count)
  }
  const customers = options.kinds.includes('customer')
    ? await capped(
        customerQuery(target, filter, options.drive).select(sql<number>`1`.as('one')) as never,
      )
    : 0
  const deals = options.kinds.includes('deal')
    ? await capped(dealQuery(target, filter).select(sql<number>`1`.as('one')) as never)
    : 0
  return { customers, deals }
}
