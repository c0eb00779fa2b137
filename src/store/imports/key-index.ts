import type Sqlite from 'better-sqlite3'
import type pg from 'pg'
import type { ImportKind } from '../../domain/records.js'
import {
  buildNotedIndex,
  buildNotedPostgresIndex,
  type IndexRow,
  POSTGRES_NOTE,
  quoted,
  SQLITE_NOTE,
} from './deferred-indexes.js'
import type { ImportedTable } from './record-tables.js'
import type { WriteContext } from './write-context.js'

// The key index of an imported table, dropped for a first bulk load into it and built again
// before anyone else writes the table (see bulk-load.ts).

/**
 * Inside a write transaction, for a first bulk load into an empty `table`: drops the unique index
 * of its key column as well, noted like the others, so rows append without a random insert into
 * that index each (measured on 10M orders: most of the import's time, the index outgrowing the
 * page cache and every batch rewriting its pages). The caller then owes what the index did: it
 * must know every repeat of a key itself (`KeyFingerprints`) until `restoreDeferredIndexes`
 * builds it again. Returns whether it dropped it.
 */
export function deferKeyIndexWhenEmpty(
  handle: Sqlite.Database,
  table: ImportedTable,
  keyColumn: string,
): boolean {
  if (handle.prepare(`select 1 from ${table} limit 1`).get() !== undefined) {
    return false
  }
  const index = keyIndexOf(handle, table, keyColumn)
  if (index === null) {
    return false
  }
  handle.prepare(SQLITE_NOTE).run(index.name, table, index.definition)
  handle.exec(`drop index ${quoted(index.name)}`)
  return true
}

/** The plain unique index on `keyColumn` alone (not a primary key, not partial), or null. */
function keyIndexOf(
  handle: Sqlite.Database,
  table: ImportedTable,
  keyColumn: string,
): IndexRow | null {
  const indexes = handle.prepare(`pragma index_list(${quoted(table)})`).all() as {
    name: string
    unique: number
    origin: string
    partial: number
  }[]
  for (const index of indexes) {
    if (index.unique !== 1 || index.origin !== 'c' || index.partial !== 0) {
      continue
    }
    const columns = handle.prepare(`pragma index_info(${quoted(index.name)})`).all() as {
      name: string
    }[]
    if (columns.length === 1 && columns[0]?.name === keyColumn) {
      const row = handle
        .prepare("select sql from sqlite_master where type = 'index' and name = ?")
        .get(index.name) as { sql: string | null } | undefined
      return row?.sql == null ? null : { name: index.name, definition: row.sql }
    }
  }
  return null
}

const KEY_NOTES =
  "select name, definition from import_deferred_indexes where table_name = ? and lower(definition) like 'create unique%'"

/**
 * A bulk load writes without the key index only while its note stands: once anyone has built the
 * index again (another import's batch, a failing import's cleanup), it writes through the ordinary
 * path from this batch on. Any other import builds the index before it writes, so a key can never
 * repeat unseen. Both checks run inside the batch's transaction, so no writer comes between.
 */
export function settleKeyIndex(handle: Sqlite.Database, context: WriteContext<ImportKind>): void {
  const notes = handle.prepare(KEY_NOTES).all(context.table.table) as IndexRow[]
  if (context.hints.keyIndexDeferred) {
    context.hints.keyIndexDeferred = notes.length > 0
    return
  }
  // another import's bulk load dropped it: build it now, so this import can write beside that load,
  // which sees the index back at its next batch and carries on through the ordinary path (its rows
  // never repeat a key, so the build cannot fail on them)
  for (const index of notes) {
    buildNotedIndex(handle, index)
  }
}

// the plain unique index on one column (no primary key, no constraint, not partial)
const POSTGRES_KEY_INDEX = `select i.relname as name, pg_get_indexdef(i.oid) as definition
  from pg_index x
  join pg_class i on i.oid = x.indexrelid
  join pg_class t on t.oid = x.indrelid
  join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
  where t.relname = $1 and t.relnamespace = current_schema()::regnamespace and a.attname = $2
    and x.indisunique and not x.indisprimary and x.indnatts = 1 and x.indpred is null
    and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`

/** PostgreSQL's `deferKeyIndexWhenEmpty`, inside the caller's transaction. */
export async function deferPostgresKeyIndexWhenEmpty(
  client: pg.PoolClient,
  table: ImportedTable,
  keyColumn: string,
): Promise<boolean> {
  if ((await client.query(`select 1 from ${table} limit 1`)).rows.length > 0) {
    return false
  }
  const index = (await client.query(POSTGRES_KEY_INDEX, [table, keyColumn])).rows[0] as
    | IndexRow
    | undefined
  if (index === undefined) {
    return false
  }
  await client.query(POSTGRES_NOTE, [index.name, table, index.definition])
  await client.query(`drop index ${quoted(index.name)}`)
  return true
}

const POSTGRES_KEY_NOTES =
  "select name, definition from import_deferred_indexes where table_name = $1 and lower(definition) like 'create unique%'"

/**
 * `settleKeyIndex` on PostgreSQL, inside the batch's transaction. Building the index takes a lock
 * that waits for the bulk load's running batch and holds its next one until this batch commits;
 * a batch of the load that started meanwhile meets the index and takes the staging path for any
 * key that exists by then.
 */
export async function settlePostgresKeyIndex(
  client: pg.PoolClient,
  context: WriteContext<ImportKind>,
): Promise<void> {
  const { table } = context.table
  const notes = (await client.query(POSTGRES_KEY_NOTES, [table])).rows as IndexRow[]
  if (context.hints.keyIndexDeferred) {
    context.hints.keyIndexDeferred = notes.length > 0
    return
  }
  for (const index of notes) {
    await buildNotedPostgresIndex(client, index)
  }
}
