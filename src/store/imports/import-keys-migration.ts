import { sql } from 'kysely'
import type { StoreMigration } from '../migrations/store-migration.js'

/**
 * Keys the import path relies on: at most one running import per kind and file (TESTPLAN T2: the
 * same file uploaded twice at once yields one import), and one staged entry per import, table and
 * row key, which is also how a batch finds what its import already staged for a key.
 */
export const migration0004ImportKeys: StoreMigration = {
  async up(db) {
    await db.schema
      .createIndex('imports_running_file_ux')
      .unique()
      .on('imports')
      .columns(['kind', 'file_sha256'])
      .where(sql.ref('status'), '=', 'running')
      .execute()
    await db.schema
      .createIndex('import_pending_updates_key_ux')
      .unique()
      .on('import_pending_updates')
      .columns(['import_id', 'table_name', 'row_key'])
      .execute()
  },
}
