import type Sqlite from 'better-sqlite3'
import { ConflictError } from '../../domain/errors.js'
import type { ImportKind, RecordByKind } from '../../domain/records.js'
import {
  type BatchPlan,
  type PlannedRecord,
  type SettledBatch,
  settleBatch,
  settleInserted,
} from './batch-plan.js'
import { addCountsQuery, heartbeatQuery, rejectQueries, uncommittedQuery } from './bookkeeping.js'
import { type Cell, cellsToJson } from './cells.js'
import type { Classification, ImportContext } from './classify.js'
import { settleKeyIndex } from './key-index.js'
import { sqliteAll, sqliteRun } from './raw-query.js'
import { pendingName, SQLITE_ROWS_PER_INSERT, statementsFor } from './sql-text.js'
import { createSeenTable, stageSeenRows } from './sqlite-seen.js'
import {
  createCustomers,
  enlargeCacheForImport,
  type PendingRow,
  prepared,
  SQLITE_CUSTOMER_IMPORT,
  stagePendingRows,
} from './sqlite-statements.js'
import { classifyFirsts, type StoredRow, storedStates } from './stored-state.js'
import type { WriteContext } from './write-context.js'

/** A settled batch plus the customers it made sure of, to remember once it has committed. */
export interface WrittenBatch {
  readonly settled: SettledBatch
  readonly ensuredCustomers: readonly string[]
}

/**
 * Writes one planned batch in one immediate SQLite transaction: renews the heartbeat, creates
 * unknown customers, inserts new rows (in multi-row statements when no key exists yet; otherwise
 * after looking up every key of the batch in one query, classifying the ones that exist), stages
 * updates and conflicts, and adds the counts.
 * @throws ConflictError when the import is no longer running (published, failed or recovered)
 */
export function writeSqliteBatch<TKind extends ImportKind>(
  handle: Sqlite.Database,
  context: WriteContext<TKind>,
  records: readonly RecordByKind[TKind][],
  plan: BatchPlan,
): WrittenBatch {
  const { store, importId } = context
  const now = new Date().toISOString()
  enlargeCacheForImport(handle, context.hints.keyIndexDeferred)
  createSeenTable(handle)
  const transaction = handle.transaction((): WrittenBatch => {
    if (sqliteRun(handle, heartbeatQuery(store.db, importId, now)) !== 1) {
      throw new ConflictError(`import ${importId} is no longer running`)
    }
    settleKeyIndex(handle, context)
    const uncommitted = sqliteAll(handle, uncommittedQuery(store.db)).map((row) => row.id)
    const importContext = { importId, uncommittedImportIds: new Set(uncommitted) }
    // a bulk load creates its customers once at its end instead (see deferred-customers.ts)
    const ensuredCustomers = context.hints.customersDeferred
      ? []
      : ensureCustomers(handle, context, plan.customerIds, importContext, now)
    const classified = insertOrClassify(handle, context, plan, importContext, now)
    const settled =
      classified === null
        ? settleInserted(context.table, records, plan)
        : settleBatch(context.table, records, plan, classified)
    stageRows(handle, context, settled)
    for (const query of rejectQueries(store.db, importId, settled.conflicts)) {
      sqliteRun(handle, query)
    }
    const delta = { ...settled, rejected: settled.conflicts.length }
    sqliteRun(handle, addCountsQuery(store.db, importId, delta))
    return { settled, ensuredCustomers }
  })
  return withoutForeignKeyChecks(handle, () => withoutSync(handle, () => transaction.immediate()))
}

/**
 * Runs `work` with `synchronous = NORMAL`, then restores the connection's setting (FULL, F5). A
 * batch's rows stay invisible until publish, whose commit runs FULL and so syncs the WAL with every
 * frame before it: a batch lost to a power cut only leaves its import abandoned, as a crash does.
 * Saves one fsync per batch, which on a busy disk is most of a small batch's wall time.
 */
function withoutSync<T>(handle: Sqlite.Database, work: () => T): T {
  const before = Number(handle.pragma('synchronous', { simple: true }))
  handle.pragma('synchronous = normal')
  try {
    return work()
  } finally {
    handle.pragma(`synchronous = ${before}`)
  }
}

/** Stages the batch's updates for publish, and its keys met unchanged in the connection's memo. */
function stageRows(
  handle: Sqlite.Database,
  context: WriteContext<ImportKind>,
  settled: SettledBatch,
): void {
  const { table, importId } = context
  const pending: PendingRow[] = []
  const seen: PendingRow[] = []
  for (const row of settled.staged) {
    const json = cellsToJson(table.contentColumns, row.content)
    ;(row.action === 'seen' ? seen : pending).push([pendingName[row.action](table), row.key, json])
  }
  stagePendingRows(handle, importId, pending)
  stageSeenRows(handle, importId, seen)
}

/**
 * Runs `work` with foreign key enforcement off on this connection, then turns it back on. The
 * import path guarantees its references itself (it creates every customer a batch names, in the
 * same transaction or, on a bulk load, at its end while the rows are still invisible, and writes
 * its own import's id); the checks cost two index lookups per row
 * (measured: 1.2 s of CPU per million orders). `work` is synchronous and holds the connection,
 * so no other query of this process runs without the checks.
 */
function withoutForeignKeyChecks<T>(handle: Sqlite.Database, work: () => T): T {
  // the pragma is a no-op inside a transaction: then the checks simply stay on
  const before = Number(handle.pragma('foreign_keys', { simple: true }))
  handle.pragma('foreign_keys = off')
  try {
    return work()
  } finally {
    handle.pragma(`foreign_keys = ${before === 1 ? 'on' : 'off'}`)
  }
}

/**
 * Creates the customers of `ids` not met before under this import; one that another unfinished
 * import created is marked to be taken over at publish, so its failure cannot orphan our rows.
 */
function ensureCustomers(
  handle: Sqlite.Database,
  context: WriteContext<ImportKind>,
  ids: readonly string[],
  importContext: ImportContext,
  now: string,
): string[] {
  // in key order, each page of the customers' key index is visited once (measured: half the CPU)
  const unknown = context.knownCustomers.unknown(ids).sort()
  const created = createCustomers(handle, unknown, now, context.importId)
  const ownerOf = prepared(handle, SQLITE_CUSTOMER_IMPORT)
  const adopt: PendingRow[] = []
  for (const id of unknown) {
    if (created.has(id)) {
      continue
    }
    const owner = ownerOf.get(id) as { import_id: number | null } | undefined
    const ownerId = owner?.import_id ?? null
    if (ownerId !== null && ownerId !== context.importId) {
      if (importContext.uncommittedImportIds.has(ownerId)) {
        adopt.push([pendingName.adoptCustomer, id, '{}'])
      }
    }
  }
  stagePendingRows(handle, context.importId, adopt)
  return unknown
}

/**
 * Inserts every first occurrence in multi-row statements inside a savepoint; when some key
 * already existed, rolls back to it, looks up the stored rows and what this import staged for all
 * keys of the batch in one query, inserts the absent ones and classifies the rest. After a batch
 * that met existing keys (a re-import), the next one looks up first. Null: all were inserted.
 */
function insertOrClassify(
  handle: Sqlite.Database,
  context: WriteContext<ImportKind>,
  plan: BatchPlan,
  importContext: ImportContext,
  now: string,
): Classification[] | null {
  if (!context.hints.expectExistingKeys) {
    handle.exec('savepoint import_fast')
    if (insertAll(handle, context, inKeyOrder(plan.firsts), now) === plan.firsts.length) {
      handle.exec('release import_fast')
      return null
    }
    handle.exec('rollback to import_fast')
    handle.exec('release import_fast')
  }
  const { table, importId } = context
  const rows = prepared(handle, statementsFor(table).sqliteSelectStored).all({
    keys: JSON.stringify(plan.firsts.map((record) => record.key)),
    importId,
    upsertName: pendingName.upsert(table),
    seenName: pendingName.seen(table),
  }) as StoredRow[]
  const { classified, toInsert } = classifyFirsts(
    plan.firsts,
    storedStates(table, rows),
    importContext,
  )
  if (insertAll(handle, context, inKeyOrder(toInsert), now) !== toInsert.length) {
    throw new Error(`import ${importId}: a key absent a moment ago exists now`)
  }
  context.hints.expectExistingKeys = toInsert.length < plan.firsts.length
  return classified
}

/**
 * The records in key order: inserting in the unique index's order touches each of its pages once
 * (keyless order keys start with the customer, so this also groups by customer).
 */
function inKeyOrder(records: readonly PlannedRecord[]): readonly PlannedRecord[] {
  for (let index = 1; index < records.length; index += 1) {
    if ((records[index - 1]?.key ?? '') > (records[index]?.key ?? '')) {
      return [...records].sort((left, right) => (left.key < right.key ? -1 : 1))
    }
  }
  return records
}

function insertAll(
  handle: Sqlite.Database,
  context: WriteContext<ImportKind>,
  records: readonly PlannedRecord[],
  now: string,
): number {
  const { table } = context
  const statements = statementsFor(table)
  // a bulk load has no key index to skip existing keys by, and needs none: its keys are new
  const append = context.hints.keyIndexDeferred
  const many = prepared(handle, append ? statements.sqliteAppendMany : statements.sqliteInsertMany)
  const one = prepared(handle, append ? statements.sqliteAppendOne : statements.sqliteInsertOne)
  const width = 2 + table.contentColumns.length + table.insertOnlyColumns.length
  // one parameter array reused by every statement: no garbage per row on the hot path
  const values = new Array<Cell>(width * SQLITE_ROWS_PER_INSERT)
  let changes = 0
  let start = 0
  for (; start + SQLITE_ROWS_PER_INSERT <= records.length; start += SQLITE_ROWS_PER_INSERT) {
    for (let row = 0; row < SQLITE_ROWS_PER_INSERT; row += 1) {
      fillRow(values, row * width, records[start + row], context, now)
    }
    changes += many.run(values).changes
  }
  values.length = width
  for (; start < records.length; start += 1) {
    fillRow(values, 0, records[start], context, now)
    changes += one.run(values).changes
  }
  return changes
}

/** Writes one row's parameters (key, content, insert-only, import) into `values` at `offset`. */
function fillRow(
  values: Cell[],
  offset: number,
  record: PlannedRecord | undefined,
  context: WriteContext<ImportKind>,
  now: string,
): void {
  if (record === undefined) {
    throw new Error('a batch row is missing')
  }
  let at = offset
  values[at++] = record.key
  for (const cell of record.content) {
    values[at++] = cell
  }
  for (let column = 0; column < context.table.insertOnlyColumns.length; column += 1) {
    values[at++] = now
  }
  values[at] = context.importId
}
