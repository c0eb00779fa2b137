import { dbOf, type Queryable } from './queryable.js'

/** What opening a case or tallying a loss needs to know about a customer. */
export interface CustomerBasics {
  readonly id: string
  readonly name: string | null
  readonly segment: string | null
  readonly territory: string | null
  readonly ownerId: number | null
}

/** A customer's status in the newest analysis run. */
export interface LatestStatus {
  readonly status: 'active' | 'at_risk' | 'lapsed' | 'lost'
  readonly lostSince: string | null
}

/** A lost deal with where its customer falls. */
export interface LostDealLine {
  readonly id: number
  readonly customerId: string
  readonly name: string | null
  readonly lostReason: string | null
  readonly competitor: string | null
  readonly closedOn: string | null
  readonly ownerId: number | null
  readonly valueMinor: number
  readonly recurring: boolean
  readonly segment: string | null
  readonly territory: string | null
  readonly accountOwnerId: number | null
}

const num = (value: number | string | bigint | null): number | null =>
  value === null ? null : Number(value)

/**
 * One customer's name, segment, territory and owner, or undefined.
 * @example const customer = await readCustomerBasics(store, 'C-1')
 */
export async function readCustomerBasics(
  target: Queryable,
  customerId: string,
): Promise<CustomerBasics | undefined> {
  const row = await dbOf(target)
    .selectFrom('visible_customers')
    .select(['id', 'name', 'segment', 'territory', 'owner_id'])
    .where('id', '=', customerId)
    .executeTakeFirst()
  return row === undefined ? undefined : { ...row, ownerId: num(row.owner_id) }
}

/**
 * The customers' statuses in the newest analysis run (missing: not scored, or no run yet).
 * @example const statuses = await readLatestStatuses(store, ['C-1', 'C-2'])
 */
export async function readLatestStatuses(
  target: Queryable,
  customerIds: readonly string[],
): Promise<Map<string, LatestStatus>> {
  const db = dbOf(target)
  const statuses = new Map<string, LatestStatus>()
  const run = await db
    .selectFrom('analysis_runs')
    .select('id')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (run === undefined) {
    return statuses
  }
  const unique = [...new Set(customerIds)]
  for (let start = 0; start < unique.length; start += 1000) {
    const rows = await db
      .selectFrom('customer_scores')
      .select(['customer_id', 'status', 'lost_since'])
      .where('run_id', '=', run.id)
      .where('customer_id', 'in', unique.slice(start, start + 1000))
      .execute()
    for (const row of rows) {
      statuses.set(row.customer_id, { status: row.status, lostSince: row.lost_since })
    }
  }
  return statuses
}

/**
 * Who owned the account on `date` (the spell covering it), falling back to the account's current
 * owner when its history does not reach back that far; null when nobody did.
 * @example const losingRep = await ownerOnDate(store, 'C-1', '2023-11-02')
 */
export async function ownerOnDate(
  target: Queryable,
  customerId: string,
  date: string,
): Promise<number | null> {
  const db = dbOf(target)
  const spell = await db
    .selectFrom('account_ownership')
    .select('user_id')
    .where('customer_id', '=', customerId)
    .where('from_date', '<=', date)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>', date)]))
    .orderBy('from_date', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (spell !== undefined) {
    return Number(spell.user_id)
  }
  const customer = await readCustomerBasics(target, customerId)
  return customer?.ownerId ?? null
}

/**
 * The customer's placed orders in the year up to `date`, in minor units: the yearly revenue a loss
 * on that date took away.
 * @example const lostValue = await revenueInYearBefore(store, 'C-1', '2024-03-01', '2023-03-01')
 */
export async function revenueInYearBefore(
  target: Queryable,
  customerId: string,
  date: string,
  yearBefore: string,
): Promise<number> {
  const row = await dbOf(target)
    .selectFrom('visible_orders')
    .select((eb) => eb.fn.sum<number>('amount_minor').as('total'))
    .where('customer_id', '=', customerId)
    .where('status', '=', 'placed')
    .where('ordered_on', '>', yearBefore)
    .where('ordered_on', '<=', date)
    .executeTakeFirst()
  return Number(row?.total ?? 0)
}

/**
 * Lost deals with their customer's segment, territory and owner; one deal, or all of them.
 * @example const [deal] = await readLostDeals(store, { dealId: 17 })
 */
export async function readLostDeals(
  target: Queryable,
  filter: { readonly dealId?: number; readonly customerId?: string } = {},
): Promise<LostDealLine[]> {
  let query = dbOf(target)
    .selectFrom('visible_deals as d')
    .innerJoin('visible_customers as c', 'c.id', 'd.customer_id')
    .select(['d.id', 'd.customer_id', 'd.name', 'd.lost_reason', 'd.competitor', 'd.closed_on'])
    .select(['d.owner_id', 'd.value_minor', 'd.recurring', 'c.segment', 'c.territory'])
    .select('c.owner_id as account_owner_id')
    .where('d.status', '=', 'lost')
  if (filter.dealId !== undefined) {
    query = query.where('d.id', '=', filter.dealId)
  }
  if (filter.customerId !== undefined) {
    query = query.where('d.customer_id', '=', filter.customerId)
  }
  const rows = await query.orderBy('d.id').execute()
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: row.customer_id,
    name: row.name,
    lostReason: row.lost_reason,
    competitor: row.competitor,
    closedOn: row.closed_on,
    ownerId: num(row.owner_id),
    valueMinor: Number(row.value_minor),
    recurring: Number(row.recurring) === 1,
    segment: row.segment,
    territory: row.territory,
    accountOwnerId: num(row.account_owner_id),
  }))
}

/** A case as a loss: its subject, where that falls, and what the case recorded about the loss. */
export interface CaseLossLine {
  readonly caseId: number
  readonly subjectKind: 'customer' | 'deal'
  readonly subjectKey: string
  readonly customerId: string
  readonly dealId: number | null
  readonly stage: string
  readonly endedOn: string | null
  readonly restUntil: string | null
  readonly ownerId: number
  readonly lostOn: string | null
  readonly losingRepId: number | null
  readonly lostValueMinor: number
  readonly segment: string | null
  readonly territory: string | null
  readonly accountOwnerId: number | null
}

/**
 * Every case as a loss, newest case of a subject first.
 * @example const losses = await readCaseLosses(store)
 */
export async function readCaseLosses(target: Queryable): Promise<CaseLossLine[]> {
  const rows = await dbOf(target)
    .selectFrom('cases as k')
    .innerJoin('customers as c', 'c.id', 'k.customer_id')
    .select(['k.id', 'k.subject_kind', 'k.subject_key', 'k.customer_id', 'k.deal_id', 'k.stage'])
    .select(['k.ended_on', 'k.rest_until', 'k.owner_id', 'k.lost_on', 'k.losing_rep_id'])
    .select(['k.lost_value_minor', 'c.segment', 'c.territory', 'c.owner_id as account_owner_id'])
    .orderBy('k.subject_key')
    .orderBy('k.id', 'desc')
    .execute()
  return rows.map((row) => ({
    caseId: Number(row.id),
    subjectKind: row.subject_kind,
    subjectKey: row.subject_key,
    customerId: row.customer_id,
    dealId: num(row.deal_id),
    stage: row.stage,
    endedOn: row.ended_on,
    restUntil: row.rest_until,
    ownerId: Number(row.owner_id),
    lostOn: row.lost_on,
    losingRepId: num(row.losing_rep_id),
    lostValueMinor: Number(row.lost_value_minor),
    segment: row.segment,
    territory: row.territory,
    accountOwnerId: num(row.account_owner_id),
  }))
}
