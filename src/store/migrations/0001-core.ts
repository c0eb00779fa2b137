import { type Kysely, sql } from 'kysely'
import { createCoreIndexes } from './0001-core-indexes.js'
import {
  createCustomerTables,
  createDealTables,
  createOrderTables,
  createPeopleAndImportTables,
  createRecordTables,
} from './0001-core-tables.js'
import { createVisibleView, type StoreDialect, type StoreMigration } from './store-migration.js'

const VISIBLE_TABLES = ['customers', 'contacts', 'orders', 'contracts', 'deals', 'incidents']

/** The first schema: every table of `schema.ts`, its keys and indexes, the visible views, the audit guard. */
export const migration0001Core: StoreMigration = {
  async up(db, dialect) {
    await createPeopleAndImportTables(db, dialect)
    await createCustomerTables(db, dialect)
    await createOrderTables(db, dialect)
    await createDealTables(db, dialect)
    await createRecordTables(db, dialect)
    await createCoreIndexes(db)
    for (const table of VISIBLE_TABLES) {
      await createVisibleView(db, table)
    }
    await guardAuditLog(db, dialect)
  },
}

/** Makes `audit_log` append-only in the database itself, so no code path can rewrite history (T20). */
async function guardAuditLog(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const event of ['update', 'delete']) {
      await sql
        .raw(
          `create trigger audit_log_no_${event} before ${event} on audit_log begin select raise(abort, 'audit_log is append-only'); end`,
        )
        .execute(db)
    }
    return
  }
  await sql
    .raw(
      `create function audit_log_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_log is append-only'; end $$`,
    )
    .execute(db)
  await sql
    .raw(
      'create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only()',
    )
    .execute(db)
  await sql
    .raw(
      'create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()',
    )
    .execute(db)
}
