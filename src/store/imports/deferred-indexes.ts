import { availableParallelism } from 'node:os'
import type Sqlite from 'better-sqlite3'
import type pg from 'pg'
import type { Store } from '../store.js'
import { withSqliteHandle } from './raw-query.js'
import type { ImportedTable } from './record-tables.js'

// Inserting rows in file order into (customer_id, ordered_on) touches a random page per row:
// measured on SQLite, 8.2 s of CPU per million rows with it against 2.2 s without, and 1.0 s to
// build it afterwards from the finished table (PostgreSQL: 25 s against 14.4 s + 2.2 s, loaded
// machine). Customers made by id alone put NULLs and random ids into five more indexes (1.6 s of
// CPU per 125,000 customers with them, on a loaded machine). So a first import into an empty
// table drops every non-unique index of that table and of `customers` (on SQLite, but those on the
// import's id alone, see `deferrable`), noting each definition in `import_deferred_indexes` in the
// same transaction, and they are built once at the end. Unique indexes always stay: they are what
// finds a key that exists.

/** The tables whose indexes an import of `table` may defer: its own, and the customers it creates. */
function tablesOf(table: ImportedTable): readonly ImportedTable[] {
  return table === 'customers' ? ['customers'] : [table, 'customers']
}

// an index dropped by an import before its definition was noted (older versions of this file)
const KNOWN_DEFINITIONS: Readonly<Record<string, string>> = {
  orders_customer_ordered_on_ix:
    'create index orders_customer_ordered_on_ix on orders (customer_id, ordered_on)',
}

export const NOTE = 'insert into import_deferred_indexes (name, table_name, definition) values '
export const SQLITE_NOTE = `${NOTE}(?, ?, ?) on conflict (name) do nothing`
export const POSTGRES_NOTE = `${NOTE}($1, $2, $3) on conflict (name) do nothing`
// non-unique indexes only: autoindexes (primary keys, unique columns) have no sql
const SQLITE_INDEXES =
  "select name, sql as definition from sqlite_master where type = 'index' and tbl_name = ? and sql is not null and sql not like 'create unique%'"
const POSTGRES_INDEXES =
  "select indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema() and tablename = $1 and indexdef not like 'CREATE UNIQUE%'"

// On SQLite an index on the import's id alone stays: every row of one import has the same id and a
// higher rowid than the last, so each insert appends at its right edge (measured: 0.03 s of CPU per
// million rows kept live, against 0.2–0.3 s to build it afterwards, 2.1 s of wall time at 10M).
// PostgreSQL drops it like the others: there it cost more kept live, since each index entry is
// logged on its own (1M orders: server CPU 4.1 s against 3.6 s, import 7.3 s against 6.9 s).
const APPENDED_TO = /\(\s*"?import_id"?\s*\)$/

/** whether a bulk load on SQLite drops `index` until its end: not the ones it only appends to */
function deferrable(index: IndexRow): boolean {
  return !APPENDED_TO.test(index.definition.trim())
}

export interface IndexRow {
  readonly name: string
  readonly definition: string
}

interface NotedIndex extends IndexRow {
  readonly table_name: string
}

const NOTED = 'select name, table_name, definition from import_deferred_indexes'

/**
 * Inside a write transaction: drops the non-unique indexes of `table` and of `customers` when
 * that table holds no row at all, so a first bulk load appends rows and checks unique keys only.
 * Returns whether it dropped any. The drop and its note commit with the batch's rows;
 * `restoreDeferredIndexes` rebuilds before publish, on failure and in recovery, and readers only
 * lose speed meanwhile, never rows.
 */
export function deferIndexesWhenEmpty(handle: Sqlite.Database, table: ImportedTable): boolean {
  let deferred = false
  for (const target of tablesOf(table)) {
    if (handle.prepare(`select 1 from ${target} limit 1`).get() !== undefined) {
      continue
    }
    const indexes = handle.prepare(SQLITE_INDEXES).all(target) as IndexRow[]
    for (const index of indexes.filter(deferrable)) {
      handle.prepare(SQLITE_NOTE).run(index.name, target, index.definition)
      handle.exec(`drop index ${quoted(index.name)}`)
      deferred = true
    }
  }
  return deferred
}

/**
 * PostgreSQL's `deferIndexesWhenEmpty`, inside the batch's transaction: the drop locks the table
 * until that first batch commits, and commits or rolls back with it.
 */
export async function deferPostgresIndexesWhenEmpty(
  client: pg.PoolClient,
  table: ImportedTable,
): Promise<boolean> {
  let deferred = false
  for (const target of tablesOf(table)) {
    if ((await client.query(`select 1 from ${target} limit 1`)).rows.length > 0) {
      continue
    }
    const indexes = (await client.query(POSTGRES_INDEXES, [target])).rows as IndexRow[]
    for (const index of indexes) {
      await client.query(POSTGRES_NOTE, [index.name, target, index.definition])
      await client.query(`drop index ${quoted(index.name)}`)
      deferred = true
    }
  }
  return deferred
}

export function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * Rebuilds every deferred index that is missing, or only those of table `only`, each in its own
 * transaction with the removal of its note (DDL is transactional on both engines, so a crash
 * midway leaves it noted and missing, and the next call builds it). Cheap when none is deferred.
 * @example await restoreDeferredIndexes(store)
 */
export async function restoreDeferredIndexes(store: Store, only?: ImportedTable): Promise<void> {
  if (store.dialect === 'postgres') {
    await restoreOnPostgres(store.pgPool(), only)
    return
  }
  await withSqliteHandle(store, (handle) => {
    const noted: readonly IndexRow[] = (handle.prepare(NOTED).all() as NotedIndex[]).filter(
      (index) => only === undefined || index.table_name === only,
    )
    for (const index of [...noted, ...knownMissing(noted, only)]) {
      if (!noted.includes(index) && sqliteIndexExists(handle, index.name)) {
        continue
      }
      buildWithSmallCache(handle, () =>
        handle.transaction(() => buildNotedIndex(handle, index)).immediate(),
      )
    }
  })
}

const DELETE_NOTE = 'delete from import_deferred_indexes where name = ?'

function sqliteIndexExists(handle: Sqlite.Database, name: string): boolean {
  const found = handle.prepare("select 1 from sqlite_master where type = 'index' and name = ?")
  return found.get(name) !== undefined
}

/** Inside a write transaction: builds a noted index unless it exists, and removes its note. */
export function buildNotedIndex(handle: Sqlite.Database, index: IndexRow): void {
  if (!sqliteIndexExists(handle, index.name)) {
    handle.exec(index.definition)
  }
  handle.prepare(DELETE_NOTE).run(index.name)
}

async function postgresIndexExists(client: pg.PoolClient, name: string): Promise<boolean> {
  const found = await client.query(
    'select 1 from pg_indexes where schemaname = current_schema() and indexname = $1',
    [name],
  )
  return found.rows.length > 0
}

/** `buildNotedIndex` on PostgreSQL, inside the caller's transaction. */
export async function buildNotedPostgresIndex(
  client: pg.PoolClient,
  index: IndexRow,
): Promise<void> {
  if (!(await postgresIndexExists(client, index.name))) {
    await client.query(index.definition)
  }
  await client.query('delete from import_deferred_indexes where name = $1', [index.name])
}

async function restoreOnPostgres(pool: pg.Pool, only: ImportedTable | undefined): Promise<void> {
  const noted: readonly IndexRow[] = ((await pool.query(NOTED)).rows as NotedIndex[]).filter(
    (index) => only === undefined || index.table_name === only,
  )
  for (const index of [...noted, ...knownMissing(noted, only)]) {
    const client = await pool.connect()
    try {
      await client.query('begin')
      if (!noted.includes(index) && (await postgresIndexExists(client, index.name))) {
        await client.query('rollback')
        continue
      }
      await buildNotedPostgresIndex(client, index)
      await client.query('commit')
    } catch (error) {
      await client.query('rollback').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }
}

/** the known definitions not noted (of table `only`, if given): built only if missing, like the noted ones */
function knownMissing(noted: readonly IndexRow[], only: ImportedTable | undefined): IndexRow[] {
  const names = new Set(noted.map((index) => index.name))
  return Object.entries(KNOWN_DEFINITIONS)
    .filter(([name]) => !names.has(name) && (only === undefined || name.startsWith(`${only}_`)))
    .map(([name, definition]) => ({ name, definition }))
}

// SQLite's sorter may take as much memory as the page cache allows, on top of the cache itself,
// which an import raises to 256 MiB: building with a small cache keeps the import's peak memory
// flat (it spills to temporary files instead)
const BUILD_CACHE_KIB = 32 * 1024

// SQLite's sorter can sort and merge its runs on helper threads: building from 1M orders, the key
// index took 276 ms with 2 threads against 569 ms with none, the customer index 701 against 887
const BUILD_THREADS = Math.min(4, availableParallelism())

function buildWithSmallCache(handle: Sqlite.Database, build: () => void): void {
  const before = Number(handle.pragma('cache_size', { simple: true }))
  const threadsBefore = Number(handle.pragma('threads', { simple: true }))
  handle.pragma(`cache_size = -${BUILD_CACHE_KIB}`)
  handle.pragma(`threads = ${BUILD_THREADS}`)
  try {
    build()
  } finally {
    handle.pragma(`cache_size = ${before}`)
    handle.pragma(`threads = ${threadsBefore}`)
  }
}
