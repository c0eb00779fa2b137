import type { StoreMigration } from '../migrations/store-migration.js'

/**
 * The secondary indexes a first import into an empty table drops, with the statement that builds
 * each again, so that whoever restores them (publish, fail, recovery after kill -9) knows how,
 * whichever migration made them. Written in the same transaction as the drop.
 */
export const migration0010ImportSpeed: StoreMigration = {
  async up(db) {
    await db.schema
      .createTable('import_deferred_indexes')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('table_name', 'text', (col) => col.notNull())
      .addColumn('definition', 'text', (col) => col.notNull())
      .execute()
  },
}
