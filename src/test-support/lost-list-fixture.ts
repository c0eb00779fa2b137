import type { CustomerScoreRow, DealScoreRow, Store } from '../store/index.js'
import { insertDeals, insertOrders, writeAnalysisRun } from '../store/index.js'
import type { ApiFixture } from './api-fixture.js'

/** The as-of date of the seeded analysis run. */
export const SEEDED_AS_OF = '2024-06-30'

const STATUSES = ['lost', 'lapsed', 'at_risk', 'active'] as const

/** The status, values and dates the seeded run gives the customer at `index` (0-based, per rep). */
export function seededScore(customerId: string, index: number): CustomerScoreRow {
  const status = STATUSES[index % STATUSES.length] ?? 'active'
  const valueMinor = 10_000 + index * 1_000
  const winBack = 0.2 + (index % 5) * 0.05
  const lostMonth = String(1 + (index % 12)).padStart(2, '0')
  return {
    customer_id: customerId,
    status,
    status_rule: status === 'lost' ? 'no_order_6_months' : 'p_alive',
    // lost customers were lost between July 2023 and June 2024, one month apart
    lost_since:
      status === 'lost' ? `${Number(lostMonth) >= 7 ? 2023 : 2024}-${lostMonth}-15` : null,
    p_alive: status === 'active' ? 0.9 : 0.2,
    expected_orders: 1.5,
    expected_next_order: '2024-05-01',
    overdue_days: index % 10 === 0 ? null : index * 3,
    first_order_on: index % 7 === 0 ? '2024-01-10' : '2022-03-01',
    last_order_on: '2023-11-01',
    purchase_days: 4,
    historical_value_minor: valueMinor * 2,
    value_if_won_back_minor: valueMinor,
    clv_minor: valueMinor * 3,
    win_back_probability: winBack,
    expected_value_minor: Math.round(valueMinor * winBack),
    explanation: `Seeded score ${index} for ${customerId}.`,
  }
}

/** What `seedAnalysis` wrote: the run and the ids of its lost deals by owner. */
export interface SeededAnalysis {
  readonly runId: number
  readonly dealIds: { readonly repA: number; readonly repB: number; readonly unowned: number }
}

/**
 * Writes one analysis run over the API fixture's accounts (`A-001`… of rep A, `B-001`… of rep B,
 * `U-001` of nobody), each status in turn (lost, lapsed, at risk, active) with known values, and
 * three lost deals: rep A's, rep B's and one on the unowned account.
 * @example const { runId } = await seedAnalysis(fixture.store)
 */
export async function seedAnalysis(
  store: Store,
  users: ApiFixture['users'],
): Promise<SeededAnalysis> {
  await insertDeals(store, [
    lostDeal('deal-a', 'A-002', users.repA.id, { valueMinor: 500_000, reason: 'price' }),
    lostDeal('deal-b', 'B-002', users.repB.id, { valueMinor: 700_000, reason: 'service' }),
    lostDeal('deal-u', 'U-001', null, { valueMinor: 300_000, reason: 'price' }),
  ])
  const deals = await store.db
    .selectFrom('deals')
    .select(['id', 'deal_key', 'customer_id', 'value_minor'])
    .execute()
  const idOf = (key: string) => Number(deals.find((deal) => deal.deal_key === key)?.id)
  const scores: CustomerScoreRow[] = []
  for (const letter of ['A', 'B']) {
    for (let index = 0; index < 50; index += 1) {
      scores.push(seededScore(`${letter}-${String(index + 1).padStart(3, '0')}`, index))
    }
  }
  scores.push(seededScore('U-001', 0))
  const dealScores: DealScoreRow[] = deals.map((deal) => ({
    deal_id: Number(deal.id),
    customer_id: deal.customer_id,
    value_if_won_back_minor: Number(deal.value_minor),
    win_back_probability: 0.1,
    expected_value_minor: Math.round(Number(deal.value_minor) * 0.1),
    explanation: `Seeded lost deal ${deal.deal_key}.`,
  }))
  const { runId } = await writeAnalysisRun(store, newRun(SEEDED_AS_OF), [scores], dealScores)
  return { runId, dealIds: { repA: idOf('deal-a'), repB: idOf('deal-b'), unowned: idOf('deal-u') } }
}

function lostDeal(
  key: string,
  customerId: string,
  ownerId: number | null,
  deal: { valueMinor: number; reason: string },
) {
  return {
    deal_key: key,
    customer_id: customerId,
    name: `Lost deal ${key}`,
    status: 'lost' as const,
    value_minor: deal.valueMinor,
    currency: 'USD',
    recurring: 0 as const,
    closed_on: '2024-03-10',
    lost_reason: deal.reason,
    competitor: null,
    owner_id: ownerId,
  }
}

/** An analysis run row dated `asOf`. */
export function newRun(asOf: string) {
  return {
    as_of: asOf,
    time_unit: 'day' as const,
    model_requested: 'auto',
    model: 'pareto_nbd',
    params_json: null,
    fit_json: null,
    validation_json: null,
    choice_reason: 'seeded for a test',
    notes_json: '[]',
    settings_json: '{}',
    currency: 'USD',
    created_at: new Date().toISOString(),
    actor: 'test',
  }
}

/**
 * Writes a committed import of `kind` with the given rejected rows (start line, code, raw), as an
 * import that ran earlier would have left them; returns its id.
 * @example const id = await seedImportWithRejects(store, [{ line: 3, code: 'bad_date', raw: '=1+1' }])
 */
export async function seedImportWithRejects(
  store: Store,
  rejects: readonly { line: number; field?: string; code: string; message?: string; raw: string }[],
): Promise<number> {
  const now = new Date().toISOString()
  const row = await store.db
    .insertInto('imports')
    .values({
      kind: 'orders',
      file_name: 'seeded.csv',
      file_sha256: 'seeded',
      status: 'committed',
      actor: 'test',
      started_at: now,
      heartbeat_at: now,
      finished_at: now,
      read_count: rejects.length,
      inserted_count: 0,
      updated_count: 0,
      unchanged_count: 0,
      rejected_count: rejects.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const importId = Number(row.id)
  if (rejects.length > 0) {
    await store.db
      .insertInto('rejected_rows')
      .values(
        rejects.map((reject) => ({
          import_id: importId,
          line: reject.line,
          field: reject.field ?? null,
          code: reject.code,
          message: reject.message ?? reject.code,
          raw: reject.raw,
        })),
      )
      .execute()
  }
  return importId
}

/**
 * Writes one more analysis run dated `asOf` that scores only the given customers.
 * @example await seedRun(store, '2023-12-31', [seededScore('A-001', 3)])
 */
export async function seedRun(
  store: Store,
  asOf: string,
  scores: readonly CustomerScoreRow[],
): Promise<number> {
  const { runId } = await writeAnalysisRun(store, newRun(asOf), [scores], [])
  return runId
}

/**
 * Writes placed orders of one customer, `[day, amount in minor units]` each.
 * @example await seedOrders(store, 'A-001', [['2024-01-05', 1000]])
 */
export async function seedOrders(
  store: Store,
  customerId: string,
  orders: readonly (readonly [string, number])[],
): Promise<void> {
  await insertOrders(
    store,
    orders.map(([day, amountMinor], n) => ({
      order_key: `k:${customerId}|${day}|${amountMinor}|${n}`,
      customer_id: customerId,
      ordered_on: day,
      amount_minor: amountMinor,
      currency: 'USD',
      status: 'placed' as const,
    })),
  )
}
