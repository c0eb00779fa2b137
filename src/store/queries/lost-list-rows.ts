import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { ListedStatus } from './lost-list.js'
import { dbOf, type Queryable } from './queryable.js'

/** One customer or lost deal of the lost list, with what the page shows of it. */
export interface LostRow {
  readonly kind: 'customer' | 'deal'
  /** the customer id, or the deal id as text */
  readonly id: string
  readonly customer_id: string
  readonly name: string | null
  readonly segment: string | null
  readonly owner_id: number | null
  /** the status the list was filtered by: a listed customer is never active */
  readonly status: ListedStatus
  readonly status_rule: string
  readonly lost_since: string | null
  readonly p_alive: number | null
  readonly overdue_days: number | null
  readonly value_if_won_back_minor: number
  readonly win_back_probability: number
  readonly expected_value_minor: number
  readonly reason: string | null
  readonly explanation: string
}

const numberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(value)

/**
 * The rows of the given customers in one run, with their name, segment, owner id and the reason code
 * their newest win-back case recorded; in no particular order.
 * @example const rows = await readLostCustomerRows(store, runId, ['C-1', 'C-2'])
 */
export async function readLostCustomerRows(
  target: Queryable,
  runId: number,
  customerIds: readonly string[],
): Promise<LostRow[]> {
  if (customerIds.length === 0) {
    return []
  }
  const db = dbOf(target)
  const rows = await db
    .selectFrom('customer_scores as s')
    .innerJoin('visible_customers as c', 'c.id', 's.customer_id')
    .select([
      's.customer_id',
      's.status',
      's.status_rule',
      's.lost_since',
      's.p_alive',
      's.overdue_days',
      's.value_if_won_back_minor',
      's.win_back_probability',
      's.expected_value_minor',
      's.explanation',
      'c.name',
      'c.segment',
      'c.owner_id',
    ])
    .where('s.run_id', '=', runId)
    .where('s.customer_id', 'in', [...customerIds])
    .execute()
  const reasons = await newestCaseReasons(db, customerIds)
  return rows.map((row) => ({
    kind: 'customer',
    id: row.customer_id,
    customer_id: row.customer_id,
    name: row.name,
    segment: row.segment,
    owner_id: numberOrNull(row.owner_id),
    status: row.status as ListedStatus,
    status_rule: row.status_rule,
    lost_since: row.lost_since,
    p_alive: numberOrNull(row.p_alive),
    overdue_days: numberOrNull(row.overdue_days),
    value_if_won_back_minor: Number(row.value_if_won_back_minor),
    win_back_probability: Number(row.win_back_probability),
    expected_value_minor: Number(row.expected_value_minor),
    reason: reasons.get(row.customer_id) ?? null,
    explanation: row.explanation,
  }))
}

// the first reason code of each customer's newest case that recorded one
async function newestCaseReasons(
  db: Kysely<Database>,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('cases as k')
    .innerJoin('case_reasons as cr', 'cr.case_id', 'k.id')
    .innerJoin('reasons as r', 'r.id', 'cr.reason_id')
    .select(['k.customer_id', 'r.code'])
    .where('k.customer_id', 'in', [...customerIds])
    .where('k.subject_kind', '=', 'customer')
    .orderBy('k.id', 'desc')
    .orderBy('r.code')
    .execute()
  const reasons = new Map<string, string>()
  for (const row of rows) {
    if (!reasons.has(row.customer_id)) {
      reasons.set(row.customer_id, row.code)
    }
  }
  return reasons
}

/**
 * The rows of the given lost deals in one run, with the prospect's segment and the deal's owner id
 * (the account's when the deal names none); in no particular order.
 * @example const rows = await readLostDealRows(store, runId, [12, 13])
 */
export async function readLostDealRows(
  target: Queryable,
  runId: number,
  dealIds: readonly number[],
): Promise<LostRow[]> {
  if (dealIds.length === 0) {
    return []
  }
  const rows = await dbOf(target)
    .selectFrom('deal_scores as ds')
    .innerJoin('visible_deals as d', 'd.id', 'ds.deal_id')
    .leftJoin('visible_customers as c', 'c.id', 'd.customer_id')
    .select((eb) => [
      'ds.deal_id',
      'ds.value_if_won_back_minor',
      'ds.win_back_probability',
      'ds.expected_value_minor',
      'ds.explanation',
      'd.customer_id',
      'd.name',
      'd.closed_on',
      'd.lost_reason',
      'c.segment',
      eb.fn.coalesce('d.owner_id', 'c.owner_id').as('owner_id'),
    ])
    .where('ds.run_id', '=', runId)
    .where('ds.deal_id', 'in', [...dealIds])
    .execute()
  return rows.map((row) => ({
    kind: 'deal',
    id: String(row.deal_id),
    customer_id: row.customer_id,
    name: row.name,
    segment: row.segment,
    owner_id: numberOrNull(row.owner_id),
    status: 'lost',
    status_rule: 'lost_deal',
    lost_since: row.closed_on,
    p_alive: null,
    overdue_days: null,
    value_if_won_back_minor: Number(row.value_if_won_back_minor),
    win_back_probability: Number(row.win_back_probability),
    expected_value_minor: Number(row.expected_value_minor),
    reason: row.lost_reason,
    explanation: row.explanation,
  }))
}
