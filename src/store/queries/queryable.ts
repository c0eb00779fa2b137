import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'
import { Store } from '../store.js'

/**
 * What a query runs on: a store, or a Kysely instance or transaction of one, so that a use case can
 * put several writes (a change and its audit entry) into one transaction.
 * @example await store.db.transaction().execute((trx) => appendAudit(trx, entry))
 */
export type Queryable = Store | Kysely<Database>

/** The Kysely instance (or transaction) behind a `Queryable`. */
export function dbOf(target: Queryable): Kysely<Database> {
  return target instanceof Store ? target.db : target
}

/** Runs `work` in a transaction, or inside the caller's when `target` already is one. */
export async function inTransaction<T>(
  target: Queryable,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const db = dbOf(target)
  if (db.isTransaction) {
    return work(db)
  }
  return db.transaction().execute(work)
}

/** The ISO 8601 UTC timestamp stored in `*_at` columns. */
export function nowTimestamp(): string {
  return new Date().toISOString()
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
}

/** True when the database refused a row for a duplicate unique key (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error)
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}

/** True when the database refused a row whose reference points nowhere (SQLite or PostgreSQL). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = errorCode(error)
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}
