import type { ImportKind } from '../../domain/records.js'
import type { RecordTable } from './record-tables.js'

// Statement texts are assembled once per table from the constant column lists in record-tables.ts
// (identifiers only, checked below); every value travels as a bound parameter.
const IDENTIFIER = /^[a-z][a-z0-9_]*$/

function names(columns: readonly string[], prefix = ''): string {
  for (const column of columns) {
    if (!IDENTIFIER.test(column)) {
      throw new Error(`not a plain SQL identifier: ${column}`)
    }
  }
  return columns.map((column) => `${prefix}${column}`).join(', ')
}

type AnyTable = RecordTable<ImportKind>

/** Rows per multi-row SQLite INSERT: fewer calls into SQLite, far below its 32,766 parameters. */
export const SQLITE_ROWS_PER_INSERT = 64

/** Key, content and insert-only columns: what a new row of `table` is written with. */
export function insertColumns(table: AnyTable): string[] {
  return [table.keyColumn, ...table.contentColumns, ...table.insertOnlyColumns]
}

/** The `table_name` under which a staged action for `table` is kept in `import_pending_updates`. */
export const pendingName = {
  upsert: (table: AnyTable): string => table.table,
  seen: (table: AnyTable): string => `${table.table}:seen`,
  adoptCustomer: 'customers:adopt',
} as const

/** Every statement the import path runs against one imported table, per dialect. */
export interface TableStatements {
  /** SQLite: insert `SQLITE_ROWS_PER_INSERT` new rows, skipping keys that exist */
  readonly sqliteInsertMany: string
  readonly sqliteInsertOne: string
  /** SQLite: the same, for a bulk load without the key index, whose keys are all new */
  readonly sqliteAppendMany: string
  readonly sqliteAppendOne: string
  /**
   * SQLite: for the JSON array of keys `@keys`, the stored row (if any) and what import
   * `@importId` staged for it under `@upsertName` or `@seenName`
   */
  readonly sqliteSelectStored: string
  readonly sqlitePublishInsertMissing: string
  readonly sqlitePublishUpdate: string
  /** PostgreSQL: a temporary staging table shaped like a new row, dropped at commit */
  readonly postgresCreateStage: string
  readonly postgresCopyStage: string
  /** PostgreSQL: COPY new rows straight into the table, import id last (fails on an existing key) */
  readonly postgresCopyTarget: string
  /**
   * PostgreSQL: move staged rows into the table under import `$1`, skipping keys that exist,
   * returning the keys it inserted as `row_key`
   */
  readonly postgresInsertFromStageReturning: string
  /** PostgreSQL: as `sqliteSelectStored`, with `$1` the import, `$2` the two names, `$3` the keys */
  readonly postgresSelectStored: string
  readonly postgresPublishInsertMissing: string
  readonly postgresPublishUpdate: string
}

const CACHE = new Map<string, TableStatements>()

/**
 * The statements for `table`, assembled on first use.
 * @example statementsFor(RECORD_TABLES.orders).sqliteInsertOne
 */
export function statementsFor(table: AnyTable): TableStatements {
  let statements = CACHE.get(table.table)
  if (statements === undefined) {
    statements = { ...writeStatements(table), ...publishStatements(table) }
    CACHE.set(table.table, statements)
  }
  return statements
}

function sqliteInsert(table: AnyTable, rowCount: number, append = false): string {
  const columns = insertColumns(table)
  const row = `(${Array.from({ length: columns.length + 1 }, () => '?').join(', ')})`
  const rows = Array.from({ length: rowCount }, () => row).join(', ')
  const insert = `insert into ${table.table} (${names(columns)}, import_id) values ${rows}`
  return append ? insert : `${insert} on conflict (${names([table.keyColumn])}) do nothing`
}

function writeStatements(table: AnyTable) {
  const key = names([table.keyColumn])
  const columns = names(insertColumns(table))
  const content = names(table.contentColumns, 't.')
  // each staged name is its own lateral lookup (limit 1 keeps it from being flattened into a
  // join), by key, on the (import, name, key) unique index:
  // as plain joins, with the statistics of a table that was empty when last analysed, PostgreSQL
  // read every entry the import staged once per key (measured: 1.2 ms per row of a 200,000-row
  // re-import, growing with the import)
  const stored = (keys: string, importId: string, pendingNames: string) =>
    `select k.key as row_key, t.${key} is not null as row_found, t.import_id, ${content}, coalesce(pu.table_name, ps.table_name) as pending_table, coalesce(pu.values_json, ps.values_json) as pending_json from ${keys} left join ${table.table} t on t.${key} = k.key left join lateral (select s.table_name, s.values_json from import_pending_updates s where s.import_id = ${importId} and s.table_name = (${pendingNames})[1] and s.row_key = k.key limit 1) pu on true left join lateral (select s.table_name, s.values_json from import_pending_updates s where s.import_id = ${importId} and s.table_name = (${pendingNames})[2] and s.row_key = k.key limit 1) ps on true`
  // SQLite keeps the keys met unchanged in a temporary table of the connection (sqlite-seen.ts)
  const sqliteStored = `select k.key as row_key, t.${key} is not null as row_found, t.import_id, ${content}, coalesce(p.table_name, s.table_name) as pending_table, coalesce(p.values_json, s.values_json) as pending_json from (select value as key from json_each(@keys)) k left join ${table.table} t on t.${key} = k.key left join import_pending_updates p on p.import_id = @importId and p.table_name = @upsertName and p.row_key = k.key left join temp.import_seen s on s.import_id = @importId and s.table_name = @seenName and s.row_key = k.key`
  const fromStage = `insert into ${table.table} (${columns}, import_id) select ${columns}, $1 from import_stage on conflict (${key}) do nothing`
  return {
    sqliteInsertMany: sqliteInsert(table, SQLITE_ROWS_PER_INSERT),
    sqliteInsertOne: sqliteInsert(table, 1),
    sqliteAppendMany: sqliteInsert(table, SQLITE_ROWS_PER_INSERT, true),
    sqliteAppendOne: sqliteInsert(table, 1, true),
    sqliteSelectStored: sqliteStored,
    postgresCreateStage: `create temporary table import_stage on commit drop as select ${columns} from ${table.table} with no data`,
    postgresCopyStage: `copy import_stage (${columns}) from stdin`,
    postgresCopyTarget: `copy ${table.table} (${columns}, import_id) from stdin`,
    postgresInsertFromStageReturning: `${fromStage} returning ${key} as row_key`,
    postgresSelectStored: stored('unnest($3::text[]) as k(key)', '$1', '$2::text[]'),
  }
}

// publish step 1 creates the staged rows whose key no longer exists; step 2 rewrites the staged
// rows and takes over rows an unfinished import wrote. Parameters: the import, the staged table
// name, and the creation time when the table has insert-only columns.
function publishStatements(table: AnyTable) {
  const key = names([table.keyColumn])
  const columns = names(insertColumns(table))
  const takeOver = (alias: string, importId: string) =>
    `import_id = case when ${alias}.import_id in (select id from imports where status <> 'committed') then ${importId} else ${alias}.import_id end`
  const extracted = table.contentColumns.map(
    (column) => `json_extract(p.values_json, '$.${column}')`,
  )
  const sqliteSets = table.contentColumns.map(
    (column) => `${column} = json_extract(p.values_json, '$.${column}')`,
  )
  const postgresSets = table.contentColumns.map((column) => `${column} = v.${column}`)
  const populated = `cross join lateral jsonb_populate_record(null::${table.table}, p.values_json::jsonb) v`
  return {
    sqlitePublishInsertMissing: `insert into ${table.table} (${columns}, import_id) select p.row_key, ${[...extracted, ...table.insertOnlyColumns.map(() => '@now')].join(', ')}, @importId from import_pending_updates p where p.import_id = @importId and p.table_name = @tableName on conflict (${key}) do nothing`,
    sqlitePublishUpdate: `update ${table.table} set ${sqliteSets.join(', ')}, ${takeOver(table.table, '@importId')} from import_pending_updates p where p.import_id = @importId and p.table_name = @tableName and ${table.table}.${key} = p.row_key`,
    postgresPublishInsertMissing: `insert into ${table.table} (${columns}, import_id) select p.row_key, ${[...names(table.contentColumns, 'v.').split(', '), ...table.insertOnlyColumns.map(() => '$3')].join(', ')}, $1 from import_pending_updates p ${populated} where p.import_id = $1 and p.table_name = $2 on conflict (${key}) do nothing`,
    postgresPublishUpdate: `update ${table.table} t set ${postgresSets.join(', ')}, ${takeOver('t', '$1')} from import_pending_updates p ${populated} where p.import_id = $1 and p.table_name = $2 and t.${key} = p.row_key`,
  }
}
