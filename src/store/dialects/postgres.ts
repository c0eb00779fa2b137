import { type Dialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import { StoreUnavailableError } from '../../domain/errors.js'

const PG_INT8_OID = 20
const PG_NUMERIC_OID = 1700
const PG_CONNECT_TIMEOUT_MS = 5000

/**
 * Type parsers for this store's pools only: `bigint` (ids, money in minor units, `count(*)`) and
 * `numeric` (`sum`, `avg`) come back as numbers, since every value we keep fits in 2^53.
 */
function createTypeOverrides(): pg.CustomTypesConfig {
  const overrides = new pg.TypeOverrides()
  overrides.setTypeParser(PG_INT8_OID, (value: string) => Number(value))
  overrides.setTypeParser(PG_NUMERIC_OID, (value: string) => Number(value))
  return overrides
}

/**
 * Opens a pg pool on a `postgres://` URL and checks that the server answers; an unreachable
 * server becomes one clear `StoreUnavailableError` that never shows the password.
 * @example const pool = await openPgPool('postgres://postgres@127.0.0.1:5432/comeback')
 */
export async function openPgPool(url: string): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    types: createTypeOverrides(),
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    max: 10,
  })
  // an idle client's network error is emitted on the pool; without a listener it would crash node
  pool.on('error', () => undefined)
  try {
    await pool.query('select 1')
    return pool
  } catch (error) {
    await pool.end().catch(() => undefined)
    const reason = error instanceof Error ? error.message : String(error)
    throw new StoreUnavailableError(`cannot reach PostgreSQL at ${redactUrl(url)}: ${reason}`, {
      cause: error,
    })
  }
}

/**
 * The URL with any password replaced by `***`, for messages and logs.
 * @example redactUrl('postgres://u:secret@h/db') // 'postgres://u:***@h/db'
 */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@')
}

/**
 * The Kysely dialect over a pool from `openPgPool`; destroying the Kysely instance ends the pool.
 * @example new Kysely<Database>({ dialect: createPostgresDialect(pool) })
 */
export function createPostgresDialect(pool: pg.Pool): Dialect {
  return new PostgresDialect({ pool })
}
