import type Sqlite from 'better-sqlite3'
import { Kysely, type Migration, Migrator } from 'kysely'
import type pg from 'pg'
import { ComebackError, StoreUnavailableError } from '../domain/errors.js'
import { createPostgresDialect, openPgPool, redactUrl } from './dialects/postgres.js'
import { createSqliteDialect, openSqliteDatabase } from './dialects/sqlite.js'
import { MIGRATIONS } from './migrations/index.js'
import type { StoreDialect } from './migrations/store-migration.js'
import type { Database } from './schema.js'

/** The database file used when neither an argument nor `COMEBACK_DB` names one. */
export const DEFAULT_DATABASE_PATH = './comeback.db'

/** The raw connection under a store. */
export type StoreDriver =
  | { kind: 'sqlite'; handle: Sqlite.Database }
  | { kind: 'postgres'; pool: pg.Pool }

/**
 * One open Comeback database: the Kysely instance every query goes through, plus the raw driver
 * handle for bulk paths. Holds a connection (SQLite) or a pool (PostgreSQL) until `close()`.
 * @example
 * const store = await openStore()
 * await store.migrate()
 * await store.close()
 */
export class Store {
  readonly #db: Kysely<Database>
  readonly #driver: StoreDriver
  readonly #url: string

  constructor(db: Kysely<Database>, driver: StoreDriver, url: string) {
    this.#db = db
    this.#driver = driver
    this.#url = url
  }

  /** The query builder; read business rows through the `visible_*` views. */
  get db(): Kysely<Database> {
    return this.#db
  }

  get dialect(): StoreDialect {
    return this.#driver.kind
  }

  /** The SQLite path or PostgreSQL URL this store was opened on (a password shown as `***`). */
  get url(): string {
    return this.#url
  }

  /**
   * Brings the schema up to the newest migration. Idempotent; two processes migrating the same
   * empty database take turns (PostgreSQL advisory lock; SQLite `BEGIN IMMEDIATE`).
   */
  async migrate(): Promise<void> {
    const dialect = this.dialect
    const migrator = new Migrator({
      db: this.#db,
      provider: {
        getMigrations: async () =>
          Object.fromEntries(
            Object.entries(MIGRATIONS).map(([name, step]): [string, Migration] => [
              name,
              { up: (db) => step.up(db, dialect) },
            ]),
          ),
      },
    })
    const { error, results } = await migrator.migrateToLatest()
    if (error !== undefined) {
      const failed = results?.find((result) => result.status === 'Error')?.migrationName
      const reason = error instanceof Error ? error.message : String(error)
      const step = failed === undefined ? '' : ` ${failed}`
      throw new ComebackError('INTERNAL', `database migration${step} failed: ${reason}`, {
        cause: error,
      })
    }
  }

  /** Closes the connection or pool; the store cannot be used afterwards. */
  async close(): Promise<void> {
    await this.#db.destroy()
  }

  /** The raw better-sqlite3 handle, for bulk paths that bypass Kysely. Throws on PostgreSQL. */
  sqlite(): Sqlite.Database {
    if (this.#driver.kind !== 'sqlite') {
      throw new ComebackError('INTERNAL', 'this store is PostgreSQL, not SQLite')
    }
    return this.#driver.handle
  }

  /** The raw pg pool, for bulk paths such as COPY. Throws on SQLite. */
  pgPool(): pg.Pool {
    if (this.#driver.kind !== 'postgres') {
      throw new ComebackError('INTERNAL', 'this store is SQLite, not PostgreSQL')
    }
    return this.#driver.pool
  }
}

/**
 * Opens the database at `url`: `postgres://` or `postgresql://` is PostgreSQL, anything else a
 * SQLite file path. Without `url`, `COMEBACK_DB`, then `./comeback.db`. Does not migrate.
 * @throws StoreUnavailableError when the server is unreachable or the file cannot be opened
 * @example const store = await openStore('postgres://postgres@127.0.0.1:5432/comeback')
 */
export async function openStore(url?: string): Promise<Store> {
  const target = url ?? process.env['COMEBACK_DB'] ?? DEFAULT_DATABASE_PATH
  if (target.trim() === '') {
    throw new StoreUnavailableError('the database URL is empty')
  }
  if (/^postgres(ql)?:\/\//i.test(target)) {
    const pool = await openPgPool(target)
    const db = new Kysely<Database>({ dialect: createPostgresDialect(pool) })
    return new Store(db, { kind: 'postgres', pool }, redactUrl(target))
  }
  const handle = openSqliteDatabase(target)
  const db = new Kysely<Database>({ dialect: createSqliteDialect(handle) })
  return new Store(db, { kind: 'sqlite', handle }, target)
}
