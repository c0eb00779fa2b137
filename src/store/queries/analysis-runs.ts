import { type Kysely, type Selectable, sql } from 'kysely'
import type {
  AnalysisRunsTable,
  CustomerScoresTable,
  Database,
  DealScoresTable,
} from '../schema.js'
import type { Store } from '../store.js'
import { dbOf, type Queryable } from './queryable.js'

/** An analysis run as written (its id and counts are filled in by `writeAnalysisRun`). */
export type NewAnalysisRun = Omit<AnalysisRunsTable, 'id' | 'customer_count' | 'status_counts_json'>

/** One customer's scores in a run, without the run id. */
export type CustomerScoreRow = Omit<CustomerScoresTable, 'run_id'>

/** One lost deal's scores in a run, without the run id. */
export type DealScoreRow = Omit<DealScoresTable, 'run_id'>

const SCORE_COLUMNS = [
  'customer_id',
  'status',
  'status_rule',
  'lost_since',
  'p_alive',
  'expected_orders',
  'expected_next_order',
  'overdue_days',
  'first_order_on',
  'last_order_on',
  'purchase_days',
  'historical_value_minor',
  'value_if_won_back_minor',
  'clv_minor',
  'win_back_probability',
  'expected_value_minor',
  'explanation',
] as const satisfies readonly (keyof CustomerScoreRow)[]

const PG_SCORE_TYPES = [
  'text',
  'text',
  'text',
  'text',
  'float8',
  'float8',
  'text',
  'int4',
  'text',
  'text',
  'int4',
  'int8',
  'int8',
  'int8',
  'float8',
  'int8',
  'text',
]

const SQLITE_ROWS_PER_STATEMENT = 100

/**
 * Writes a run, its customer scores (consumed chunk by chunk, so a million customers never sit in
 * memory at once) and its deal scores in one transaction: a half-written run is never visible.
 * SQLite uses prepared multi-row statements; PostgreSQL one `unnest` insert per chunk.
 * Returns the run id and how many customers it scored in each status.
 */
export async function writeAnalysisRun(
  store: Store,
  run: NewAnalysisRun,
  customerChunks: Iterable<readonly CustomerScoreRow[]>,
  deals: readonly DealScoreRow[],
): Promise<{ runId: number; statusCounts: Record<string, number> }> {
  const statusCounts: Record<string, number> = {}
  const counted = countStatuses(customerChunks, statusCounts)
  const runId = await store.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('analysis_runs')
      .values({ ...run, customer_count: 0, status_counts_json: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const id = Number(inserted.id)
    if (store.dialect === 'sqlite') {
      insertScoresSqlite(store, id, counted)
    } else {
      for (const chunk of counted) {
        await insertScoresPostgres(trx, id, chunk)
      }
    }
    await insertDealScores(trx, id, deals)
    const total = Object.values(statusCounts).reduce((sum, count) => sum + count, 0)
    await trx
      .updateTable('analysis_runs')
      .set({ customer_count: total, status_counts_json: JSON.stringify(statusCounts) })
      .where('id', '=', id)
      .execute()
    return id
  })
  return { runId, statusCounts }
}

function* countStatuses(
  chunks: Iterable<readonly CustomerScoreRow[]>,
  counts: Record<string, number>,
): Generator<readonly CustomerScoreRow[]> {
  for (const chunk of chunks) {
    for (const row of chunk) {
      counts[row.status] = (counts[row.status] ?? 0) + 1
    }
    yield chunk
  }
}

function insertScoresSqlite(
  store: Store,
  runId: number,
  chunks: Iterable<readonly CustomerScoreRow[]>,
): void {
  const handle = store.sqlite()
  const columns = ['run_id', ...SCORE_COLUMNS].join(', ')
  const oneRow = `(${Array.from({ length: SCORE_COLUMNS.length + 1 }, () => '?').join(', ')})`
  const insert = (rows: number) =>
    handle.prepare(
      `insert into customer_scores (${columns}) values ${Array.from({ length: rows }, () => oneRow).join(', ')}`,
    )
  const many = insert(SQLITE_ROWS_PER_STATEMENT)
  const single = insert(1)
  const values: unknown[] = []
  for (const chunk of chunks) {
    let index = 0
    for (; index + SQLITE_ROWS_PER_STATEMENT <= chunk.length; index += SQLITE_ROWS_PER_STATEMENT) {
      values.length = 0
      for (let row = index; row < index + SQLITE_ROWS_PER_STATEMENT; row += 1) {
        pushScoreValues(values, runId, chunk[row] as CustomerScoreRow)
      }
      many.run(values)
    }
    for (; index < chunk.length; index += 1) {
      values.length = 0
      pushScoreValues(values, runId, chunk[index] as CustomerScoreRow)
      single.run(values)
    }
  }
}

function pushScoreValues(values: unknown[], runId: number, row: CustomerScoreRow): void {
  values.push(runId)
  for (const column of SCORE_COLUMNS) {
    values.push(row[column])
  }
}

async function insertScoresPostgres(
  trx: Kysely<Database>,
  runId: number,
  chunk: readonly CustomerScoreRow[],
): Promise<void> {
  if (chunk.length === 0) {
    return
  }
  const arrays = SCORE_COLUMNS.map((column, index) => {
    const values = chunk.map((row) => row[column])
    return sql`${values}::${sql.raw(PG_SCORE_TYPES[index] ?? 'text')}[]`
  })
  await sql`insert into customer_scores (run_id, ${sql.join(SCORE_COLUMNS.map((column) => sql.ref(column)))})
    select ${runId}, * from unnest(${sql.join(arrays)})`.execute(trx)
}

async function insertDealScores(
  trx: Kysely<Database>,
  runId: number,
  deals: readonly DealScoreRow[],
): Promise<void> {
  for (let start = 0; start < deals.length; start += 1000) {
    const chunk = deals.slice(start, start + 1000).map((deal) => ({ ...deal, run_id: runId }))
    await trx.insertInto('deal_scores').values(chunk).execute()
  }
}

/** The newest analysis run, or undefined before the first. */
export async function readLatestAnalysisRun(
  target: Queryable,
): Promise<Selectable<AnalysisRunsTable> | undefined> {
  const row = await dbOf(target)
    .selectFrom('analysis_runs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? undefined : { ...row, id: Number(row.id) }
}

/** A lost customer's row of the lost list: their scores and name. */
export type LostCustomerScore = CustomerScoresTable & { readonly name: string | null }

/** Lost customers of a run, best expected value first (uses the run/status/value index). */
export async function readLostCustomerScores(
  target: Queryable,
  options: { readonly runId: number; readonly limit?: number },
): Promise<LostCustomerScore[]> {
  let query = dbOf(target)
    .selectFrom('customer_scores as s')
    .leftJoin('visible_customers as c', 'c.id', 's.customer_id')
    .selectAll('s')
    .select('c.name')
    .where('s.run_id', '=', options.runId)
    .where('s.status', '=', 'lost')
    .where(sql.raw<boolean>("s.status <> 'active'")) // the partial sort index's condition (migration 0006)
    .orderBy('s.expected_value_minor', 'desc')
    .orderBy('s.customer_id')
  if (options.limit !== undefined) {
    query = query.limit(options.limit)
  }
  return query.execute()
}

/** A lost deal's row of the lost list: its scores, name and currency. */
export type LostDealScore = DealScoresTable & {
  readonly name: string | null
  readonly currency: string | null
}

/** Lost deals scored by a run, best expected value first. */
export async function readLostDealScores(
  target: Queryable,
  options: { readonly runId: number; readonly limit?: number },
): Promise<LostDealScore[]> {
  let query = dbOf(target)
    .selectFrom('deal_scores as s')
    .leftJoin('visible_deals as d', 'd.id', 's.deal_id')
    .selectAll('s')
    .select(['d.name', 'd.currency'])
    .where('s.run_id', '=', options.runId)
    .orderBy('s.expected_value_minor', 'desc')
    .orderBy('s.deal_id')
  if (options.limit !== undefined) {
    query = query.limit(options.limit)
  }
  return query.execute()
}
