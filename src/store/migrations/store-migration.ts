import type { CreateTableBuilder, Kysely } from 'kysely'
import { sql } from 'kysely'

/** Which database engine a store runs on. */
export type StoreDialect = 'sqlite' | 'postgres'

/**
 * One schema step. Unlike a bare Kysely `Migration` it is told the dialect, so the few statements
 * that differ (identity ids, triggers) can say so explicitly.
 * @example export const migration0002: StoreMigration = { up: async (db) => { … } }
 */
export interface StoreMigration {
  up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void>
}

/**
 * Adds the surrogate `id` primary key: SQLite's rowid alias (`integer primary key autoincrement`,
 * ids never reused) or a PostgreSQL `bigint` identity.
 * @example addIdColumn(db.schema.createTable('orders'), dialect)
 */
export function addIdColumn<TTable extends string>(
  table: CreateTableBuilder<TTable>,
  dialect: StoreDialect,
): CreateTableBuilder<TTable, 'id'> {
  if (dialect === 'sqlite') {
    return table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
  }
  return table.addColumn('id', 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity())
}

/**
 * (Re)creates `visible_<table>`: the rows of `table` that no import is still writing or failed to
 * write. It excludes the few uncommitted imports rather than joining the many committed ones, so
 * readers pay for a small set (SPEC: publishing an import). PostgreSQL expands `*` when a view is
 * made, so a migration that adds a column to `table` must call this again.
 * @example await createVisibleView(db, 'orders')
 */
export async function createVisibleView(db: Kysely<unknown>, table: string): Promise<void> {
  const view = `visible_${table}`
  await db.schema.dropView(view).ifExists().execute()
  await db.schema
    .createView(view)
    .as(
      sql`select * from ${sql.table(table)} where import_id is null or import_id not in (select id from imports where status <> 'committed')`,
    )
    .execute()
}
