import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  type FixturePerson,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import { seedAnalysis } from '../../test-support/lost-list-fixture.js'
import type { AuditListResponse } from '../contract/audit.js'

const targets = await storeTargets()

describe.each(targets)('the audit log on $name (issue 5, TESTPLAN T20)', (target) => {
  let fixture: ApiFixture
  const sessions = new Map<FixturePerson, Credentials>()
  const get = (person: FixturePerson, path: string) =>
    call(fixture, { method: 'GET', path, as: sessions.get(person) ?? null })
  const page = async (person: FixturePerson, path: string) => {
    const response = await get(person, path)
    expect(response.status, path).toBe(200)
    return (await response.json()) as AuditListResponse
  }

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    await seedAnalysis(fixture.store, fixture.users)
    for (const person of ['admin', 'vp', 'manager', 'repA', 'analyst'] as const) {
      sessions.set(person, await signInAs(fixture, person))
    }
    // the acts T20 names: sign-ins (above), an export, customer reads (one refused)
    await (await get('analyst', '/api/customers/export?search=A%20Customer%201')).text()
    await (await get('repA', '/api/lost/export?format=json')).text()
    await get('repA', '/api/customers/A-001')
    await get('repA', '/api/customers/B-001')
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('shows the admin and the VP who did what, newest first; every other role gets 403', async () => {
    const admin = await page('admin', '/api/audit?limit=200')
    expect(admin.items.length).toBeGreaterThan(5)
    const ids = admin.items.map((item) => item.id)
    expect(ids).toEqual([...ids].sort((left, right) => right - left))
    expect((await page('vp', '/api/audit')).items.length).toBeGreaterThan(0)
    for (const person of ['manager', 'repA', 'analyst'] as const) {
      expect((await get(person, '/api/audit')).status, person).toBe(403)
    }
    const denied = await page('admin', '/api/audit?action=denied_read&objectType=audit_log')
    expect(denied.items.map((item) => item.actor).sort()).toEqual(
      [fixture.users.manager.id, fixture.users.repA.id, fixture.users.analyst.id]
        .map((id) => `user:${id}`)
        .sort(),
    )
  })

  it('filters by actor, action, object and time, and pages back with beforeId', async () => {
    const analyst = `user:${fixture.users.analyst.id}`
    const exports = await page('admin', `/api/audit?action=export&actor=${analyst}`)
    expect(exports.items).toHaveLength(1)
    expect(exports.items[0]).toMatchObject({
      actor: analyst,
      via: 'api',
      action: 'export',
      objectType: 'customer_list',
      // 'A Customer 1' and 'A Customer 10' to '19'
      fields: ['format:csv', 'rows:11', 'filter:search'],
    })
    expect(exports.items[0]?.requestId).toEqual(expect.any(String))
    const refused = await page('admin', '/api/audit?objectType=customer&objectId=B-001')
    expect(refused.items.map((item) => item.action)).toEqual(['denied_read'])
    const future = await page('admin', '/api/audit?since=2999-01-01')
    expect(future.items).toEqual([])
    const past = await page('admin', '/api/audit?until=2000-01-01T00:00:00Z')
    expect(past.items).toEqual([])
    const all = await page('admin', '/api/audit?limit=200')
    const first = await page('admin', '/api/audit?limit=3')
    expect(first.items).toHaveLength(3)
    expect(first.nextBeforeId).toBe(first.items[2]?.id)
    const second = await page('admin', `/api/audit?limit=3&beforeId=${first.nextBeforeId}`)
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(
      all.items.slice(0, 6).map((item) => item.id),
    )
  })

  it('refuses a bad date or limit with 400', async () => {
    expect((await get('admin', '/api/audit?since=yesterday-ish')).status).toBe(400)
    expect((await get('admin', '/api/audit?limit=0')).status).toBe(400)
    expect((await get('admin', '/api/audit?colour=red')).status).toBe(400)
  })

  it('holds no password, token, email or customer name in any row (TESTPLAN T20)', async () => {
    const rows = await fixture.store.db.selectFrom('audit_log').selectAll().execute()
    const actions = new Set(rows.map((row) => row.action))
    for (const action of ['login', 'export', 'denied_read']) {
      expect(actions.has(action), action).toBe(true)
    }
    const secrets = [
      fixture.users.repA.password,
      ...Object.values(fixture.users).map((user) => user.email),
      ...[...sessions.values()].flatMap((session) => [
        session.cookie.split('=')[1] ?? session.cookie,
        session.csrfToken,
      ]),
      ...fixture.totpSecrets.values(),
      'A Customer',
      'B Customer',
      'Nobody Owns',
    ]
    const text = JSON.stringify(rows)
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(3)
      expect(text.includes(secret), secret).toBe(false)
    }
  })
})
