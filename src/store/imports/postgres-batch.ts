import type pg from 'pg'
import { ConflictError } from '../../domain/errors.js'
import type { ImportKind, RecordByKind } from '../../domain/records.js'
import { isUniqueViolation } from '../queries/queryable.js'
import {
  type BatchPlan,
  rowValues,
  type StagedRow,
  settleBatch,
  settleInserted,
} from './batch-plan.js'
import { addCountsQuery, heartbeatQuery, rejectQueries, uncommittedQuery } from './bookkeeping.js'
import { type Cell, cellsToJson } from './cells.js'
import { type Classification, classifyStored, type ImportContext } from './classify.js'
import { settlePostgresKeyIndex } from './key-index.js'
import { relaxBatchChecks } from './postgres-batch-settings.js'
import { copyRows } from './postgres-copy.js'
import { postgresRun } from './raw-query.js'
import { pendingName, statementsFor } from './sql-text.js'
import type { WrittenBatch } from './sqlite-batch.js'
import type { PendingRow } from './sqlite-statements.js'
import { type StoredRow, storedStates } from './stored-state.js'
import type { WriteContext } from './write-context.js'

const STAGE_PENDING =
  'insert into import_pending_updates (import_id, table_name, row_key, values_json) select $1, * from unnest($2::text[], $3::text[], $4::text[]) on conflict (import_id, table_name, row_key) do nothing'

const CREATE_CUSTOMERS =
  'insert into customers (id, created_at, import_id) select id, $2, $3 from unnest($1::text[]) as u(id) on conflict (id) do nothing returning id'

const COPY_CUSTOMERS = 'copy customers (id, created_at, import_id) from stdin'

const CUSTOMER_IMPORTS = 'select id, import_id from customers where id = any($1::text[])'

/**
 * Writes one planned batch inside the caller's PostgreSQL transaction: renews the heartbeat,
 * creates unknown customers, COPYs the first occurrences into a temporary staging table and moves
 * them with `INSERT … SELECT … ON CONFLICT DO NOTHING`, classifies keys that existed, stages
 * updates and conflicts, and adds the counts.
 * @throws ConflictError when the import is no longer running (published, failed or recovered)
 */
export async function writePostgresBatch<TKind extends ImportKind>(
  client: pg.PoolClient,
  context: WriteContext<TKind>,
  records: readonly RecordByKind[TKind][],
  plan: BatchPlan,
): Promise<WrittenBatch> {
  const { store, importId } = context
  const now = new Date().toISOString()
  const heartbeat = await postgresRun(client, heartbeatQuery(store.db, importId, now))
  if (heartbeat.rowCount !== 1) {
    throw new ConflictError(`import ${importId} is no longer running`)
  }
  await relaxBatchChecks(client, store)
  const uncommitted = await postgresRun(client, uncommittedQuery(store.db))
  const importContext = {
    importId,
    uncommittedImportIds: new Set(uncommitted.rows.map((row) => row.id)),
  }
  await settlePostgresKeyIndex(client, context)
  const ensuredCustomers = await ensureCustomers(client, context, plan.customerIds, importContext)
  const classified = await insertOrClassify(client, context, plan, importContext, now)
  const settled =
    classified === null
      ? settleInserted(context.table, records, plan)
      : settleBatch(context.table, records, plan, classified)
  await stagePending(
    client,
    importId,
    settled.staged.map((row) => pendingRow(context, row)),
  )
  for (const query of rejectQueries(store.db, importId, settled.conflicts)) {
    await postgresRun(client, query)
  }
  const delta = { ...settled, rejected: settled.conflicts.length }
  await postgresRun(client, addCountsQuery(store.db, importId, delta))
  return { settled, ensuredCustomers }
}

function pendingRow(context: WriteContext<ImportKind>, row: StagedRow): PendingRow {
  const name = pendingName[row.action](context.table)
  return [name, row.key, cellsToJson(context.table.contentColumns, row.content)]
}

async function stagePending(
  client: pg.PoolClient,
  importId: number,
  rows: readonly PendingRow[],
): Promise<void> {
  if (rows.length === 0) {
    return
  }
  const columns = [0, 1, 2].map((column) => rows.map((row) => row[column]))
  await client.query(STAGE_PENDING, [importId, ...columns])
}

/** As the SQLite path: create unknown customers, mark those of other unfinished imports to take over. */
async function ensureCustomers(
  client: pg.PoolClient,
  context: WriteContext<ImportKind>,
  ids: readonly string[],
  importContext: ImportContext,
): Promise<string[]> {
  // in key order, each page of the customers' key index is visited once
  const unknown = context.knownCustomers.unknown(ids).sort()
  if (unknown.length === 0) {
    return unknown
  }
  const now = new Date().toISOString()
  if (!context.hints.expectExistingCustomers) {
    const rows = unknown.map((id) => [id, now, context.importId])
    if (await copyNew(client, COPY_CUSTOMERS, rows)) {
      return unknown
    }
    context.hints.expectExistingCustomers = true
  }
  const created = await client.query(CREATE_CUSTOMERS, [unknown, now, context.importId])
  const createdIds = new Set(created.rows.map((row: { id: string }) => row.id))
  const existing = unknown.filter((id) => !createdIds.has(id))
  if (existing.length > 0) {
    const owners = await client.query(CUSTOMER_IMPORTS, [existing])
    const adopt = (owners.rows as { id: string; import_id: number | null }[]).filter(
      (row) =>
        row.import_id !== null &&
        row.import_id !== context.importId &&
        importContext.uncommittedImportIds.has(row.import_id),
    )
    const rows = adopt.map((row): PendingRow => [pendingName.adoptCustomer, row.id, '{}'])
    await stagePending(client, context.importId, rows)
  }
  return unknown
}

/**
 * COPYs the first occurrences straight into the table inside a savepoint, with no staging table
 * and no second pass: true when every one was new. A key that exists fails the COPY, which rolls
 * back to the savepoint, and later batches of the import take the staging path from the start.
 */
async function copyIntoTarget(
  client: pg.PoolClient,
  context: WriteContext<ImportKind>,
  plan: BatchPlan,
  now: string,
): Promise<boolean> {
  const { table, importId } = context
  const insertOnly = table.insertOnlyColumns.length
  const rows = plan.firsts.map((record) => [...rowValues(record, insertOnly, now), importId])
  if (await copyNew(client, statementsFor(table).postgresCopyTarget, rows)) {
    return true
  }
  context.hints.expectExistingKeys = true
  return false
}

/** COPYs rows that should all be new inside a savepoint; false, rolled back, when a key existed. */
async function copyNew(
  client: pg.PoolClient,
  copyStatement: string,
  rows: readonly (readonly Cell[])[],
): Promise<boolean> {
  await client.query('savepoint import_fast')
  try {
    await copyRows(client, copyStatement, rows)
  } catch (error) {
    if (!isUniqueViolation(error)) {
      throw error
    }
    await client.query('rollback to savepoint import_fast')
    return false
  }
  await client.query('release savepoint import_fast')
  return true
}

async function insertOrClassify(
  client: pg.PoolClient,
  context: WriteContext<ImportKind>,
  plan: BatchPlan,
  importContext: ImportContext,
  now: string,
): Promise<Classification[] | null> {
  const { table, importId } = context
  if (plan.firsts.length === 0) {
    return null
  }
  const statements = statementsFor(table)
  const insertOnly = table.insertOnlyColumns.length
  if (!context.hints.expectExistingKeys && (await copyIntoTarget(client, context, plan, now))) {
    return null
  }
  await client.query(statements.postgresCreateStage)
  await copyRows(
    client,
    statements.postgresCopyStage,
    plan.firsts.map((record) => rowValues(record, insertOnly, now)),
  )
  const inserted = await client.query(statements.postgresInsertFromStageReturning, [importId])
  const insertedKeys = new Set(inserted.rows.map((row: { row_key: string }) => row.row_key))
  const rest = plan.firsts.map((record) => record.key).filter((key) => !insertedKeys.has(key))
  context.hints.expectExistingKeys = rest.length > 0
  if (rest.length === 0) {
    return null
  }
  const names = [pendingName.upsert(table), pendingName.seen(table)]
  const stored = await client.query(statements.postgresSelectStored, [importId, names, rest])
  const states = storedStates(table, stored.rows as StoredRow[])
  // a key that did not insert but has no row now was cleaned up by a failing import meanwhile:
  // classifyStored stages it, so publish creates it
  return plan.firsts.map((record) => {
    const state = states.get(record.key)
    return state === undefined
      ? { outcome: 'inserted', stage: null, kept: record.content }
      : classifyStored(record.content, state, importContext, record.canConflict)
  })
}
