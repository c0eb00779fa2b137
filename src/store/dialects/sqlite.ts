import Sqlite from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Kysely,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely'
import { StoreUnavailableError } from '../../domain/errors.js'
import { withStatementCache } from './statement-cache.js'

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000

/** Page cache per connection, in KiB (SQLite's default is 2,000). */
const SQLITE_CACHE_KIB = 64 * 1024

/** The page size of a new store file, in bytes (SQLite's default is 4,096). */
const SQLITE_PAGE_SIZE = 16_384

/** The pragmas every connection must run with (TESTPLAN F5, T4), as SQLite reports them back. */
const REQUIRED_PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2,
  foreign_keys: 1,
  busy_timeout: SQLITE_BUSY_TIMEOUT_MS,
} as const

/**
 * Opens a SQLite file with WAL, `synchronous=FULL`, foreign keys and a busy timeout, then reads the
 * pragmas back and refuses to go on unless they hold.
 * @example const handle = openSqliteDatabase('./comeback.db')
 */
export function openSqliteDatabase(path: string): Sqlite.Database {
  let handle: Sqlite.Database | undefined
  try {
    handle = new Sqlite(path)
    applyPragmas(handle, path === ':memory:')
    return handle
  } catch (error) {
    handle?.close()
    if (error instanceof StoreUnavailableError) {
      throw error
    }
    const reason = error instanceof Error ? error.message : String(error)
    throw new StoreUnavailableError(`cannot open SQLite database ${path}: ${reason}`, {
      cause: error,
    })
  }
}

function applyPragmas(handle: Sqlite.Database, inMemory: boolean): void {
  // only a new, empty file takes it (a WAL file keeps the size it was made with): 16 KiB pages
  // mean a quarter of the page writes and checksums per commit of an import, and shallower trees
  handle.pragma(`page_size = ${SQLITE_PAGE_SIZE}`)
  handle.pragma('journal_mode = WAL')
  // reopening a WAL file falls back to the build's default synchronous=NORMAL (F5): set it every time
  handle.pragma('synchronous = FULL')
  handle.pragma('foreign_keys = ON')
  handle.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`)
  // the default 2 MB page cache misses on every page of a million-customer store, costing a system
  // call per page read: a 64 MiB one makes reading a page of the lost list 4x cheaper (no mmap,
  // which would count the file's pages in the process's RSS)
  handle.pragma(`cache_size = -${SQLITE_CACHE_KIB}`)
  for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
    const actual: unknown = handle.pragma(name, { simple: true })
    // an in-memory database cannot be WAL; everything else must hold
    const exempt = inMemory && name === 'journal_mode'
    if (!exempt && String(actual).toLowerCase() !== String(expected)) {
      throw new StoreUnavailableError(
        `SQLite pragma ${name} is ${String(actual)}, expected ${String(expected)}: refusing to run without durable writes`,
      )
    }
  }
}

/**
 * Kysely's SQLite driver, except that transactions start with `BEGIN IMMEDIATE`: a writer takes the
 * write lock up front and waits `busy_timeout` for it, instead of failing with SQLITE_BUSY when a
 * read snapshot cannot be upgraded because another process wrote meanwhile.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

/** SQLite does run DDL inside transactions; saying so makes Kysely's Migrator run each migration in one. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

/**
 * The Kysely dialect for an open better-sqlite3 handle: immediate transactions and transactional
 * migrations, so two processes migrating one empty file take turns instead of both running DDL.
 * @example new Kysely<Database>({ dialect: createSqliteDialect(openSqliteDatabase(path)) })
 */
export function createSqliteDialect(handle: Sqlite.Database): Dialect {
  return {
    createDriver: () => new ImmediateSqliteDriver({ database: withStatementCache(handle) }),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new TransactionalSqliteAdapter(),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
  }
}
