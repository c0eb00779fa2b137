import { afterAll, describe, expect, it } from 'vitest'
import { StoreUnavailableError } from '../../domain/errors.js'
import { createTestPgUrl } from '../../test-support/pg.js'
import { describeStore } from '../store.contract.js'
import { openStore } from '../store.js'

const testPg = await createTestPgUrl()

describe.skipIf(testPg === null)('PostgreSQL', () => {
  afterAll(async () => {
    await testPg?.drop()
  })
  const url = testPg?.url ?? ''
  describeStore('PostgreSQL', () => openStore(url), url)

  it('hands out its pool for bulk paths and refuses the SQLite handle', async () => {
    const store = await openStore(testPg?.url)
    try {
      expect(store.dialect).toBe('postgres')
      const result = await store.pgPool().query<{ n: number }>('select 9000000000000::bigint as n')
      expect(result.rows[0]?.n).toBe(9e12)
      expect(() => store.sqlite()).toThrow(/not SQLite/)
    } finally {
      await store.close()
    }
  })
})

describe('PostgreSQL connection errors', () => {
  it('an unreachable server gives one clear line that never shows the password', async () => {
    const error = await openStore('postgres://comeback:s3cret@127.0.0.1:1/nowhere').then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(StoreUnavailableError)
    const message = (error as Error).message
    expect(message).toMatch(
      /^cannot reach PostgreSQL at postgres:\/\/comeback:\*\*\*@127\.0\.0\.1:1\/nowhere: /,
    )
    expect(message).not.toContain('s3cret')
    expect(message).not.toContain('\n')
  })
})
