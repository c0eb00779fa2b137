import type Sqlite from 'better-sqlite3'
import type { Store } from '../store.js'
import { withSqliteHandle } from './raw-query.js'
import { type PendingRow, prepared } from './sqlite-statements.js'

// The keys an import met unchanged only matter while it runs (a later repeat with other content is
// a conflict, not an update), and an import never outlives its connection: a crash abandons it. So
// SQLite keeps them in a temporary table of the connection, which is never written to the WAL nor
// synced, instead of in `import_pending_updates` (measured: the markers and their cleanup were
// most of a re-import's cost).
const CREATE_SEEN =
  'create temp table if not exists import_seen (import_id integer not null, table_name text not null, row_key text not null, values_json text not null, primary key (import_id, table_name, row_key)) without rowid'
// the temporary database has its own page cache, 2 MB by default
const SEEN_CACHE_KIB = 64 * 1024
const CREATED = new WeakSet<Sqlite.Database>()

/** Creates the connection's `temp.import_seen` table unless it exists. */
export function createSeenTable(handle: Sqlite.Database): void {
  if (CREATED.has(handle)) {
    return
  }
  handle.exec(CREATE_SEEN)
  handle.pragma(`temp.cache_size = -${SEEN_CACHE_KIB}`)
  CREATED.add(handle)
}

const SEEN_ROWS = 64
const seenStatement = (rowCount: number): string =>
  `insert into temp.import_seen (import_id, table_name, row_key, values_json) values ${Array.from({ length: rowCount }, () => '(?, ?, ?, ?)').join(', ')} on conflict do nothing`

/** Notes keys an import met unchanged, with their content; a second note of a key is ignored. */
export function stageSeenRows(
  handle: Sqlite.Database,
  importId: number,
  rows: readonly PendingRow[],
): void {
  const many = prepared(handle, seenStatement(SEEN_ROWS))
  const values: (string | number)[] = new Array(4 * SEEN_ROWS)
  let start = 0
  for (; start + SEEN_ROWS <= rows.length; start += SEEN_ROWS) {
    for (let row = 0; row < SEEN_ROWS; row += 1) {
      const [tableName, rowKey, json] = rows[start + row] ?? ['', '', '']
      values[4 * row] = importId
      values[4 * row + 1] = tableName
      values[4 * row + 2] = rowKey
      values[4 * row + 3] = json
    }
    many.run(values)
  }
  const one = prepared(handle, seenStatement(1))
  for (const row of rows.slice(start)) {
    one.run(importId, ...row)
  }
}

/** Forgets the keys import `importId` met unchanged, once it is published or failed (SQLite only). */
export async function forgetSeen(store: Store, importId: number): Promise<void> {
  if (store.dialect !== 'sqlite') {
    return
  }
  await withSqliteHandle(store, (handle) => {
    if (CREATED.has(handle)) {
      prepared(handle, 'delete from temp.import_seen where import_id = ?').run(importId)
    }
  })
}
