import { sql } from 'kysely'
import { campaignDb } from './campaigns.js'
import { makeGoodDb } from './make-goods.js'
import { dbOf, type Queryable } from './queryable.js'

/**
 * The raw facts behind the program's figures (SPEC §10), read as small grouped rows so that the
 * sums over orders and scores run where the data lives; `src/app/program-figures` does the maths.
 * A period is two ISO days, both included.
 */
export interface FigurePeriod {
  readonly from: string
  readonly to: string
}

/** One case with what the figures group it by. */
export interface CaseFact {
  readonly case_id: number
  readonly customer_id: string
  readonly stage: string
  readonly opened_on: string
  readonly ended_on: string | null
  readonly owner_id: number
  readonly segment: string | null
  readonly rep_ids: readonly number[]
  /** the case's primary reason: the first one recorded (reason id breaks ties) */
  readonly reason_code: string | null
}

const numberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(value)

const CHUNK = 500

/**
 * Every case opened on or before `openedTo`, open or ended, with its owner, the customer's segment
 * (as now), its reps and its primary reason, by id. Cases number in the thousands, not millions.
 */
export async function readCaseFacts(target: Queryable, openedTo: string): Promise<CaseFact[]> {
  const rows = await dbOf(target)
    .selectFrom('cases as k')
    .leftJoin('visible_customers as c', 'c.id', 'k.customer_id')
    .select([
      'k.id',
      'k.customer_id',
      'k.stage',
      'k.opened_on',
      'k.ended_on',
      'k.owner_id',
      'c.segment',
    ])
    .where('k.opened_on', '<=', openedTo)
    .orderBy('k.id')
    .execute()
  const ids = rows.map((row) => Number(row.id))
  const reps = new Map<number, number[]>()
  const reasons = new Map<number, string>()
  for (let start = 0; start < ids.length; start += CHUNK) {
    const some = ids.slice(start, start + CHUNK)
    const repRows = await dbOf(target)
      .selectFrom('case_reps')
      .select(['case_id', 'user_id'])
      .where('case_id', 'in', some)
      .orderBy('case_id')
      .orderBy('user_id')
      .execute()
    for (const row of repRows) {
      const list = reps.get(Number(row.case_id)) ?? []
      list.push(Number(row.user_id))
      reps.set(Number(row.case_id), list)
    }
    const reasonRows = await dbOf(target)
      .selectFrom('case_reasons as cr')
      .innerJoin('reasons as r', 'r.id', 'cr.reason_id')
      .select(['cr.case_id', 'r.code'])
      .where('cr.case_id', 'in', some)
      .orderBy('cr.case_id')
      .orderBy('cr.recorded_at')
      .orderBy('cr.reason_id')
      .execute()
    for (const row of reasonRows) {
      if (!reasons.has(Number(row.case_id))) {
        reasons.set(Number(row.case_id), row.code)
      }
    }
  }
  return rows.map((row) => ({
    case_id: Number(row.id),
    customer_id: row.customer_id,
    stage: row.stage,
    opened_on: row.opened_on,
    ended_on: row.ended_on,
    owner_id: Number(row.owner_id),
    segment: row.segment ?? null,
    rep_ids: reps.get(Number(row.id)) ?? [],
    reason_code: reasons.get(Number(row.id)) ?? null,
  }))
}

/** A person as the figures group by them: role and manager. */
export interface FigurePerson {
  readonly id: number
  readonly name: string
  readonly role: string
  readonly manager_id: number | null
}

/** Every user, for grouping by manager and rep. */
export async function readFigurePeople(target: Queryable): Promise<FigurePerson[]> {
  const rows = await dbOf(target)
    .selectFrom('users')
    .select(['id', 'name', 'role', 'manager_id'])
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    role: row.role,
    manager_id: numberOrNull(row.manager_id),
  }))
}

/**
 * Per won-back case, the placed orders' revenue (refund rows are negative amounts, so the sum is
 * net of refunds; cancelled and refunded orders count nothing) of its customer on or after the
 * win day and inside the period.
 */
export async function readRevenueSinceWin(
  target: Queryable,
  period: FigurePeriod,
): Promise<Map<number, number>> {
  const rows = await dbOf(target)
    .selectFrom('cases as k')
    .innerJoin('visible_orders as o', 'o.customer_id', 'k.customer_id')
    .select(['k.id', (eb) => eb.fn.sum<number>('o.amount_minor').as('revenue')])
    .where('k.stage', '=', 'won_back')
    .where('k.ended_on', 'is not', null)
    .whereRef('o.ordered_on', '>=', 'k.ended_on')
    .where('o.ordered_on', '>=', period.from)
    .where('o.ordered_on', '<=', period.to)
    .where('o.status', '=', 'placed')
    .groupBy('k.id')
    .execute()
  return new Map(rows.map((row) => [Number(row.id), Number(row.revenue ?? 0)]))
}

/**
 * Per won-back case, the earliest "lost since" any stored analysis run gave its customer after the
 * win day: the status history that says whether the customer was lost again.
 */
export async function readLostAgainAfterWin(target: Queryable): Promise<Map<number, string>> {
  const rows = await dbOf(target)
    .selectFrom('cases as k')
    .innerJoin('customer_scores as s', 's.customer_id', 'k.customer_id')
    .select(['k.id', (eb) => eb.fn.min<string>('s.lost_since').as('lost_since')])
    .where('k.stage', '=', 'won_back')
    .where('k.ended_on', 'is not', null)
    .where('s.status', '=', 'lost')
    .whereRef('s.lost_since', '>', 'k.ended_on')
    .groupBy('k.id')
    .execute()
  return new Map(
    rows
      .filter((row) => row.lost_since !== null)
      .map((row) => [Number(row.id), String(row.lost_since)]),
  )
}

/** The first moment after `day`, for comparing timestamps with a period's last day. */
const endOf = (day: string) => `${day}T99`

/** Per case, the make-good payouts made in the period (approved offers' money). */
export async function readPayoutsByCase(
  target: Queryable,
  period: FigurePeriod,
): Promise<Map<number, number>> {
  const rows = await makeGoodDb(target)
    .selectFrom('make_good_payouts as p')
    .innerJoin('make_goods as m', 'm.id', 'p.make_good_id')
    .select(['m.case_id', (eb) => eb.fn.sum<number>('p.amount_minor').as('amount')])
    .where('p.created_at', '>=', period.from)
    .where('p.created_at', '<', endOf(period.to))
    .groupBy('m.case_id')
    .execute()
  return new Map(rows.map((row) => [Number(row.case_id), Number(row.amount ?? 0)]))
}

/** Per case, the price concessions offered in the period and how many of them were approved. */
export async function readPriceConcessionsByCase(
  target: Queryable,
  period: FigurePeriod,
): Promise<Map<number, { offered: number; approved: number }>> {
  const rows = await makeGoodDb(target)
    .selectFrom('make_goods')
    .select(['case_id', 'status'])
    .where('flags_json', 'like', '%"price_concession"%')
    .where('proposed_at', '>=', period.from)
    .where('proposed_at', '<', endOf(period.to))
    .execute()
  const found = new Map<number, { offered: number; approved: number }>()
  for (const row of rows) {
    const was = found.get(Number(row.case_id)) ?? { offered: 0, approved: 0 }
    found.set(Number(row.case_id), {
      offered: was.offered + 1,
      approved: was.approved + (row.status === 'approved' ? 1 : 0),
    })
  }
  return found
}

/** Per case, the bounty ledger's net earnings (credits less reversals) entered in the period. */
export async function readEarningsByCase(
  target: Queryable,
  period: FigurePeriod,
): Promise<Map<number, number>> {
  const rows = await makeGoodDb(target)
    .selectFrom('earnings')
    .select(['case_id', (eb) => eb.fn.sum<number>('amount_minor').as('amount')])
    .where('created_at', '>=', period.from)
    .where('created_at', '<', endOf(period.to))
    .groupBy('case_id')
    .execute()
  return new Map(rows.map((row) => [Number(row.case_id), Number(row.amount ?? 0)]))
}

/** Closed deals of one status, segment and owner (the deal's, else its account's), counted. */
export interface ClosedDealGroup {
  readonly status: 'won' | 'lost'
  readonly segment: string | null
  readonly owner_id: number | null
  readonly count: number
}

/** The deals closed (won or lost) in the period, grouped by status, segment and owner. */
export async function readClosedDealGroups(
  target: Queryable,
  period: FigurePeriod,
): Promise<ClosedDealGroup[]> {
  const owner = sql<number | null>`coalesce(d.owner_id, c.owner_id)`
  const rows = await dbOf(target)
    .selectFrom('visible_deals as d')
    .leftJoin('visible_customers as c', 'c.id', 'd.customer_id')
    .select([
      'd.status',
      'c.segment',
      owner.as('owner_id'),
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .where('d.status', 'in', ['won', 'lost'])
    .where('d.closed_on', '>=', period.from)
    .where('d.closed_on', '<=', period.to)
    .groupBy(['d.status', 'c.segment', owner])
    .execute()
  return rows.map((row) => ({
    status: row.status as 'won' | 'lost',
    segment: row.segment ?? null,
    owner_id: numberOrNull(row.owner_id),
    count: Number(row.count),
  }))
}

/** Customers of one segment and owner (as now) counted by a churn rule. */
export interface CustomerCountGroup {
  readonly segment: string | null
  readonly owner_id: number | null
  readonly count: number
}

/** The newest analysis run dated on or before `day`, if any. */
export async function readFigureRunOnOrBefore(
  target: Queryable,
  day: string,
): Promise<{ id: number; as_of: string } | undefined> {
  const row = await dbOf(target)
    .selectFrom('analysis_runs')
    .select(['id', 'as_of'])
    .where('as_of', '<=', day)
    .orderBy('as_of', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? undefined : { id: Number(row.id), as_of: row.as_of }
}

/** How a run's customers are counted for churn. */
export type ChurnCount =
  /** lost, with "lost since" after `from` and on or before `to` */
  | { readonly kind: 'became_lost'; readonly from: string; readonly to: string }
  /** active or at risk in that run */
  | { readonly kind: 'active' }
  /** ordered by `day` and not lost by then (lost since null or after it) */
  | { readonly kind: 'not_lost_at'; readonly day: string }

/** A run's customers counted by one churn rule, grouped by segment and owner (as now). */
export async function readChurnCounts(
  target: Queryable,
  runId: number,
  count: ChurnCount,
): Promise<CustomerCountGroup[]> {
  let query = dbOf(target)
    .selectFrom('customer_scores as s')
    .innerJoin('visible_customers as c', 'c.id', 's.customer_id')
    .select(['c.segment', 'c.owner_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('s.run_id', '=', runId)
  if (count.kind === 'became_lost') {
    query = query
      .where('s.status', '=', 'lost')
      .where('s.lost_since', '>', count.from)
      .where('s.lost_since', '<=', count.to)
  } else if (count.kind === 'active') {
    query = query.where('s.status', 'in', ['active', 'at_risk'])
  } else {
    query = query
      .where('s.first_order_on', '<=', count.day)
      .where((eb) => eb.or([eb('s.lost_since', 'is', null), eb('s.lost_since', '>', count.day)]))
  }
  const rows = await query.groupBy(['c.segment', 'c.owner_id']).execute()
  return rows.map((row) => ({
    segment: row.segment ?? null,
    owner_id: numberOrNull(row.owner_id),
    count: Number(row.count),
  }))
}

/** The campaigns launched in the period (by launch day), oldest first. */
export async function readCampaignsLaunched(
  target: Queryable,
  period: FigurePeriod,
): Promise<{ id: number; name: string; launched_at: string }[]> {
  const rows = await campaignDb(target)
    .selectFrom('campaigns')
    .select(['id', 'name', 'launched_at'])
    .where('launched_at', 'is not', null)
    .where('launched_at', '>=', period.from)
    .where('launched_at', '<', endOf(period.to))
    .orderBy('launched_at')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    launched_at: row.launched_at ?? '',
  }))
}
