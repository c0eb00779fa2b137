import { type Insertable, type Kysely, type Selectable, sql } from 'kysely'
import type { Database } from '../schema.js'
import type { AlertsTable, KeepPlansTable, KeepTables } from '../schema-keep.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** A stored keep-plan. */
export type KeepPlanRow = Selectable<KeepPlansTable>
/** A stored alert. */
export type AlertRow = Selectable<AlertsTable>
/** What a new keep-plan needs; it is stamped now. */
export type NewKeepPlan = Omit<Insertable<KeepPlansTable>, 'id' | 'created_at'>
/** What a new alert needs; it starts unacknowledged, stamped now. */
export type NewAlert = Omit<
  Insertable<AlertsTable>,
  'id' | 'created_at' | 'acknowledged_by' | 'acknowledged_at'
>

/** The database with migration 0017's tables, on the same connection or transaction. */
export function keepDb(target: Queryable): Kysely<Database & KeepTables> {
  return dbOf(target).withTables<KeepTables>()
}

/**
 * Adds the keep-plan of a won case; a case that already has one keeps it (`created` false), so a
 * replayed win adds nothing.
 * @example await insertKeepPlan(trx, { case_id: 7, customer_id: 'C-1', owner_id: 3, … })
 */
export async function insertKeepPlan(
  target: Queryable,
  row: NewKeepPlan,
): Promise<{ created: boolean }> {
  const result = await keepDb(target)
    .insertInto('keep_plans')
    .values({ ...row, created_at: nowTimestamp() })
    .onConflict((conflict) => conflict.column('case_id').doNothing())
    .executeTakeFirst()
  return { created: Number(result.numInsertedOrUpdatedRows ?? 0) > 0 }
}

/** Which keep-plans a read returns; every filter narrows. */
export interface KeepPlanFilter {
  readonly customerId?: string
  /** plans won on or after this day */
  readonly wonSince?: string
  /** plans won before this day */
  readonly wonBefore?: string
}

/** Keep-plans passing every filter, newest win first. */
export async function listKeepPlans(
  target: Queryable,
  filter: KeepPlanFilter = {},
): Promise<KeepPlanRow[]> {
  let query = keepDb(target).selectFrom('keep_plans').selectAll()
  if (filter.customerId !== undefined) {
    query = query.where('customer_id', '=', filter.customerId)
  }
  if (filter.wonSince !== undefined) {
    query = query.where('won_on', '>=', filter.wonSince)
  }
  if (filter.wonBefore !== undefined) {
    query = query.where('won_on', '<', filter.wonBefore)
  }
  return query.orderBy('won_on', 'desc').orderBy('id', 'desc').execute()
}

/**
 * Raises an alert unless its trigger already raised one (the unique `trigger_key`); true when this
 * call added it.
 * @example await insertAlert(store, { kind: 'p_alive_slip', trigger_key: 'p_alive_slip:case:7:run:12', … })
 */
export async function insertAlert(target: Queryable, row: NewAlert): Promise<boolean> {
  const result = await keepDb(target)
    .insertInto('alerts')
    .values({ ...row, created_at: nowTimestamp(), acknowledged_by: null, acknowledged_at: null })
    .onConflict((conflict) => conflict.column('trigger_key').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/** Which alerts a list shows; every filter narrows. */
export interface AlertFilter {
  /** owners whose alerts to show (null owner only for an unfiltered read) */
  readonly ownerIds?: readonly number[]
  readonly open?: boolean
  readonly customerId?: string
  readonly kind?: string
}

/** Alerts passing every filter, newest first. */
export async function listAlerts(target: Queryable, filter: AlertFilter = {}): Promise<AlertRow[]> {
  let query = keepDb(target).selectFrom('alerts').selectAll()
  if (filter.ownerIds !== undefined) {
    query = query.where('owner_id', 'in', [...filter.ownerIds, -1])
  }
  if (filter.open === true) {
    query = query.where('acknowledged_at', 'is', null)
  }
  if (filter.customerId !== undefined) {
    query = query.where('customer_id', '=', filter.customerId)
  }
  if (filter.kind !== undefined) {
    query = query.where('kind', '=', filter.kind)
  }
  return query.orderBy('id', 'desc').execute()
}

/** One alert, or undefined. */
export async function getAlert(target: Queryable, id: number): Promise<AlertRow | undefined> {
  return keepDb(target).selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * Marks an alert acknowledged if nobody has yet (a conditional update); true when this call did.
 * @example await acknowledgeAlert(trx, 41, 3)
 */
export async function acknowledgeAlert(
  target: Queryable,
  id: number,
  userId: number | null,
): Promise<boolean> {
  const result = await keepDb(target)
    .updateTable('alerts')
    .set({ acknowledged_by: userId, acknowledged_at: nowTimestamp() })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** One customer's score in one run, as the keep watch reads it. */
export interface WatchedScore {
  readonly runId: number
  readonly asOf: string
  readonly customerId: string
  readonly status: string
  readonly pAlive: number | null
  readonly lostSince: string | null
  readonly lastOrderOn: string | null
}

function toWatched(row: {
  run_id: number | string
  as_of: string
  customer_id: string
  status: string
  p_alive: number | string | null
  lost_since: string | null
  last_order_on: string | null
}): WatchedScore {
  return {
    runId: Number(row.run_id),
    asOf: row.as_of,
    customerId: row.customer_id,
    status: row.status,
    pAlive: row.p_alive === null ? null : Number(row.p_alive),
    lostSince: row.lost_since,
    lastOrderOn: row.last_order_on,
  }
}

/**
 * Every stored score of these customers, oldest run first: the status history the keep watch and
 * the re-lapse count read.
 */
export async function readKeepScoreHistory(
  target: Queryable,
  customerIds: readonly string[],
): Promise<WatchedScore[]> {
  const found: WatchedScore[] = []
  for (let start = 0; start < customerIds.length; start += 500) {
    const rows = await dbOf(target)
      .selectFrom('customer_scores as s')
      .innerJoin('analysis_runs as r', 'r.id', 's.run_id')
      .select([
        's.run_id',
        'r.as_of',
        's.customer_id',
        's.status',
        's.p_alive',
        's.lost_since',
        's.last_order_on',
      ])
      .where('s.customer_id', 'in', customerIds.slice(start, start + 500))
      .orderBy('s.run_id')
      .execute()
    found.push(...rows.map(toWatched))
  }
  return found.sort((a, b) => a.runId - b.runId)
}

/** One analysis run's as-of date, or undefined. */
export async function readRunAsOf(target: Queryable, runId: number): Promise<string | undefined> {
  const row = await dbOf(target)
    .selectFrom('analysis_runs')
    .select('as_of')
    .where('id', '=', runId)
    .executeTakeFirst()
  return row?.as_of
}

/** A published incident as the keep watch reads it. */
export interface WatchedIncident {
  readonly incidentKey: string
  readonly customerId: string
  readonly kind: string
  readonly occurredOn: string
  readonly description: string | null
}

/** The published incidents of these customers that happened on or after `since`. */
export async function readIncidentsSince(
  target: Queryable,
  customerIds: readonly string[],
  since: string,
): Promise<WatchedIncident[]> {
  const found: WatchedIncident[] = []
  for (let start = 0; start < customerIds.length; start += 500) {
    const rows = await dbOf(target)
      .selectFrom('visible_incidents')
      .select(['incident_key', 'customer_id', 'kind', 'occurred_on', 'description'])
      .where('customer_id', 'in', customerIds.slice(start, start + 500))
      .where('occurred_on', '>=', since)
      .orderBy('occurred_on')
      .orderBy('id')
      .execute()
    found.push(
      ...rows.map((row) => ({
        incidentKey: row.incident_key,
        customerId: row.customer_id,
        kind: row.kind,
        occurredOn: row.occurred_on,
        description: row.description,
      })),
    )
  }
  return found
}

/** A customer case that ended won back, with its reason codes (live or merged, as recorded). */
export interface WonCaseLine {
  readonly caseId: number
  readonly customerId: string
  readonly ownerId: number
  readonly wonOn: string
  readonly reasonCodes: string[]
}

/** Every customer case won back on or before `asOf`, oldest win first. */
export async function readWonCustomerCases(
  target: Queryable,
  asOf: string,
): Promise<WonCaseLine[]> {
  const db = dbOf(target)
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'customer_id', 'owner_id', 'ended_on'])
    .where('stage', '=', 'won_back')
    .where('subject_kind', '=', 'customer')
    .where('ended_on', 'is not', null)
    .where('ended_on', '<=', asOf)
    .orderBy('ended_on')
    .orderBy('id')
    .execute()
  const reasons = await db
    .selectFrom('case_reasons as cr')
    .innerJoin('reasons as r', 'r.id', 'cr.reason_id')
    .innerJoin('cases as c', 'c.id', 'cr.case_id')
    .select(['cr.case_id', 'r.code'])
    .where('c.stage', '=', 'won_back')
    .orderBy('r.code')
    .execute()
  const codesByCase = new Map<number, string[]>()
  for (const row of reasons) {
    const codes = codesByCase.get(Number(row.case_id)) ?? []
    codes.push(row.code)
    codesByCase.set(Number(row.case_id), codes)
  }
  return cases.map((row) => ({
    caseId: Number(row.id),
    customerId: row.customer_id,
    ownerId: Number(row.owner_id),
    wonOn: row.ended_on ?? '',
    reasonCodes: codesByCase.get(Number(row.id)) ?? [],
  }))
}

/** The latest stored score of one customer, or undefined when no run scored them. */
export async function readLatestScoreOf(
  target: Queryable,
  customerId: string,
): Promise<WatchedScore | undefined> {
  const row = await dbOf(target)
    .selectFrom('customer_scores as s')
    .innerJoin('analysis_runs as r', 'r.id', 's.run_id')
    .select([
      's.run_id',
      'r.as_of',
      's.customer_id',
      's.status',
      's.p_alive',
      's.lost_since',
      's.last_order_on',
    ])
    .where('s.customer_id', '=', customerId)
    .orderBy('s.run_id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? undefined : toWatched(row)
}

const countAll = sql<number>`count(*)`

/** Per customer, over a window: orders, those cancelled or refunded, and incidents. */
export interface LetGoFacts {
  readonly customerId: string
  readonly orders: number
  readonly refundedOrCancelled: number
  readonly incidents: number
  readonly incidentCostMinor: number
}

/**
 * The facts the let-go rule reads for every customer with an incident or a cancelled or refunded
 * order (or a negative refund row) since `since`: customers with neither can never meet it.
 */
export async function readLetGoFacts(target: Queryable, since: string): Promise<LetGoFacts[]> {
  const db = dbOf(target)
  const incidents = await db
    .selectFrom('visible_incidents')
    .select(['customer_id', countAll.as('n'), sql<number>`sum(cost_minor)`.as('cost')])
    .where('occurred_on', '>=', since)
    .groupBy('customer_id')
    .execute()
  const orders = await db
    .selectFrom('visible_orders')
    .select([
      'customer_id',
      countAll.as('n'),
      sql<number>`sum(case when status <> 'placed' or amount_minor < 0 then 1 else 0 end)`.as(
        'bad',
      ),
    ])
    .where('ordered_on', '>=', since)
    .groupBy('customer_id')
    .having(
      sql<boolean>`sum(case when status <> 'placed' or amount_minor < 0 then 1 else 0 end) > 0`,
    )
    .execute()
  const facts = new Map<string, LetGoFacts>()
  const blank = (customerId: string): LetGoFacts => ({
    customerId,
    orders: 0,
    refundedOrCancelled: 0,
    incidents: 0,
    incidentCostMinor: 0,
  })
  for (const row of incidents) {
    facts.set(row.customer_id, {
      ...blank(row.customer_id),
      incidents: Number(row.n),
      incidentCostMinor: Number(row.cost ?? 0),
    })
  }
  for (const row of orders) {
    facts.set(row.customer_id, {
      ...(facts.get(row.customer_id) ?? blank(row.customer_id)),
      orders: Number(row.n),
      refundedOrCancelled: Number(row.bad),
    })
  }
  const missingOrders = [...facts.values()].filter((fact) => fact.orders === 0)
  await fillOrderCounts(target, since, missingOrders, facts)
  return [...facts.values()].sort((a, b) => a.customerId.localeCompare(b.customerId))
}

// customers with incidents but no bad orders still need their order count for the share
async function fillOrderCounts(
  target: Queryable,
  since: string,
  missing: readonly LetGoFacts[],
  facts: Map<string, LetGoFacts>,
): Promise<void> {
  const ids = missing.map((fact) => fact.customerId)
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await dbOf(target)
      .selectFrom('visible_orders')
      .select(['customer_id', countAll.as('n')])
      .where('customer_id', 'in', ids.slice(start, start + 500))
      .where('ordered_on', '>=', since)
      .groupBy('customer_id')
      .execute()
    for (const row of rows) {
      const fact = facts.get(row.customer_id)
      if (fact !== undefined) {
        facts.set(row.customer_id, { ...fact, orders: Number(row.n) })
      }
    }
  }
}
