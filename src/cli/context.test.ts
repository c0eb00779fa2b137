import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createUser, openStore } from '../app/index.js'
import { ComebackError } from '../domain/errors.js'
import { createTestPgUrl } from '../test-support/pg.js'
import { LOCAL_ADMIN, resolveDatabase, resolveIdentity, withStore } from './context.js'

const folder = mkdtempSync(join(tmpdir(), 'comeback-context-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const savedDb = process.env['COMEBACK_DB']
afterEach(() => {
  if (savedDb === undefined) {
    delete process.env['COMEBACK_DB']
  } else {
    process.env['COMEBACK_DB'] = savedDb
  }
})

describe('resolveDatabase', () => {
  it('prefers --db, then COMEBACK_DB, then ./comeback.db', () => {
    process.env['COMEBACK_DB'] = '/from/env.db'
    expect(resolveDatabase({ db: '/from/flag.db' })).toBe('/from/flag.db')
    expect(resolveDatabase({})).toBe('/from/env.db')
    delete process.env['COMEBACK_DB']
    expect(resolveDatabase({})).toBe('./comeback.db')
  })

  it('refuses an empty database name with an input error', () => {
    expect(() => resolveDatabase({ db: ' ' })).toThrow(ComebackError)
  })
})

describe('withStore and resolveIdentity on SQLite', () => {
  const db = join(folder, 'context.db')

  it('acts as the local admin when nobody is named, and closes the store even when work throws', async () => {
    const identity = await withStore({ db }, async (context) => ({
      auditActor: context.auditActor,
      role: context.actor.role,
      user: context.user,
    }))
    expect(identity).toEqual({ auditActor: LOCAL_ADMIN, role: 'admin', user: null })
    await expect(
      withStore({ db }, async () => {
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
  })

  it('acts as a named, active user and names them by id for the audit log', async () => {
    const store = await openStore(db)
    try {
      await store.migrate()
      const manager = await createUser(store, {
        email: 'boss@example.com',
        name: 'Boss',
        role: 'manager',
        started_on: '2024-01-01',
        manager_id: null,
      })
      const rep = await createUser(store, {
        email: 'rep@example.com',
        name: 'Rep',
        role: 'rep',
        started_on: '2024-01-01',
        manager_id: manager.id,
      })
      await createUser(store, {
        email: 'gone@example.com',
        name: 'Gone',
        role: 'rep',
        started_on: '2020-01-01',
        manager_id: null,
        active: 0,
      })
      const boss = await resolveIdentity(store, 'BOSS@example.com')
      expect(boss.auditActor).toBe(`user:${manager.id}`)
      expect([...boss.actor.teamUserIds].sort()).toEqual([manager.id, rep.id].sort())
      await expect(resolveIdentity(store, 'nobody@example.com')).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      })
      await expect(resolveIdentity(store, 'gone@example.com')).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      })
    } finally {
      await store.close()
    }
  })
})

const testPg = await createTestPgUrl()
describe.skipIf(testPg === null)('resolveIdentity on PostgreSQL', () => {
  afterAll(() => testPg?.drop())

  it('lets the local admin add the first user, then demands a named user', async () => {
    const store = await openStore(testPg?.url)
    try {
      await store.migrate()
      const bootstrap = await resolveIdentity(store, undefined)
      expect(bootstrap.auditActor).toBe(LOCAL_ADMIN)
      const admin = await createUser(store, {
        email: 'admin@example.com',
        name: 'Admin',
        role: 'admin',
        started_on: '2024-01-01',
        manager_id: null,
      })
      await expect(resolveIdentity(store, undefined)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      })
      await expect(resolveIdentity(store, LOCAL_ADMIN)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      })
      expect((await resolveIdentity(store, 'admin@example.com')).auditActor).toBe(
        `user:${admin.id}`,
      )
    } finally {
      await store.close()
    }
  })
})
