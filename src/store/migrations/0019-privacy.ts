import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { addIdColumn, type StoreMigration } from './store-migration.js'

/**
 * Privacy (issue 6 items 7–8, TESTPLAN T22–T24): the erasure log, the keyed hashes of erased
 * people (so a re-import of the company's own file is recognised without keeping the person's
 * values), the database's key for those hashes, and the campaign member a recorded touch was for.
 * Retention windows are business settings (the `settings` table), not schema.
 */
export const migration0019Privacy: StoreMigration = {
  async up(db, dialect) {
    await addIdColumn(db.schema.createTable('erasures'), dialect)
      .addColumn('customer_id', 'text', (col) => col.notNull())
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('erased_at', 'text', (col) => col.notNull())
      .addColumn('actor', 'text', (col) => col.notNull())
      .addColumn('counts_json', 'text', (col) => col.notNull())
      .execute()
    await db.schema
      .createIndex('erasures_customer_ix')
      .on('erasures')
      .column('customer_id')
      .execute()
    await db.schema
      .createTable('erased_fingerprints')
      .addColumn('fingerprint', 'text', (col) => col.primaryKey())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('erasure_id', 'bigint', (col) => col.notNull().references('erasures.id'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute()
    await db.schema
      .createTable('privacy_key')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('secret_hex', 'text', (col) => col.notNull())
      .execute()
    // 256 random bits per database: the hashes cannot be recomputed from a guessed address alone
    await (db as Kysely<{ privacy_key: { id: number; secret_hex: string } }>)
      .insertInto('privacy_key')
      .values({ id: 1, secret_hex: randomBytes(32).toString('hex') })
      .execute()
    await db.schema.alterTable('touches').addColumn('campaign_member_id', 'bigint').execute()
  },
}
