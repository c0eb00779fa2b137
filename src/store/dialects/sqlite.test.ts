import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { StoreUnavailableError } from '../../domain/errors.js'
import { describeStore } from '../store.contract.js'
import { openStore } from '../store.js'

const dir = mkdtempSync(join(tmpdir(), 'comeback-store-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const contractPath = join(dir, 'contract.db')
describeStore('a SQLite file', () => openStore(contractPath), contractPath)

describe('SQLite dialect', () => {
  it('reopening an existing WAL file still runs with WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const path = join(dir, 'reopen.db')
    const first = await openStore(path)
    await first.migrate()
    await first.close()
    const again = await openStore(path)
    try {
      const handle = again.sqlite()
      expect(handle.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(handle.pragma('synchronous', { simple: true })).toBe(2)
      expect(handle.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(handle.pragma('busy_timeout', { simple: true })).toBe(5000)
      expect(again.dialect).toBe('sqlite')
      expect(() => again.pgPool()).toThrow(/not PostgreSQL/)
    } finally {
      await again.close()
    }
  })

  it('refuses a path in a missing folder with one clear line', async () => {
    const path = join(dir, 'no-such-folder', 'x.db')
    const error = await openStore(path).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(StoreUnavailableError)
    expect((error as Error).message).toContain(path)
    expect((error as Error).message).not.toContain('\n')
  })

  it('refuses a file that is not a SQLite database', async () => {
    const path = join(dir, 'not-a-db.db')
    writeFileSync(path, 'customer_id,amount\n'.repeat(500))
    await expect(openStore(path)).rejects.toThrow(/cannot open SQLite database .*not-a-db\.db/)
  })

  it('opens COMEBACK_DB when no location is given', async () => {
    const path = join(dir, 'from-env.db')
    const previous = process.env['COMEBACK_DB']
    process.env['COMEBACK_DB'] = path
    try {
      const store = await openStore()
      expect(store.url).toBe(path)
      await store.close()
    } finally {
      if (previous === undefined) {
        delete process.env['COMEBACK_DB']
      } else {
        process.env['COMEBACK_DB'] = previous
      }
    }
  })
})
