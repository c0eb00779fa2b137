import { sql } from 'kysely'
import { dbOf, type Queryable } from './queryable.js'

/** What one customer's score in a run adds to the run's figures (segment and owner as now). */
export interface ScoreSummaryRow {
  readonly customer_id: string
  readonly status: 'active' | 'at_risk' | 'lapsed' | 'lost'
  /** false when the customer is not visible (an unpublished import's row) */
  readonly visible: boolean
  readonly segment: string | null
  readonly owner_id: number | null
  readonly lost_since: string | null
  readonly first_order_on: string | null
  readonly overdue_days: number | null
  readonly value_if_won_back_minor: number
  readonly win_back_probability: number
  readonly expected_value_minor: number
}

const numberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(value)

/**
 * Up to `limit` customer scores of a run after `afterCustomerId`, in customer id order: a walk
 * along the run's primary key in short steps, so a million scores can be summed without holding
 * the database (or, on SQLite, the thread) for long.
 * @example const rows = await readScoreSummaryChunk(store, { runId, after: null, limit: 20_000 })
 */
export async function readScoreSummaryChunk(
  target: Queryable,
  chunk: { runId: number; after: string | null; limit: number },
): Promise<ScoreSummaryRow[]> {
  let query = dbOf(target)
    .selectFrom('customer_scores as s')
    .leftJoin('visible_customers as c', 'c.id', 's.customer_id')
    .select([
      's.customer_id',
      's.status',
      's.lost_since',
      's.first_order_on',
      's.overdue_days',
      's.value_if_won_back_minor',
      's.win_back_probability',
      's.expected_value_minor',
      'c.id as visible_id',
      'c.segment',
      'c.owner_id',
    ])
    .where('s.run_id', '=', chunk.runId)
  if (chunk.after !== null) {
    query = query.where('s.customer_id', '>', chunk.after)
  }
  const rows = await query.orderBy('s.customer_id').limit(chunk.limit).execute()
  return rows.map((row) => ({
    customer_id: row.customer_id,
    status: row.status,
    visible: row.visible_id !== null,
    segment: row.segment ?? null,
    owner_id: numberOrNull(row.owner_id),
    lost_since: row.lost_since,
    first_order_on: row.first_order_on,
    overdue_days: numberOrNull(row.overdue_days),
    value_if_won_back_minor: Number(row.value_if_won_back_minor),
    win_back_probability: Number(row.win_back_probability),
    expected_value_minor: Number(row.expected_value_minor),
  }))
}

/** One lost deal scored by a run, as the run's figures and the lost list need it. */
export interface DealSummaryRow {
  readonly deal_id: number
  readonly name: string | null
  readonly customer_id: string
  readonly customer_name: string | null
  readonly closed_on: string | null
  readonly lost_reason: string | null
  readonly segment: string | null
  /** the deal's owner, or its account's when it names none */
  readonly owner_id: number | null
  readonly value_if_won_back_minor: number
  readonly win_back_probability: number
  readonly expected_value_minor: number
}

/**
 * Every visible lost deal a run scored, with its prospect's name and segment and its owner, by id.
 * @example const deals = await readDealSummary(store, runId)
 */
export async function readDealSummary(target: Queryable, runId: number): Promise<DealSummaryRow[]> {
  const rows = await dbOf(target)
    .selectFrom('deal_scores as ds')
    .innerJoin('visible_deals as d', 'd.id', 'ds.deal_id')
    .leftJoin('visible_customers as c', 'c.id', 'd.customer_id')
    .select((eb) => [
      'ds.deal_id',
      'd.name',
      'd.customer_id',
      'c.name as customer_name',
      'd.closed_on',
      'd.lost_reason',
      'c.segment',
      eb.fn.coalesce('d.owner_id', 'c.owner_id').as('owner_id'),
      'ds.value_if_won_back_minor',
      'ds.win_back_probability',
      'ds.expected_value_minor',
    ])
    .where('ds.run_id', '=', runId)
    .orderBy('ds.deal_id')
    .execute()
  return rows.map((row) => ({
    deal_id: Number(row.deal_id),
    name: row.name,
    customer_id: row.customer_id,
    customer_name: row.customer_name ?? null,
    closed_on: row.closed_on,
    lost_reason: row.lost_reason,
    segment: row.segment ?? null,
    owner_id: numberOrNull(row.owner_id),
    value_if_won_back_minor: Number(row.value_if_won_back_minor),
    win_back_probability: Number(row.win_back_probability),
    expected_value_minor: Number(row.expected_value_minor),
  }))
}

/** Who each user is called, for naming owners. */
export async function readUserNames(target: Queryable): Promise<Map<number, string>> {
  const rows = await dbOf(target).selectFrom('users').select(['id', 'name']).execute()
  return new Map(rows.map((row) => [Number(row.id), row.name]))
}

/** A reason code exit interviews found, over the customers a run scored lost. */
export interface CaseReasonFigure {
  readonly code: string
  readonly customers: number
  readonly value_if_won_back_minor: number
}

/**
 * The reason codes win-back cases recorded for customers the run scored lost: how many such
 * customers, and what they would bring back (a customer with two reasons counts for both).
 * @example const reasons = await readCaseReasonFigures(store, runId)
 */
export async function readCaseReasonFigures(
  target: Queryable,
  runId: number,
): Promise<CaseReasonFigure[]> {
  const rows = await dbOf(target)
    .selectFrom((eb) =>
      eb
        .selectFrom('cases as k')
        .innerJoin('case_reasons as cr', 'cr.case_id', 'k.id')
        .innerJoin('reasons as r', 'r.id', 'cr.reason_id')
        .select(['r.code', 'k.customer_id'])
        .distinct()
        .where('k.subject_kind', '=', 'customer')
        .as('found'),
    )
    .innerJoin('customer_scores as s', (join) =>
      join.onRef('s.customer_id', '=', 'found.customer_id').on('s.run_id', '=', runId),
    )
    .select((eb) => [
      'found.code',
      eb.fn.countAll<number>().as('customers'),
      eb.fn.sum<number>('s.value_if_won_back_minor').as('value'),
    ])
    .where('s.status', '=', 'lost')
    .groupBy('found.code')
    .execute()
  return rows.map((row) => ({
    code: row.code,
    customers: Number(row.customers),
    value_if_won_back_minor: Number(row.value),
  }))
}

/** Every reason code win-back cases have recorded for a customer, sorted. */
export async function readCaseReasonCodes(target: Queryable): Promise<string[]> {
  const rows = await dbOf(target)
    .selectFrom('case_reasons as cr')
    .innerJoin('reasons as r', 'r.id', 'cr.reason_id')
    .select('r.code')
    .distinct()
    .orderBy('r.code')
    .execute()
  return rows.map((row) => row.code)
}

/** What a run's cached figures depend on; equal versions, same data. */
export interface DataVersion {
  readonly runId: number | null
  /** how many imports have committed (ids may commit out of order, counts only grow) */
  readonly committedImports: number
  readonly ownershipId: number | null
  readonly caseEventId: number | null
  /** a fix or a new decision maker resurfaced losses and rescored them in the newest run */
  readonly resurfacedId: number | null
  /** a fix changes which listed losses show "reason now fixed" */
  readonly fixId: number | null
  /** an erasure or purge emptied names the lost list and its search show (TESTPLAN T23) */
  readonly erasureId: number | null
}

/**
 * A fingerprint of what the lost list's and the dashboard's cached figures depend on: the newest
 * run, committed import, ownership change and case event, in one cheap statement.
 * @example const { runId } = await readDataVersion(store)
 */
export async function readDataVersion(target: Queryable): Promise<DataVersion> {
  const row = await dbOf(target)
    .selectNoFrom([
      sql<number | null>`(select max(id) from analysis_runs)`.as('run_id'),
      sql<number>`(select count(*) from imports where status = 'committed')`.as(
        'committed_imports',
      ),
      sql<number | null>`(select max(id) from account_ownership)`.as('ownership_id'),
      sql<number | null>`(select max(id) from case_events)`.as('case_event_id'),
      sql<number | null>`(select max(id) from resurfaced_losses)`.as('resurfaced_id'),
      sql<number | null>`(select max(id) from fixes)`.as('fix_id'),
      sql<number | null>`(select max(id) from erasures)`.as('erasure_id'),
    ])
    .executeTakeFirstOrThrow()
  return {
    runId: numberOrNull(row.run_id),
    committedImports: Number(row.committed_imports),
    ownershipId: numberOrNull(row.ownership_id),
    caseEventId: numberOrNull(row.case_event_id),
    resurfacedId: numberOrNull(row.resurfaced_id),
    fixId: numberOrNull(row.fix_id),
    erasureId: numberOrNull(row.erasure_id),
  }
}

/** An analysis run's date and how many customers it found in each status. */
export interface RunStatusCounts {
  readonly run_id: number
  readonly as_of: string
  readonly status_counts: Readonly<Record<string, number>>
}

/**
 * The newest run dated on or before `day` (by its as-of date), with its status counts; undefined
 * when there is none.
 * @example const start = await readRunOnOrBefore(store, '2023-06-30')
 */
export async function readRunOnOrBefore(
  target: Queryable,
  day: string,
): Promise<RunStatusCounts | undefined> {
  const row = await dbOf(target)
    .selectFrom('analysis_runs')
    .select(['id', 'as_of', 'status_counts_json'])
    .where('as_of', '<=', day)
    .orderBy('as_of', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (row === undefined) {
    return undefined
  }
  return {
    run_id: Number(row.id),
    as_of: row.as_of,
    status_counts: JSON.parse(row.status_counts_json) as Record<string, number>,
  }
}

/**
 * The customers win-back cases found each reason code for (exit-interview findings on customer
 * cases), by code.
 * @example const byCode = await readCaseReasonCustomers(store); byCode.get('price')?.has('C-1')
 */
export async function readCaseReasonCustomers(
  target: Queryable,
): Promise<Map<string, Set<string>>> {
  const rows = await dbOf(target)
    .selectFrom('cases as k')
    .innerJoin('case_reasons as cr', 'cr.case_id', 'k.id')
    .innerJoin('reasons as r', 'r.id', 'cr.reason_id')
    .select(['r.code', 'k.customer_id'])
    .distinct()
    .where('k.subject_kind', '=', 'customer')
    .execute()
  const byCode = new Map<string, Set<string>>()
  for (const row of rows) {
    const customers = byCode.get(row.code) ?? new Set<string>()
    customers.add(row.customer_id)
    byCode.set(row.code, customers)
  }
  return byCode
}
