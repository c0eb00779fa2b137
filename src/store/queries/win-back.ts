import { sql } from 'kysely'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** A customer's incidents: how many, and what they cost the customer, in minor units. */
export interface IncidentTotals {
  readonly count: number
  readonly costMinor: number
}

/**
 * Every customer's incidents up to a day (all of them without one), for the win-back factors
 * and the make-good part of the expected cost. One grouped statement.
 * @example const totals = await readIncidentTotals(store, { customerIds: ['C-1'] })
 */
export async function readIncidentTotals(
  target: Queryable,
  filter: { readonly upTo?: string; readonly customerIds?: readonly string[] } = {},
): Promise<Map<string, IncidentTotals>> {
  if (filter.customerIds?.length === 0) {
    return new Map()
  }
  let query = dbOf(target)
    .selectFrom('visible_incidents')
    .select((eb) => [
      'customer_id',
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('cost_minor').as('cost_minor'),
    ])
    .groupBy('customer_id')
  if (filter.upTo !== undefined) {
    query = query.where('occurred_on', '<=', filter.upTo)
  }
  if (filter.customerIds !== undefined) {
    query = query.where('customer_id', 'in', [...filter.customerIds])
  }
  const rows = await query.execute()
  return new Map(
    rows.map((row) => [
      row.customer_id,
      { count: Number(row.count), costMinor: Number(row.cost_minor ?? 0) },
    ]),
  )
}

/** One ended win-back case, as the learned model trains on it. */
export interface EndedCaseLine {
  readonly caseId: number
  readonly subjectKind: 'customer' | 'deal'
  readonly subjectKey: string
  readonly customerId: string
  readonly stage: string
  readonly attempt: number
  readonly openedOn: string
  readonly lostOn: string | null
  readonly lostValueMinor: number
  readonly segment: string | null
  readonly territory: string | null
  readonly losingRepId: number | null
  /** the customer's first order, for the tenure at the loss */
  readonly firstOrderOn: string | null
  /** incidents of the customer on or before the loss */
  readonly incidentsBeforeLoss: number
}

/**
 * Every ended case, oldest first, with the customer's first order date and how many incidents
 * they had by the loss (correlated subqueries, one statement).
 * @example const ended = await readEndedCases(store)
 */
export async function readEndedCases(target: Queryable): Promise<EndedCaseLine[]> {
  const rows = await dbOf(target)
    .selectFrom('cases as k')
    .innerJoin('customers as c', 'c.id', 'k.customer_id')
    .select(['k.id', 'k.subject_kind', 'k.subject_key', 'k.customer_id', 'k.stage', 'k.attempt'])
    .select(['k.opened_on', 'k.lost_on', 'k.lost_value_minor', 'k.losing_rep_id'])
    .select(['c.segment', 'c.territory'])
    .select([
      sql<
        string | null
      >`(select min(o.ordered_on) from visible_orders o where o.customer_id = k.customer_id)`.as(
        'first_order_on',
      ),
      sql<number>`(select count(*) from visible_incidents i where i.customer_id = k.customer_id and i.occurred_on <= coalesce(k.lost_on, k.opened_on))`.as(
        'incidents',
      ),
    ])
    .where('k.ended_on', 'is not', null)
    .orderBy('k.id')
    .execute()
  return rows.map((row) => ({
    caseId: Number(row.id),
    subjectKind: row.subject_kind,
    subjectKey: row.subject_key,
    customerId: row.customer_id,
    stage: row.stage,
    attempt: Number(row.attempt),
    openedOn: row.opened_on,
    lostOn: row.lost_on,
    lostValueMinor: Number(row.lost_value_minor),
    segment: row.segment,
    territory: row.territory,
    losingRepId: row.losing_rep_id === null ? null : Number(row.losing_rep_id),
    firstOrderOn: row.first_order_on,
    incidentsBeforeLoss: Number(row.incidents),
  }))
}

/**
 * Keeps the win-back model an analysis run scored with (one per run).
 * @example await insertWinBackModel(trx, { runId: 3, basis: 'prior', modelJson: '{…}' })
 */
export async function insertWinBackModel(
  target: Queryable,
  model: { readonly runId: number; readonly basis: string; readonly modelJson: string },
): Promise<void> {
  await dbOf(target)
    .insertInto('win_back_models')
    .values({
      run_id: model.runId,
      basis: model.basis,
      model_json: model.modelJson,
      created_at: nowTimestamp(),
    })
    .execute()
}

/**
 * The win-back model a run scored with, or undefined (a run from before there were models).
 * @example const stored = await readWinBackModel(store, runId)
 */
export async function readWinBackModel(
  target: Queryable,
  runId: number,
): Promise<{ readonly basis: string; readonly modelJson: string } | undefined> {
  const row = await dbOf(target)
    .selectFrom('win_back_models')
    .select(['basis', 'model_json'])
    .where('run_id', '=', runId)
    .executeTakeFirst()
  return row === undefined ? undefined : { basis: row.basis, modelJson: row.model_json }
}

/** The score figures a rescore reads of one customer in one run. */
export interface CustomerWinBackBasis {
  readonly customerId: string
  readonly status: string
  readonly lostSince: string | null
  readonly firstOrderOn: string | null
  readonly lastOrderOn: string | null
  readonly valueIfWonBackMinor: number
  readonly explanation: string
}

/**
 * The given customers' score rows in a run, as a rescore needs them.
 * @example const rows = await readCustomerWinBackBasis(trx, runId, ['C-1'])
 */
export async function readCustomerWinBackBasis(
  target: Queryable,
  runId: number,
  customerIds: readonly string[],
): Promise<CustomerWinBackBasis[]> {
  if (customerIds.length === 0) {
    return []
  }
  const rows = await dbOf(target)
    .selectFrom('customer_scores')
    .select(['customer_id', 'status', 'lost_since', 'first_order_on', 'last_order_on'])
    .select(['value_if_won_back_minor', 'explanation'])
    .where('run_id', '=', runId)
    .where('customer_id', 'in', [...customerIds])
    .execute()
  return rows.map((row) => ({
    customerId: row.customer_id,
    status: row.status,
    lostSince: row.lost_since,
    firstOrderOn: row.first_order_on,
    lastOrderOn: row.last_order_on,
    valueIfWonBackMinor: Number(row.value_if_won_back_minor),
    explanation: row.explanation,
  }))
}

/**
 * The given lost deals' score rows in a run, with their close date and currency.
 * @example const rows = await readDealWinBackBasis(trx, runId, [12])
 */
export async function readDealWinBackBasis(
  target: Queryable,
  runId: number,
  dealIds: readonly number[],
): Promise<
  {
    readonly dealId: number
    readonly customerId: string
    readonly closedOn: string | null
    readonly currency: string
    readonly valueIfWonBackMinor: number
    readonly explanation: string
  }[]
> {
  if (dealIds.length === 0) {
    return []
  }
  const rows = await dbOf(target)
    .selectFrom('deal_scores as ds')
    .innerJoin('deals as d', 'd.id', 'ds.deal_id')
    .select(['ds.deal_id', 'ds.customer_id', 'd.closed_on', 'ds.value_if_won_back_minor'])
    .select(['ds.explanation', 'd.currency'])
    .where('ds.run_id', '=', runId)
    .where('ds.deal_id', 'in', [...dealIds])
    .execute()
  return rows.map((row) => ({
    dealId: Number(row.deal_id),
    customerId: row.customer_id,
    closedOn: row.closed_on,
    currency: row.currency,
    valueIfWonBackMinor: Number(row.value_if_won_back_minor),
    explanation: row.explanation,
  }))
}

/** A new P(win back), expected value and explanation for one scored subject. */
export interface WinBackUpdate {
  readonly winBackProbability: number
  readonly expectedValueMinor: number
  readonly explanation: string
}

/**
 * Rewrites one customer's win-back figures in a run (a fix or a new decision maker moved them).
 * @example await updateCustomerWinBack(trx, runId, 'C-1', update)
 */
export async function updateCustomerWinBack(
  target: Queryable,
  runId: number,
  customerId: string,
  update: WinBackUpdate,
): Promise<void> {
  await dbOf(target)
    .updateTable('customer_scores')
    .set({
      win_back_probability: update.winBackProbability,
      expected_value_minor: update.expectedValueMinor,
      explanation: update.explanation,
    })
    .where('run_id', '=', runId)
    .where('customer_id', '=', customerId)
    .execute()
}

/**
 * Rewrites one lost deal's win-back figures in a run.
 * @example await updateDealWinBack(trx, runId, 12, update)
 */
export async function updateDealWinBack(
  target: Queryable,
  runId: number,
  dealId: number,
  update: WinBackUpdate,
): Promise<void> {
  await dbOf(target)
    .updateTable('deal_scores')
    .set({
      win_back_probability: update.winBackProbability,
      expected_value_minor: update.expectedValueMinor,
      explanation: update.explanation,
    })
    .where('run_id', '=', runId)
    .where('deal_id', '=', dealId)
    .execute()
}

/** What decides a listed subject's reasons and whether a fix covers them. */
export interface SubjectReasonLine {
  readonly subjectKey: string
  /** the case the reason was found by; null for a deal's imported reason */
  readonly caseId: number | null
  /** a case's reason id; null for a deal's imported reason */
  readonly reasonId: number | null
  /** a deal's imported reason text */
  readonly dealReason: string | null
  readonly lostOn: string | null
  readonly losingRepId: number | null
  readonly segment: string | null
  readonly territory: string | null
}

/**
 * The case findings of the given subjects (newest case first) and the imported reasons of the
 * given lost deals, with where each loss falls: one statement for a page of the lost list.
 * @example const lines = await readSubjectReasons(store, { subjectKeys: ['customer:C-1'], dealIds: [] })
 */
export async function readSubjectReasons(
  target: Queryable,
  subjects: { readonly subjectKeys: readonly string[]; readonly dealIds: readonly number[] },
): Promise<SubjectReasonLine[]> {
  if (subjects.subjectKeys.length === 0) {
    return []
  }
  const db = dbOf(target)
  const found = db
    .selectFrom('cases as k')
    .innerJoin('case_reasons as cr', 'cr.case_id', 'k.id')
    .innerJoin('customers as c', 'c.id', 'k.customer_id')
    .select((eb) => [
      'k.subject_key',
      eb.cast<number | null>('k.id', 'bigint').as('case_id'),
      eb.cast<number | null>('cr.reason_id', 'bigint').as('reason_id'),
      sql<string | null>`null`.as('deal_reason'),
      'k.lost_on',
      'k.losing_rep_id',
      'c.segment',
      'c.territory',
    ])
    .where('k.subject_key', 'in', [...subjects.subjectKeys])
  const query =
    subjects.dealIds.length === 0
      ? found
      : found.unionAll(
          db
            .selectFrom('visible_deals as d')
            .leftJoin('customers as c', 'c.id', 'd.customer_id')
            .select((eb) => [
              sql<string>`${sql.lit('deal:')} || cast(d.id as text)`.as('subject_key'),
              sql<number | null>`null`.as('case_id'),
              sql<number | null>`null`.as('reason_id'),
              'd.lost_reason as deal_reason',
              'd.closed_on as lost_on',
              eb.fn.coalesce('d.owner_id', 'c.owner_id').as('losing_rep_id'),
              'c.segment',
              'c.territory',
            ])
            .where('d.id', 'in', [...subjects.dealIds])
            .where('d.lost_reason', 'is not', null),
        )
  const rows = await query.execute()
  const num = (value: unknown) => (value === null || value === undefined ? null : Number(value))
  return rows.map((row) => ({
    subjectKey: row.subject_key,
    caseId: num(row.case_id),
    reasonId: num(row.reason_id),
    dealReason: row.deal_reason,
    lostOn: row.lost_on,
    losingRepId: num(row.losing_rep_id),
    segment: row.segment,
    territory: row.territory,
  }))
}
