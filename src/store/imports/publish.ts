import type { Kysely } from 'kysely'
import { ConflictError } from '../../domain/errors.js'
import type { ImportCounts, ImportKind } from '../../domain/records.js'
import type { Database } from '../schema.js'
import type { Store } from '../store.js'
import { commitQuery, countsQuery } from './bookkeeping.js'
import {
  postgresRun,
  sqliteAll,
  sqliteRun,
  withPostgresTransaction,
  withSqliteHandle,
} from './raw-query.js'
import type { RecordTable } from './record-tables.js'
import { pendingName, statementsFor } from './sql-text.js'
import { prepared } from './sqlite-statements.js'

// customers another unfinished import created and this one refers to: create them if they are
// gone, take them over if they are still invisible
const SQLITE_ADOPT_CREATE =
  'insert into customers (id, created_at, import_id) select row_key, @now, @importId from import_pending_updates where import_id = @importId and table_name = @tableName on conflict (id) do nothing'
const SQLITE_ADOPT_TAKE_OVER =
  "update customers set import_id = @importId where id in (select row_key from import_pending_updates where import_id = @importId and table_name = @tableName) and import_id in (select id from imports where status <> 'committed')"
const POSTGRES_ADOPT_CREATE =
  'insert into customers (id, created_at, import_id) select row_key, $3, $1 from import_pending_updates where import_id = $1 and table_name = $2 on conflict (id) do nothing'
const POSTGRES_ADOPT_TAKE_OVER =
  "update customers set import_id = $1 where id in (select row_key from import_pending_updates where import_id = $1 and table_name = $2) and import_id in (select id from imports where status <> 'committed')"

/**
 * Publishes a running import in one short transaction: marks it committed (its rows become
 * visible at once), then applies what it staged — updates to rows that existed, rows another
 * unfinished import wrote first, customers to take over. Costs what was staged, not what was
 * inserted.
 * @throws ConflictError when the import is not running
 */
export async function publishImport(
  store: Store,
  importId: number,
  table: RecordTable<ImportKind>,
): Promise<ImportCounts> {
  const now = new Date().toISOString()
  if (store.dialect === 'sqlite') {
    return withSqliteHandle(store, (handle) =>
      handle
        .transaction(() => {
          if (sqliteRun(handle, commitQuery(store.db, importId, now)) !== 1) {
            throw notRunning(importId)
          }
          const adopt = { importId, tableName: pendingName.adoptCustomer }
          prepared(handle, SQLITE_ADOPT_CREATE).run({ ...adopt, now })
          prepared(handle, SQLITE_ADOPT_TAKE_OVER).run(adopt)
          const upsert = { importId, tableName: pendingName.upsert(table) }
          const insertOnly = table.insertOnlyColumns.length > 0 ? { now } : {}
          prepared(handle, statementsFor(table).sqlitePublishInsertMissing).run({
            ...upsert,
            ...insertOnly,
          })
          prepared(handle, statementsFor(table).sqlitePublishUpdate).run(upsert)
          return countsOf(sqliteAll(handle, countsQuery(store.db, importId))[0])
        })
        .immediate(),
    )
  }
  return withPostgresTransaction(store, async (client) => {
    if ((await postgresRun(client, commitQuery(store.db, importId, now))).rowCount !== 1) {
      throw notRunning(importId)
    }
    const adopt = [importId, pendingName.adoptCustomer]
    await client.query(POSTGRES_ADOPT_CREATE, [...adopt, now])
    await client.query(POSTGRES_ADOPT_TAKE_OVER, adopt)
    const upsert = [importId, pendingName.upsert(table)]
    const insertOnly = table.insertOnlyColumns.length > 0 ? [now] : []
    await client.query(statementsFor(table).postgresPublishInsertMissing, [
      ...upsert,
      ...insertOnly,
    ])
    await client.query(statementsFor(table).postgresPublishUpdate, upsert)
    return countsOf((await postgresRun(client, countsQuery(store.db, importId))).rows[0])
  })
}

function notRunning(importId: number): ConflictError {
  return new ConflictError(`import ${importId} is not running: it cannot be published`)
}

interface CountsRow {
  read_count: number
  inserted_count: number
  updated_count: number
  unchanged_count: number
  rejected_count: number
}

function countsOf(row: CountsRow | undefined): ImportCounts {
  return {
    read: Number(row?.read_count ?? 0),
    inserted: Number(row?.inserted_count ?? 0),
    updated: Number(row?.updated_count ?? 0),
    unchanged: Number(row?.unchanged_count ?? 0),
    rejected: Number(row?.rejected_count ?? 0),
  }
}

/** The counts kept in an import's row; an unknown import reads as all zero. */
export async function importCounts(db: Kysely<Database>, importId: number): Promise<ImportCounts> {
  const query = countsQuery(db, importId)
  const result = await db.executeQuery(query)
  return countsOf(result.rows[0])
}
