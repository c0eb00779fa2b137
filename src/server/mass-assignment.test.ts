import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../test-support/api-fixture.js'
import { seedAnalysis } from '../test-support/lost-list-fixture.js'
import { seedCaseMatrix } from './routes/__fixtures__/cases-matrix-probes.js'

const targets = await storeTargets()

const HOSTILE_KEYS = [
  'role',
  'owner_id',
  'ownerId',
  'commission_amount',
  'version',
  'password_hash',
  'id',
  'active',
  '__proto__',
  'constructor',
  'prototype',
] as const

/** A JSON text with `key` set, written by hand so `__proto__` stays an own key of the JSON. */
const withKey = (base: Record<string, unknown>, key: string, value: unknown) =>
  `${JSON.stringify(base).slice(0, -1)}${Object.keys(base).length === 0 ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(value)}}`

describe.each(targets)('mass assignment on $name (TESTPLAN T10)', (target) => {
  let fixture: ApiFixture
  let admin: Credentials
  let rep: Credentials
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    admin = await signInAs(fixture, 'admin')
    rep = await signInAs(fixture, 'repA')
  })
  afterAll(async () => {
    await fixture.close()
  })

  const snapshot = async () =>
    JSON.stringify([
      await fixture.store.db.selectFrom('users').selectAll().orderBy('id').execute(),
      await fixture.store.db.selectFrom('customers').selectAll().orderBy('id').execute(),
    ])

  it('refuses a rep who tries to make themselves admin, and changes nothing', async () => {
    const before = await snapshot()
    const response = await call(fixture, {
      method: 'PATCH',
      path: `/api/users/${fixture.users.repA.id}`,
      as: rep,
      body: { role: 'admin' },
    })
    expect(response.status).toBe(403)
    expect(await snapshot()).toBe(before)
  })

  it('refuses fields outside each body’s contract with 400, whoever sends them', async () => {
    const bodies: {
      path: string
      method: string
      as: Credentials | null
      base: Record<string, unknown>
    }[] = [
      { path: `/api/users/${fixture.users.repB.id}`, method: 'PATCH', as: admin, base: {} },
      {
        path: `/api/users/${fixture.users.repB.id}`,
        method: 'PATCH',
        as: admin,
        base: { active: true },
      },
      {
        path: '/api/session',
        method: 'POST',
        as: null,
        base: { email: fixture.users.repB.email, password: fixture.users.repB.password },
      },
      { path: '/api/me/totp/confirm', method: 'POST', as: rep, base: { code: '123456' } },
      { path: '/api/session/second-factor', method: 'POST', as: rep, base: { code: '123456' } },
    ]
    const before = await snapshot()
    for (const { path, method, as, base } of bodies) {
      for (const key of HOSTILE_KEYS) {
        const response = await call(fixture, {
          method,
          path,
          as,
          body: withKey(base, key, { role: 'admin', polluted: true }),
        })
        const label = `${method} ${path} with ${key}`
        // an admin may set a user's role and active flag: those are the contract of this route
        const allowedHere = (key === 'active' || key === 'role') && path.startsWith('/api/users/')
        if (!allowedHere) {
          expect(response.status, label).toBe(400)
          const body = (await response.json()) as { error: { code: string } }
          expect(body.error.code, label).toBe('INVALID_INPUT')
        }
      }
    }
    expect(await snapshot()).toBe(before)
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(({} as Record<string, unknown>)['role']).toBeUndefined()
  })

  it('never lets random extra fields change a user, whatever their names and values', async () => {
    const before = await snapshot()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...HOSTILE_KEYS.filter((key) => key !== 'active' && key !== 'role')),
        fc.jsonValue({ maxDepth: 2 }),
        async (key, value) => {
          const response = await call(fixture, {
            method: 'PATCH',
            path: `/api/users/${fixture.users.repB.id}`,
            as: admin,
            body: withKey({}, key, value),
          })
          expect(response.status).toBe(400)
        },
      ),
      { numRuns: 40 },
    )
    expect(await snapshot()).toBe(before)
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys)
  })

  it('never lets a query parameter outside the contract through', async () => {
    const response = await call(fixture, {
      method: 'GET',
      path: `/api/customers?owner_id=${fixture.users.repB.id}`,
      as: rep,
    })
    expect(response.status).toBe(400)
  })
})

describe.each(targets)('mass assignment on the case routes on $name (TESTPLAN T10)', (target) => {
  let fixture: ApiFixture
  let admin: Credentials
  let manager: Credentials
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    await seedAnalysis(fixture.store, fixture.users)
    await seedCaseMatrix(fixture)
    admin = await signInAs(fixture, 'admin')
    manager = await signInAs(fixture, 'manager')
  })
  afterAll(async () => {
    await fixture.close()
  })

  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        (['cases', 'case_reps', 'tasks', 'reasons', 'fixes', 'settings'] as const).map(
          async (table) =>
            (await fixture.store.db.selectFrom(table).selectAll().execute())
              .map((row) => JSON.stringify(row))
              .sort(),
        ),
      ),
    )

  it('refuses owner, version, role and prototype keys in every case body with 400, changing nothing', async () => {
    const caseId = Number(
      (await fixture.store.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id,
    )
    const taskId = Number(
      (await fixture.store.db.selectFrom('tasks').select('id').executeTakeFirstOrThrow()).id,
    )
    const ifMatch = { 'if-match': '"1"' }
    const bodies: {
      method: string
      path: string
      as: Credentials
      base: object
      headers?: object
    }[] = [
      {
        method: 'POST',
        path: '/api/cases',
        as: manager,
        base: { subject: { kind: 'customer', customerId: 'A-009' } },
      },
      {
        method: 'PATCH',
        path: `/api/cases/${caseId}`,
        as: manager,
        base: { nextStep: 'x' },
        headers: ifMatch,
      },
      {
        method: 'PATCH',
        path: `/api/cases/${caseId}/people`,
        as: manager,
        base: {},
        headers: ifMatch,
      },
      {
        method: 'PATCH',
        path: `/api/tasks/${taskId}`,
        as: admin,
        base: { done: true },
        headers: ifMatch,
      },
      {
        method: 'POST',
        path: '/api/reasons',
        as: admin,
        base: { code: 'mass', label: 'Mass', fixable: true },
      },
      {
        method: 'PATCH',
        path: '/api/reasons/price',
        as: admin,
        base: { label: 'Price' },
        headers: ifMatch,
      },
      {
        method: 'POST',
        path: '/api/fixes',
        as: admin,
        base: { reasonCode: 'price', fixedOn: '2024-06-01', note: 'x' },
      },
      {
        method: 'PATCH',
        path: '/api/settings/case-rules',
        as: admin,
        base: { newRepMonths: 2 },
        headers: ifMatch,
      },
    ]
    const before = await snapshot()
    for (const { method, path, as, base, headers } of bodies) {
      for (const key of HOSTILE_KEYS) {
        const response = await call(fixture, {
          method,
          path,
          as,
          body: withKey(base as Record<string, unknown>, key, { role: 'admin', polluted: true }),
          headers: { ...(headers as Record<string, string> | undefined) },
        })
        expect(response.status, `${method} ${path} with ${key}`).toBe(400)
      }
    }
    expect(await snapshot()).toBe(before)
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})
