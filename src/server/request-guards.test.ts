import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../test-support/api-fixture.js'
import { seedAnalysis, seedImportWithRejects } from '../test-support/lost-list-fixture.js'
import { openCaseVia } from './routes/__fixtures__/cases-fixture.js'
import { seedLetterCustomer } from './routes/__fixtures__/letters-matrix-probes.js'
import { ROUTES } from './routes/index.js'

/** Path parameters other than ids: a shipped template, a default reason code. */
const SAMPLE_PARAMS: Readonly<Record<string, string>> = {
  key: 'fun-email-appreciation-day',
  code: 'price',
}

const targets = await storeTargets()

describe.each(targets)('cross-site request forgery on $name (TESTPLAN T11)', (target) => {
  let fixture: ApiFixture
  let admin: Credentials

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    admin = await signInAs(fixture, 'admin')
  })
  afterAll(async () => {
    await fixture.close()
  })

  const unlock = (options: {
    headers?: Record<string, string>
    csrf?: boolean
    as?: Credentials
  }) =>
    call(fixture, {
      method: 'POST',
      path: `/api/users/${fixture.users.repB.id}/unlock`,
      as: options.as ?? admin,
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(options.csrf === undefined ? {} : { csrf: options.csrf }),
    })

  it('accepts a same-origin write that carries the session CSRF token', async () => {
    const response = await unlock({
      headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    })
    expect(response.status).toBe(200)
  })

  it('refuses with 403 a write from another origin, or that a browser marks cross-site', async () => {
    const attacks: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    ]
    for (const headers of attacks) {
      const response = await unlock({ headers })
      expect(response.status, JSON.stringify(headers)).toBe(403)
    }
  })

  it('refuses with 403 a write without the CSRF token, with a wrong one, or with another session’s', async () => {
    expect((await unlock({ csrf: false })).status).toBe(403)
    expect((await unlock({ as: { ...admin, csrfToken: 'x'.repeat(43) } })).status).toBe(403)
    const other = await signInAs(fixture, 'vp')
    expect((await unlock({ as: { ...admin, csrfToken: other.csrfToken } })).status).toBe(403)
    const logout = await call(fixture, {
      method: 'DELETE',
      path: '/api/session',
      as: admin,
      csrf: false,
    })
    expect(logout.status).toBe(403)
  })

  it('refuses a cross-site sign-in (login CSRF) before checking the password', async () => {
    const response = await call(fixture, {
      method: 'POST',
      path: '/api/session',
      headers: { origin: 'https://evil.example' },
      body: { email: fixture.users.repA.email, password: fixture.users.repA.password },
    })
    expect(response.status).toBe(403)
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('refuses a form post (no JSON content type), which browsers send without preflight', async () => {
    const response = await call(fixture, {
      method: 'POST',
      path: '/api/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${fixture.users.repA.email}&password=x`,
    })
    expect(response.status).toBe(400)
  })

  it('changes nothing on any GET route of the table', async () => {
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all([
          fixture.store.db.selectFrom('users').selectAll().orderBy('id').execute(),
          fixture.store.db.selectFrom('customers').selectAll().orderBy('id').execute(),
          fixture.store.db.selectFrom('totp_credentials').selectAll().orderBy('user_id').execute(),
          fixture.store.db.selectFrom('recovery_codes').selectAll().orderBy('id').execute(),
          fixture.store.db.selectFrom('login_failures').selectAll().orderBy('id').execute(),
          fixture.store.db
            .selectFrom('sessions')
            .select('token_hash')
            .orderBy('token_hash')
            .execute(),
        ]),
      )
    const reader = await signInAs(fixture, 'vp')
    await seedAnalysis(fixture.store, fixture.users)
    const importId = await seedImportWithRejects(fixture.store, [{ line: 2, code: 'x', raw: 'y' }])
    const opened = await openCaseVia(fixture, await signInAs(fixture, 'manager'), 'A-017')
    const campaign = await call(fixture, {
      method: 'POST',
      path: '/api/campaigns',
      as: reader,
      body: {
        name: 'Guard sweep',
        templateKey: SAMPLE_PARAMS['key'],
        segment: { segment: 'no-such-segment', kind: 'customer' },
      },
    })
    expect(campaign.status).toBe(201)
    const campaignId = String(((await campaign.json()) as { campaign: { id: number } }).campaign.id)
    const { meetingId } = await seedLetterCustomer(fixture, 'A-001')
    // a real, readable object for every path parameter, so each GET answers 200 rather than 404
    const sampleFor = (path: string, name: string) =>
      name === 'id' && path.startsWith('/imports/')
        ? String(importId)
        : name === 'id' && path.startsWith('/cases/')
          ? String(opened.detail.id)
          : name === 'id' && path.startsWith('/campaigns/')
            ? campaignId
            : name === 'id' && path.startsWith('/meetings/')
              ? String(meetingId)
              : (SAMPLE_PARAMS[name] ?? 'A-001')
    const before = await snapshot()
    const getRoutes = ROUTES.filter((route) => route.method === 'get')
    expect(getRoutes.length).toBeGreaterThan(3)
    for (const route of getRoutes) {
      expect(route.body, route.operationId).toBeUndefined()
      const path = `/api${route.path.replace(/\{(\w+)\}/g, (_, name: string) => sampleFor(route.path, name))}`
      const response = await call(fixture, { method: 'GET', path, as: reader })
      expect(response.status, path).toBe(200)
    }
    expect(await snapshot()).toBe(before)
  })
})
