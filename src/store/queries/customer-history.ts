import { sql } from 'kysely'
import type { CustomerScoresTable } from '../schema.js'
import { dbOf, type Queryable } from './queryable.js'

/** One run's verdict on one customer, with the run's date and model. */
export type ScoreHistoryRow = CustomerScoresTable & {
  readonly as_of: string
  readonly model: string | null
}

/**
 * Every analysis run's scores of one customer, oldest run first: their status and P(alive) over
 * time (each run keeps its rows, SPEC "Lapse status").
 * @example const history = await readScoreHistory(store, 'C-1001')
 */
export async function readScoreHistory(
  target: Queryable,
  customerId: string,
): Promise<ScoreHistoryRow[]> {
  const rows = await dbOf(target)
    .selectFrom('customer_scores as s')
    .innerJoin('analysis_runs as r', 'r.id', 's.run_id')
    .selectAll('s')
    .select(['r.as_of', 'r.model'])
    .where('s.customer_id', '=', customerId)
    .orderBy('s.run_id')
    .execute()
  return rows.map((row) => ({ ...row, run_id: Number(row.run_id) }))
}

/** A customer's placed orders in one calendar month. */
export interface MonthlyOrders {
  /** `YYYY-MM` */
  readonly month: string
  readonly orders: number
  /** net amount (refund rows are negative) in minor units */
  readonly amount_minor: number
}

/**
 * One customer's placed orders by month, oldest first (months without orders are left out).
 * @example const months = await readMonthlyOrders(store, 'C-1001')
 */
export async function readMonthlyOrders(
  target: Queryable,
  customerId: string,
): Promise<MonthlyOrders[]> {
  const month = sql<string>`substr(ordered_on, 1, 7)`
  const rows = await dbOf(target)
    .selectFrom('visible_orders')
    .select((eb) => [
      month.as('month'),
      eb.fn.countAll<number>().as('orders'),
      eb.fn.sum<number>('amount_minor').as('amount_minor'),
    ])
    .where('customer_id', '=', customerId)
    .where('status', '=', 'placed')
    .groupBy(month)
    .orderBy(month)
    .execute()
  return rows.map((row) => ({
    month: row.month,
    orders: Number(row.orders),
    amount_minor: Number(row.amount_minor),
  }))
}
