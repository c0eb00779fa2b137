import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, insertSession, type Store } from '../store/index.js'
import { storeTargets } from '../test-support/api-fixture.js'
import { DEFAULT_SESSION_SETTINGS } from './auth/session-user.js'
import { tidyBeforeServing } from './server-housekeeping.js'

const NOW = new Date('2026-03-01T12:00:00.000Z')
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString()
const minutesAhead = (minutes: number) => minutesAgo(-minutes)

// one import may run per file at a time, so the two running imports have different files
function importRow(heartbeatAt: string, fileHex: string) {
  return {
    kind: 'orders',
    file_name: 'orders.csv',
    file_sha256: fileHex.repeat(64),
    status: 'running' as const,
    actor: 'local-admin',
    started_at: heartbeatAt,
    heartbeat_at: heartbeatAt,
    finished_at: null,
    read_count: 0,
    inserted_count: 0,
    updated_count: 0,
    unchanged_count: 0,
    rejected_count: 0,
    rejects_file: null,
    error: null,
  }
}

describe.each(await storeTargets())('tidying before serving on $name', (target) => {
  let store: Store
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    ;({ store, cleanup } = await target.open())
    await store.migrate()
    const user = await createUser(store, {
      email: 'rep@demo.test',
      name: 'Rep',
      role: 'rep',
      manager_id: null,
      started_on: '2024-01-01',
      password_hash: null,
    })
    const session = (token: string, lastSeen: string, expires: string) =>
      insertSession(store, {
        token_hash: token,
        user_id: Number(user.id),
        created_at: minutesAgo(24 * 60),
        last_seen_at: lastSeen,
        expires_at: expires,
        second_factor_at: null,
      })
    await session('live', minutesAgo(5), minutesAhead(60))
    await session('idle', minutesAgo(121), minutesAhead(60))
    await session('past-expiry', minutesAgo(1), minutesAgo(1))
    await store.db
      .insertInto('imports')
      .values(importRow(minutesAgo(10), 'a'))
      .execute()
    await store.db.insertInto('imports').values(importRow(new Date().toISOString(), 'b')).execute()
  })
  afterAll(async () => {
    await store.close()
    await cleanup()
  })

  it('deletes idle and expired sessions, fails imports gone silent, keeps the rest', async () => {
    const tidied = await tidyBeforeServing(store, {
      now: NOW,
      settings: DEFAULT_SESSION_SETTINGS,
    })
    expect(tidied).toEqual({ abandonedImports: 1, expiredSessions: 2 })
    const sessions = await store.db.selectFrom('sessions').select('token_hash').execute()
    expect(sessions.map((row) => row.token_hash)).toEqual(['live'])
    const imports = await store.db
      .selectFrom('imports')
      .select(['status', 'error'])
      .orderBy('id')
      .execute()
    expect(imports.map((row) => row.status)).toEqual(['failed', 'running'])
    expect(imports[0]?.error).toMatch(/^abandoned/)
  })

  it('finds nothing more to do the second time', async () => {
    expect(await tidyBeforeServing(store, { now: NOW })).toEqual({
      abandonedImports: 0,
      expiredSessions: 0,
    })
  })
})
