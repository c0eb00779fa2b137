import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The PostgreSQL server tests use unless `COMEBACK_TEST_PG_URL` names another. */
export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/test'

/** A throwaway database for one test file: its URL, and `drop()` to remove it afterwards. */
export interface TestPgDatabase {
  readonly url: string
  readonly name: string
  drop(): Promise<void>
}

/**
 * Creates a fresh, uniquely named database (`comeback_test_<random>`) on the test server, so test
 * files running in parallel never share tables. Returns null — after a `console.warn` saying
 * why — when the server is unreachable and `CI` is unset; in CI an unreachable server throws.
 * @example
 * const testPg = await createTestPgUrl()
 * describe.skipIf(testPg === null)('on PostgreSQL', () => {
 *   afterAll(() => testPg?.drop())
 *   it('…', async () => { const store = await openStore(testPg?.url) })
 * })
 */
export async function createTestPgUrl(): Promise<TestPgDatabase | null> {
  const baseUrl = process.env['COMEBACK_TEST_PG_URL'] ?? DEFAULT_TEST_PG_URL
  const name = `comeback_test_${randomBytes(6).toString('hex')}`
  try {
    await runOnAdminDb(baseUrl, `create database ${name}`)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    // never print a password that COMEBACK_TEST_PG_URL may carry
    const shownUrl = baseUrl.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@')
    const message = `PostgreSQL tests need a server at ${shownUrl} (COMEBACK_TEST_PG_URL): ${reason}`
    if (process.env['CI'] !== undefined && process.env['CI'] !== '') {
      throw new Error(message, { cause: error })
    }
    console.warn(`skipping PostgreSQL tests: ${message}`)
    return null
  }
  return {
    url: withDatabase(baseUrl, name),
    name,
    drop: () => runOnAdminDb(baseUrl, `drop database if exists ${name} with (force)`),
  }
}

/** Runs one statement on the server's `postgres` database, where databases are created and dropped. */
async function runOnAdminDb(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({
    connectionString: withDatabase(baseUrl, 'postgres'),
    connectionTimeoutMillis: 5000,
  })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}
