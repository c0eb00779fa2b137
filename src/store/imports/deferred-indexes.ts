import type Sqlite from 'better-sqlite3'
import type pg from 'pg'
import type { Store } from '../store.js'
import { withSqliteHandle } from './raw-query.js'
import type { ImportedTable } from './record-tables.js'

/** A secondary index an import into an empty table builds once at the end instead of row by row. */
interface DeferredIndex {
  readonly name: string
  readonly table: ImportedTable
  readonly columns: string
}

// Inserting rows in file order into (customer_id, ordered_on) touches a random page per row:
// measured on SQLite, 8.2 s of CPU per million rows with it against 2.2 s without, and 1.0 s to
// build it afterwards from the finished table (PostgreSQL: 25 s against 14.4 s + 2.2 s, loaded
// machine). The definitions repeat migration 0001's.
const DEFERRED_INDEXES: readonly DeferredIndex[] = [
  { name: 'orders_customer_ordered_on_ix', table: 'orders', columns: 'customer_id, ordered_on' },
]

/**
 * Inside a write transaction: drops the deferrable indexes of `table` when the table holds no row
 * at all, so a first bulk load appends rows only. Returns whether the table had any to defer.
 * The drop commits with the batch's rows; `restoreDeferredIndexes` rebuilds before publish, on
 * failure and in recovery, and readers only lose speed meanwhile, never rows.
 */
export function deferIndexesWhenEmpty(handle: Sqlite.Database, table: ImportedTable): boolean {
  const indexes = DEFERRED_INDEXES.filter((index) => index.table === table)
  if (indexes.length === 0) {
    return false
  }
  if (handle.prepare(`select 1 from ${table} limit 1`).get() !== undefined) {
    return false
  }
  for (const index of indexes) {
    handle.exec(`drop index if exists ${index.name}`)
  }
  return true
}

/**
 * PostgreSQL's `deferIndexesWhenEmpty`, inside the batch's transaction: the drop locks the table
 * until that first batch commits, and commits or rolls back with it.
 */
export async function deferPostgresIndexesWhenEmpty(
  client: pg.PoolClient,
  table: ImportedTable,
): Promise<boolean> {
  const indexes = DEFERRED_INDEXES.filter((index) => index.table === table)
  if (indexes.length === 0) {
    return false
  }
  if ((await client.query(`select 1 from ${table} limit 1`)).rows.length > 0) {
    return false
  }
  for (const index of indexes) {
    await client.query(`drop index if exists ${index.name}`)
  }
  return true
}

function createIndexSql(index: DeferredIndex): string {
  return `create index if not exists ${index.name} on ${index.table} (${index.columns})`
}

/**
 * Rebuilds every deferred index that is missing, each in its own transaction (DDL is
 * transactional on both engines, so a crash midway leaves it missing and the next call builds it).
 * Cheap when all exist.
 * @example await restoreDeferredIndexes(store)
 */
export async function restoreDeferredIndexes(store: Store): Promise<void> {
  if (store.dialect === 'postgres') {
    const pool = store.pgPool()
    for (const index of DEFERRED_INDEXES) {
      const found = await pool.query(
        'select 1 from pg_indexes where schemaname = current_schema() and indexname = $1',
        [index.name],
      )
      if (found.rows.length === 0) {
        await pool.query(createIndexSql(index))
      }
    }
    return
  }
  await withSqliteHandle(store, (handle) => {
    for (const index of DEFERRED_INDEXES) {
      const exists = handle
        .prepare("select 1 from sqlite_master where type = 'index' and name = ?")
        .get(index.name)
      if (exists === undefined) {
        buildWithSmallCache(handle, () =>
          handle
            .transaction(() => {
              handle.exec(createIndexSql(index))
            })
            .immediate(),
        )
      }
    }
  })
}

// SQLite's sorter may take as much memory as the page cache allows, on top of the cache itself,
// which an import raises to 256 MiB: building with a small cache keeps the import's peak memory
// flat (it spills to temporary files instead)
const BUILD_CACHE_KIB = 32 * 1024

function buildWithSmallCache(handle: Sqlite.Database, build: () => void): void {
  const before = Number(handle.pragma('cache_size', { simple: true }))
  handle.pragma(`cache_size = -${BUILD_CACHE_KIB}`)
  try {
    build()
  } finally {
    handle.pragma(`cache_size = ${before}`)
  }
}
