import type Sqlite from 'better-sqlite3'
import type { CompiledQuery } from 'kysely'
import type pg from 'pg'
import type { Store } from '../store.js'

/**
 * Runs `work` on the raw better-sqlite3 handle while holding Kysely's connection, so no Kysely
 * query of this process can interleave with the synchronous transaction `work` runs.
 */
export async function withSqliteHandle<T>(
  store: Store,
  work: (handle: Sqlite.Database) => T,
): Promise<T> {
  return store.db.connection().execute(async () => work(store.sqlite()))
}

/**
 * Runs `work` inside one transaction on a pooled PostgreSQL client, rolling back when it throws.
 */
export async function withPostgresTransaction<T>(
  store: Store,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await store.pgPool().connect()
  try {
    await client.query('begin')
    const result = await work(client)
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

// deadlock_detected and serialization_failure: the transaction was rolled back whole, so running
// it again is safe (PostgreSQL docs, "Serialization Failure Handling")
const RETRYABLE = new Set(['40P01', '40001'])
const ATTEMPTS = 3

/**
 * As `withPostgresTransaction`, but runs the whole transaction again (up to 3 times) when
 * PostgreSQL aborts it as a deadlock victim, as two imports of overlapping keys can be.
 */
export async function withRetriedPostgresTransaction<T>(
  store: Store,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withPostgresTransaction(store, work)
    } catch (error) {
      const code =
        typeof error === 'object' && error !== null && 'code' in error ? error.code : null
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()))
    }
  }
}

/** Runs a Kysely-built statement on a raw SQLite handle; returns the rows it changed. */
export function sqliteRun(handle: Sqlite.Database, query: CompiledQuery): number {
  return handle.prepare(query.sql).run(...query.parameters).changes
}

/** Runs a Kysely-built query on a raw SQLite handle and returns its rows. */
export function sqliteAll<TRow>(handle: Sqlite.Database, query: CompiledQuery<TRow>): TRow[] {
  return handle.prepare(query.sql).all(...query.parameters) as TRow[]
}

/** Runs a Kysely-built statement on a pg client; returns its rows and how many it touched. */
export async function postgresRun<TRow>(
  client: pg.PoolClient,
  query: CompiledQuery<TRow>,
): Promise<{ rows: TRow[]; rowCount: number }> {
  const result = await client.query(query.sql, [...query.parameters])
  return { rows: result.rows as TRow[], rowCount: result.rowCount ?? 0 }
}
