import type { Kysely } from 'kysely'
import { addIdColumn, type StoreDialect, type StoreMigration } from './store-migration.js'

/**
 * Sign-in state: sessions (only a hash of each token is kept), failed sign-ins for the rate limit,
 * TOTP second factors and their one-time recovery codes.
 */
export const migration0003Auth: StoreMigration = {
  async up(db, dialect) {
    await createSessions(db)
    await createLoginFailures(db, dialect)
    await createSecondFactors(db, dialect)
  },
}

async function createSessions(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sessions')
    // sha-256 of the cookie's token: a stolen database copy holds no usable session
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('second_factor_at', 'text')
    .execute()
  await db.schema.createIndex('sessions_user_ix').on('sessions').column('user_id').execute()
}

async function createLoginFailures(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  // keyed by a hash of the normalised email, so unknown accounts are limited alike and no email is kept
  await addIdColumn(db.schema.createTable('login_failures'), dialect)
    .addColumn('account_key', 'text', (col) => col.notNull())
    .addColumn('failed_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('login_failures_account_ix')
    .on('login_failures')
    .columns(['account_key', 'failed_at'])
    .execute()
}

async function createSecondFactors(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('totp_credentials')
    .addColumn('user_id', 'bigint', (col) => col.primaryKey().references('users.id'))
    .addColumn('secret_base32', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('confirmed_at', 'text')
    // the newest accepted time step: a code is never accepted twice (RFC 6238 §5.2)
    .addColumn('last_used_step', 'bigint')
    .execute()
  await addIdColumn(db.schema.createTable('recovery_codes'), dialect)
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema
    .createIndex('recovery_codes_user_code_ux')
    .on('recovery_codes')
    .columns(['user_id', 'code_hash'])
    .unique()
    .execute()
}
