import type Sqlite from 'better-sqlite3'

// one cache per open handle: a statement is prepared once and reused by every batch
const CACHE = new WeakMap<Sqlite.Database, Map<string, Sqlite.Statement>>()

/**
 * The prepared statement for `sqlText` on `handle`, prepared on first use.
 * @example prepared(handle, 'select 1').get()
 */
export function prepared(handle: Sqlite.Database, sqlText: string): Sqlite.Statement {
  let statements = CACHE.get(handle)
  if (statements === undefined) {
    statements = new Map()
    CACHE.set(handle, statements)
  }
  let statement = statements.get(sqlText)
  if (statement === undefined) {
    statement = handle.prepare(sqlText)
    statements.set(sqlText, statement)
  }
  return statement
}

const STAGE_ROWS = 64
const stageStatement = (rowCount: number): string =>
  `insert into import_pending_updates (import_id, table_name, row_key, values_json) values ${Array.from({ length: rowCount }, () => '(?, ?, ?, ?)').join(', ')} on conflict (import_id, table_name, row_key) do nothing`
const STAGE_MANY = stageStatement(STAGE_ROWS)
const STAGE_ONE = stageStatement(1)

/** One staged action: the table name it is kept under, the row key, and its content as JSON. */
export type PendingRow = readonly [tableName: string, rowKey: string, valuesJson: string]

/**
 * Stages actions of an import in multi-row statements; a second one for the same table and key is
 * ignored.
 */
export function stagePendingRows(
  handle: Sqlite.Database,
  importId: number,
  rows: readonly PendingRow[],
): void {
  let start = 0
  for (; start + STAGE_ROWS <= rows.length; start += STAGE_ROWS) {
    const values: (string | number)[] = []
    for (const row of rows.slice(start, start + STAGE_ROWS)) {
      values.push(importId, ...row)
    }
    prepared(handle, STAGE_MANY).run(values)
  }
  for (const row of rows.slice(start)) {
    prepared(handle, STAGE_ONE).run(importId, ...row)
  }
}

/** Customers created per statement by `createCustomers`. */
const CUSTOMERS_PER_INSERT = 64
const createCustomersStatement = (rowCount: number): string =>
  `insert into customers (id, created_at, import_id) values ${Array.from({ length: rowCount }, () => '(?, ?, ?)').join(', ')} on conflict (id) do nothing returning id`

/**
 * Creates the customers of `ids` that do not exist yet, known only by their id, under import
 * `importId`, in multi-row statements. Returns the ids it created.
 */
export function createCustomers(
  handle: Sqlite.Database,
  ids: readonly string[],
  now: string,
  importId: number,
): Set<string> {
  const created = new Set<string>()
  const run = (statement: Sqlite.Statement, values: (string | number)[]) => {
    for (const row of statement.all(values) as { id: string }[]) {
      created.add(row.id)
    }
  }
  const many = prepared(handle, createCustomersStatement(CUSTOMERS_PER_INSERT))
  const values: (string | number)[] = new Array(3 * CUSTOMERS_PER_INSERT)
  let start = 0
  for (; start + CUSTOMERS_PER_INSERT <= ids.length; start += CUSTOMERS_PER_INSERT) {
    for (let row = 0; row < CUSTOMERS_PER_INSERT; row += 1) {
      values[3 * row] = ids[start + row] ?? ''
      values[3 * row + 1] = now
      values[3 * row + 2] = importId
    }
    run(many, values)
  }
  const one = prepared(handle, createCustomersStatement(1))
  for (const id of ids.slice(start)) {
    run(one, [id, now, importId])
  }
  return created
}

/** The import that wrote a customer (null once committed without one). */
export const SQLITE_CUSTOMER_IMPORT = 'select import_id from customers where id = ?'

// a page cache large enough for an import's index pages: SQLite's default of 2 MB makes every
// random index insert re-read its page from the OS (measured: 7 s of system time per million rows)
const IMPORT_CACHE_KIB = 256 * 1024
// a bulk load appends its rows and inserts at random only into the customers' key: a quarter of
// that is enough, and the cache fills with the appended pages whatever its size (10M orders
// peaked at 1,109 MB of RSS with the larger one)
const BULK_CACHE_KIB = 64 * 1024
const ENLARGED = new WeakMap<Sqlite.Database, number>()

/**
 * Raises the connection's page cache to 256 MiB (64 MiB for a bulk load) unless it is larger
 * already. It is an upper bound: pages are only held once read.
 */
export function enlargeCacheForImport(handle: Sqlite.Database, bulk: boolean): void {
  const target = bulk ? BULK_CACHE_KIB : IMPORT_CACHE_KIB
  if ((ENLARGED.get(handle) ?? 0) >= target) {
    return
  }
  ENLARGED.set(handle, target)
  const pages = Number(handle.pragma('cache_size', { simple: true }))
  const pageSize = Number(handle.pragma('page_size', { simple: true }))
  const currentKib = pages < 0 ? -pages : (pages * pageSize) / 1024
  if (currentKib < target) {
    handle.pragma(`cache_size = -${target}`)
  }
}
