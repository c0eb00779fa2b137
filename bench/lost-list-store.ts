import type { CustomerScoreRow, DealScoreRow } from '../src/store/index.js'
import { insertDeals, type Store, writeAnalysisRun } from '../src/store/index.js'
import { seededRandom } from '../src/test-support/analysis-fixtures.js'

/** The shape of a generated lost-list store. */
export interface LostListStoreShape {
  readonly customers: number
  readonly reps: number
  readonly repsPerManager: number
  readonly lostDeals: number
}

/** What was generated: the ids the bench signs in as. */
export interface LostListStore {
  readonly runId: number
  readonly managerIds: readonly number[]
  readonly repIds: readonly number[]
}

/** Segments of the generated company, one in five customers each. */
export const BENCH_SEGMENTS = ['smb', 'mid_market', 'enterprise', 'public', 'retail'] as const
const STATUSES = [
  'active',
  'active',
  'active',
  'at_risk',
  'at_risk',
  'lapsed',
  'lost',
  'lost',
  'lost',
] as const
const AS_OF = '2024-06-30'
const CHUNK = 20_000

const customerId = (n: number) => `C${String(n).padStart(8, '0')}`

function day(offset: number): string {
  return new Date(Date.UTC(2024, 5, 30) - offset * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Fills an empty, migrated store with a company of `shape.customers` customers owned by reps under
 * managers, one analysis run scoring every customer, and lost deals. SQLite rows go through the
 * raw handle in one transaction; PostgreSQL through multi-row inserts.
 */
export async function generateLostListStore(
  store: Store,
  shape: LostListStoreShape,
): Promise<LostListStore> {
  const { managerIds, repIds } = await insertStaff(store, shape)
  await insertCustomersFast(store, shape.customers, repIds)
  const random = seededRandom(42)
  const { runId } = await writeAnalysisRun(
    store,
    {
      as_of: AS_OF,
      time_unit: 'day',
      model_requested: 'auto',
      model: 'pareto_nbd',
      params_json: null,
      fit_json: null,
      validation_json: null,
      choice_reason: 'bench',
      notes_json: '[]',
      settings_json: '{}',
      currency: 'USD',
      created_at: new Date().toISOString(),
      actor: 'bench',
    },
    scoreChunks(shape.customers, random),
    await insertLostDeals(store, shape, repIds),
  )
  return { runId, managerIds, repIds }
}

async function insertStaff(store: Store, shape: LostListStoreShape) {
  const now = new Date().toISOString()
  const managerIds: number[] = []
  const repIds: number[] = []
  const managers = Math.ceil(shape.reps / shape.repsPerManager)
  for (let m = 0; m < managers; m += 1) {
    const row = await store.db
      .insertInto('users')
      .values({
        email: `manager${m}@bench.test`,
        name: `Manager ${m}`,
        role: 'manager',
        manager_id: null,
        started_on: '2020-01-01',
        password_hash: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    managerIds.push(Number(row.id))
  }
  for (let r = 0; r < shape.reps; r += 1) {
    const row = await store.db
      .insertInto('users')
      .values({
        email: `rep${r}@bench.test`,
        name: `Rep ${r}`,
        role: 'rep',
        manager_id: managerIds[Math.floor(r / shape.repsPerManager)] ?? null,
        started_on: '2020-01-01',
        password_hash: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    repIds.push(Number(row.id))
  }
  return { managerIds, repIds }
}

function customerRow(n: number, repIds: readonly number[]): unknown[] {
  return [
    customerId(n),
    `Customer ${n} ${['Trading', 'Holdings', 'Supply', 'Works'][n % 4]}`,
    BENCH_SEGMENTS[n % BENCH_SEGMENTS.length],
    `territory-${n % 12}`,
    // owners independent of segments: every rep has customers in every segment
    repIds[(Math.floor(n / BENCH_SEGMENTS.length) * 7) % repIds.length] ?? null,
    '2020-01-01T00:00:00.000Z',
  ]
}

async function insertCustomersFast(
  store: Store,
  count: number,
  repIds: readonly number[],
): Promise<void> {
  if (store.dialect === 'sqlite') {
    const handle = store.sqlite()
    const insert = handle.prepare(
      'insert into customers (id, name, segment, territory, owner_id, created_at) values (?, ?, ?, ?, ?, ?)',
    )
    handle.transaction(() => {
      for (let n = 0; n < count; n += 1) {
        insert.run(customerRow(n, repIds))
      }
    })()
    return
  }
  const pool = store.pgPool()
  for (let start = 0; start < count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) =>
      customerRow(start + i, repIds),
    )
    const columns = [0, 1, 2, 3, 4, 5].map((c) => rows.map((row) => row[c]))
    await pool.query(
      `insert into customers (id, name, segment, territory, owner_id, created_at)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::text[])`,
      columns,
    )
  }
}

function scoreRow(n: number, random: () => number): CustomerScoreRow {
  const status = STATUSES[Math.floor(random() * STATUSES.length)] ?? 'active'
  const value = Math.round(50_000 * Math.exp(2 * random()))
  const winBack = 0.1 + random() * 0.3
  const overdue = random() < 0.1 ? null : Math.floor(random() * 900)
  return {
    customer_id: customerId(n),
    status,
    status_rule: status === 'lost' ? 'p_alive_below_lost' : 'p_alive',
    lost_since: status === 'lost' ? day(Math.floor(random() * 900)) : null,
    p_alive: random(),
    expected_orders: random() * 5,
    expected_next_order: day(-30),
    overdue_days: overdue,
    first_order_on: '2020-02-01',
    last_order_on: day(200),
    purchase_days: 1 + Math.floor(random() * 20),
    historical_value_minor: value * 2,
    value_if_won_back_minor: value,
    clv_minor: value * 3,
    win_back_probability: winBack,
    expected_value_minor: Math.round(value * winBack),
    explanation: `Bench customer ${n}: P(alive) and value drawn at random.`,
  }
}

function* scoreChunks(count: number, random: () => number): Generator<CustomerScoreRow[]> {
  for (let start = 0; start < count; start += CHUNK) {
    yield Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) =>
      scoreRow(start + i, random),
    )
  }
}

async function insertLostDeals(
  store: Store,
  shape: LostListStoreShape,
  repIds: readonly number[],
): Promise<DealScoreRow[]> {
  const reasons = ['price', 'service', 'delivery', 'poached by competitor', 'no longer needed']
  const deals = Array.from({ length: shape.lostDeals }, (_, n) => ({
    deal_key: `bench-deal-${n}`,
    customer_id: customerId((n * 13) % shape.customers),
    name: `Deal ${n}`,
    status: 'lost' as const,
    value_minor: 100_000 + ((n * 7919) % 900_000),
    currency: 'USD',
    recurring: 0 as const,
    closed_on: day(n % 700),
    lost_reason: reasons[n % reasons.length] ?? null,
    competitor: null,
    owner_id: repIds[n % repIds.length] ?? null,
  }))
  for (let start = 0; start < deals.length; start += 2000) {
    await insertDeals(store, deals.slice(start, start + 2000))
  }
  const ids = await store.db
    .selectFrom('deals')
    .select(['id', 'customer_id', 'value_minor'])
    .execute()
  return ids.map((deal) => ({
    deal_id: Number(deal.id),
    customer_id: deal.customer_id,
    value_if_won_back_minor: Number(deal.value_minor),
    win_back_probability: 0.1,
    expected_value_minor: Math.round(Number(deal.value_minor) * 0.1),
    explanation: 'Bench lost deal.',
  }))
}
