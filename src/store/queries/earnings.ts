import { type Insertable, type Selectable, sql } from 'kysely'
import type { EarningsTable } from '../schema-make-goods.js'
import { makeGoodDb } from './make-goods.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** A stored earning. */
export type EarningRow = Selectable<EarningsTable>
/** A new earning; `once_key` makes it once. */
export type NewEarning = Omit<Insertable<EarningsTable>, 'id' | 'created_at'>

/** A won case as the bounties see it: when it was won, its owner and reps. */
export interface WonCaseRow {
  readonly caseId: number
  readonly customerId: string
  readonly wonOn: string
  readonly ownerId: number
  readonly repIds: number[]
}

/** Every case won back (stage `won_back`, with its end date), optionally of some customers. */
export async function readWonCases(
  target: Queryable,
  customerIds?: readonly string[],
): Promise<WonCaseRow[]> {
  const db = dbOf(target)
  let query = db
    .selectFrom('cases')
    .select(['id', 'customer_id', 'ended_on', 'owner_id'])
    .where('stage', '=', 'won_back')
    .where('ended_on', 'is not', null)
  if (customerIds !== undefined) {
    query = query.where('customer_id', 'in', [...customerIds, ''])
  }
  const cases = await query.orderBy('id').execute()
  const ids = cases.map((row) => Number(row.id))
  const reps =
    ids.length === 0
      ? []
      : await db
          .selectFrom('case_reps')
          .select(['case_id', 'user_id'])
          .where('case_id', 'in', ids)
          .execute()
  return cases.map((row) => ({
    caseId: Number(row.id),
    customerId: row.customer_id,
    wonOn: row.ended_on ?? '',
    ownerId: Number(row.owner_id),
    repIds: reps
      .filter((rep) => Number(rep.case_id) === Number(row.id))
      .map((rep) => Number(rep.user_id)),
  }))
}

/**
 * A visible order of a won-back customer on or after a date; `counts` while placed (or when it is
 * a refund row of its own, negative), not once cancelled or refunded.
 */
export interface WonOrderRow {
  readonly orderId: number
  readonly customerId: string
  readonly orderedOn: string
  readonly amountMinor: number
  readonly currency: string
  readonly counts: boolean
}

/** The published orders of one customer from `since` on (uncommitted imports stay unseen). */
export async function readOrdersSince(
  target: Queryable,
  customerId: string,
  since: string,
): Promise<WonOrderRow[]> {
  const rows = await dbOf(target)
    .selectFrom('visible_orders')
    .select(['id', 'customer_id', 'ordered_on', 'amount_minor', 'currency', 'status'])
    .where('customer_id', '=', customerId)
    .where('ordered_on', '>=', since)
    .orderBy('ordered_on')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    orderId: Number(row.id),
    customerId: row.customer_id,
    orderedOn: row.ordered_on,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    // a refund that came as its own negative row counts as what it is: money given back
    counts: row.status === 'placed' || (row.status === 'refunded' && Number(row.amount_minor) < 0),
  }))
}

/** The earnings booked for some cases. */
export async function readCaseEarnings(
  target: Queryable,
  caseIds: readonly number[],
): Promise<EarningRow[]> {
  return makeGoodDb(target)
    .selectFrom('earnings')
    .selectAll()
    .where('case_id', 'in', [...caseIds, -1])
    .execute()
}

/**
 * Books earnings; one whose key is already booked (by this or a concurrent accrual) is skipped
 * by the database, never written twice (TESTPLAN T7).
 * @returns how many were booked by this call
 */
export async function insertEarnings(
  target: Queryable,
  lines: readonly NewEarning[],
): Promise<number> {
  let booked = 0
  const at = nowTimestamp()
  for (const line of lines) {
    const result = await makeGoodDb(target)
      .insertInto('earnings')
      .values({ ...line, created_at: at })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst()
    booked += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return booked
}

/** Earnings of some people (all when null), oldest first, with their customer's name. */
export async function listEarnings(
  target: Queryable,
  userIds: readonly number[] | null,
): Promise<(EarningRow & { customer_name: string | null })[]> {
  let query = makeGoodDb(target)
    .selectFrom('earnings as e')
    .leftJoin('customers as c', 'c.id', 'e.customer_id')
    .selectAll('e')
    .select('c.name as customer_name')
  if (userIds !== null) {
    query = query.where('e.user_id', 'in', [...userIds, -1])
  }
  return query.orderBy('e.created_at').orderBy('e.id').execute()
}

/** Net earnings and won cases per person, highest first. */
export async function readLeaderboard(
  target: Queryable,
): Promise<{ userId: number; totalMinor: number; cases: number; earnings: number }[]> {
  const rows = await makeGoodDb(target)
    .selectFrom('earnings')
    .select((eb) => [
      'user_id',
      eb.fn.sum<number>('amount_minor').as('total'),
      eb.fn.count<number>('case_id').distinct().as('cases'),
      eb.fn.countAll<number>().as('lines'),
    ])
    .groupBy('user_id')
    .execute()
  return rows
    .map((row) => ({
      userId: Number(row.user_id),
      totalMinor: Number(row.total),
      cases: Number(row.cases),
      earnings: Number(row.lines),
    }))
    .sort((a, b) => b.totalMinor - a.totalMinor || a.userId - b.userId)
}

/**
 * Makes accruals take turns: a PostgreSQL transaction-scoped advisory lock; on SQLite a write
 * that matches nothing, which takes the database's write lock before anything is read (a plain
 * `BEGIN` would let two processes read, then one fail to write).
 */
export async function lockEarnings(trx: Queryable, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const db = makeGoodDb(trx)
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext('comeback:earnings'))`.execute(db)
    return
  }
  await db
    .updateTable('earnings')
    .set({ once_key: sql<string>`once_key` })
    .where(sql<boolean>`1 = 0`)
    .execute()
}
