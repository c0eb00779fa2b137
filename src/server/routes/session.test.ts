import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  call,
  createApiFixture,
  sessionCookieOf,
  signInAs,
  storeTargets,
  totpCodeAt,
} from '../../test-support/api-fixture.js'

const targets = await storeTargets()

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1)

describe.each(targets)('sign-in and sessions on $name (TESTPLAN T16)', (target) => {
  let fixture: ApiFixture

  beforeAll(async () => {
    fixture = await createApiFixture(target)
  })
  afterAll(async () => {
    await fixture.close()
  })

  const signIn = (email: string, password: string, cookie?: string) =>
    call(fixture, {
      method: 'POST',
      path: '/api/session',
      body: { email, password },
      ...(cookie === undefined ? {} : { headers: { cookie } }),
    })

  it('sets a __Host- cookie that is Secure, HttpOnly, SameSite=Lax and Path=/', async () => {
    const response = await signIn(fixture.users.repA.email, fixture.users.repA.password)
    expect(response.status).toBe(200)
    const [line] = response.headers.getSetCookie()
    expect(line).toMatch(/^__Host-comeback_session=[A-Za-z0-9_-]{43};/)
    const attributes = (line ?? '').split(';').map((part) => part.trim().toLowerCase())
    expect(attributes).toEqual(
      expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']),
    )
    expect(attributes.some((part) => part.startsWith('domain='))).toBe(false)
  })

  it('keeps argon2id password hashes and only a sha-256 of each session token', async () => {
    const response = await signIn(fixture.users.repB.email, fixture.users.repB.password)
    const token = tokenOf(sessionCookieOf(response) ?? '')
    const user = await fixture.store.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', fixture.users.repB.id)
      .executeTakeFirstOrThrow()
    expect(user.password_hash).toMatch(/^\$argon2id\$/)
    const rows = await fixture.store.db.selectFrom('sessions').select('token_hash').execute()
    expect(rows.map((row) => row.token_hash)).toContain(sha256(token))
    expect(rows.map((row) => row.token_hash)).not.toContain(token)
  })

  it('gives a new session id at every sign-in and ends the one the browser had', async () => {
    const first = await signInAs(fixture, 'repA')
    const again = await signIn(fixture.users.repA.email, fixture.users.repA.password, first.cookie)
    const second = sessionCookieOf(again)
    expect(second).not.toBeNull()
    expect(second).not.toBe(first.cookie)
    expect((await call(fixture, { method: 'GET', path: '/api/me', as: first })).status).toBe(401)
    const me = await call(fixture, {
      method: 'GET',
      path: '/api/me',
      headers: { cookie: second ?? '' },
    })
    expect(me.status).toBe(200)
  })

  it('answers a wrong password and an unknown email with the same 401 body', async () => {
    const wrong = await signIn(fixture.users.analyst.email, 'not the password at all')
    const unknown = await signIn('nobody@comeback.test', 'not the password at all')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
  })

  it('ends the session on the server at logout, so the old cookie gets 401', async () => {
    const rep = await signInAs(fixture, 'repA')
    const out = await call(fixture, { method: 'DELETE', path: '/api/session', as: rep })
    expect(out.status).toBe(200)
    expect(out.headers.getSetCookie().join()).toMatch(/__Host-comeback_session=;.*Max-Age=0/i)
    expect((await call(fixture, { method: 'GET', path: '/api/me', as: rep })).status).toBe(401)
    expect((await call(fixture, { method: 'GET', path: '/api/customers', as: rep })).status).toBe(
      401,
    )
  })

  it('ends every session of a disabled user at their next request', async () => {
    const rep = await signInAs(fixture, 'victim')
    const admin = await signInAs(fixture, 'admin')
    const disable = await call(fixture, {
      method: 'PATCH',
      path: `/api/users/${fixture.users.victim.id}`,
      as: admin,
      body: { active: false },
    })
    expect(disable.status).toBe(200)
    expect((await call(fixture, { method: 'GET', path: '/api/me', as: rep })).status).toBe(401)
    const again = await signIn(fixture.users.victim.email, fixture.users.victim.password)
    expect(again.status).toBe(401)
    await call(fixture, {
      method: 'PATCH',
      path: `/api/users/${fixture.users.victim.id}`,
      as: admin,
      body: { active: true },
    })
  })

  it('kills sessions of a user deactivated directly in the database within one request', async () => {
    const analyst = await signInAs(fixture, 'analyst')
    await fixture.store.db
      .updateTable('users')
      .set({ active: 0 })
      .where('id', '=', fixture.users.analyst.id)
      .execute()
    expect((await call(fixture, { method: 'GET', path: '/api/me', as: analyst })).status).toBe(401)
    const left = await fixture.store.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', fixture.users.analyst.id)
      .execute()
    expect(left).toEqual([])
    await fixture.store.db
      .updateTable('users')
      .set({ active: 1 })
      .where('id', '=', fixture.users.analyst.id)
      .execute()
  })

  it('expires a session after two idle hours', async () => {
    const rep = await signInAs(fixture, 'repB')
    const start = fixture.clock.now
    fixture.clock.now = new Date(start.getTime() + 2 * 60 * 60_000 + 1000)
    try {
      expect((await call(fixture, { method: 'GET', path: '/api/me', as: rep })).status).toBe(401)
    } finally {
      fixture.clock.now = start
    }
  })
})

describe.each(targets)('the second factor on $name', (target) => {
  let fixture: ApiFixture

  beforeAll(async () => {
    fixture = await createApiFixture(target)
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('keeps admin and VP out of their routes with 403 mfa_required until they enrol', async () => {
    for (const person of ['admin', 'vp'] as const) {
      const response = await call(fixture, {
        method: 'POST',
        path: '/api/session',
        body: { email: fixture.users[person].email, password: fixture.users[person].password },
      })
      const me = (await response.json()) as { csrfToken: string; fullAccess: boolean }
      expect(me.fullAccess).toBe(false)
      const credentials = { cookie: sessionCookieOf(response) ?? '', csrfToken: me.csrfToken }
      const users = await call(fixture, { method: 'GET', path: '/api/users', as: credentials })
      expect(users.status).toBe(403)
      expect(await users.json()).toMatchInlineSnapshot(`
        {
          "error": {
            "code": "FORBIDDEN",
            "message": "mfa_required: verify a second factor (TOTP) before using this",
          },
        }
      `)
    }
  })

  it('lets an enrolled admin in only after a code, renews the session, refuses a replayed code', async () => {
    const enrolled = await signInAs(fixture, 'admin')
    expect(enrolled.totpSecret).toBeDefined()
    expect(enrolled.recoveryCodes).toHaveLength(10)
    expect((await call(fixture, { method: 'GET', path: '/api/users', as: enrolled })).status).toBe(
      200,
    )

    fixture.clock.now = new Date(fixture.clock.now.getTime() + 60_000)
    const login = await call(fixture, {
      method: 'POST',
      path: '/api/session',
      body: { email: fixture.users.admin.email, password: fixture.users.admin.password },
    })
    const pending = {
      cookie: sessionCookieOf(login) ?? '',
      csrfToken: ((await login.json()) as { csrfToken: string }).csrfToken,
    }
    expect((await call(fixture, { method: 'GET', path: '/api/users', as: pending })).status).toBe(
      403,
    )
    const code = totpCodeAt(enrolled.totpSecret ?? '', fixture.clock.now)
    const passed = await call(fixture, {
      method: 'POST',
      path: '/api/session/second-factor',
      as: pending,
      body: { code },
    })
    expect(passed.status).toBe(200)
    const verified = {
      cookie: sessionCookieOf(passed) ?? '',
      csrfToken: ((await passed.json()) as { csrfToken: string }).csrfToken,
    }
    expect(verified.cookie).not.toBe(pending.cookie)
    expect((await call(fixture, { method: 'GET', path: '/api/me', as: pending })).status).toBe(401)
    expect((await call(fixture, { method: 'GET', path: '/api/users', as: verified })).status).toBe(
      200,
    )

    const second = await call(fixture, {
      method: 'POST',
      path: '/api/session',
      body: { email: fixture.users.admin.email, password: fixture.users.admin.password },
    })
    const again = {
      cookie: sessionCookieOf(second) ?? '',
      csrfToken: ((await second.json()) as { csrfToken: string }).csrfToken,
    }
    const replay = await call(fixture, {
      method: 'POST',
      path: '/api/session/second-factor',
      as: again,
      body: { code },
    })
    expect(replay.status).toBe(401)

    const [recoveryCode = ''] = enrolled.recoveryCodes ?? []
    const recovered = await call(fixture, {
      method: 'POST',
      path: '/api/session/second-factor',
      as: again,
      body: { recoveryCode },
    })
    expect(recovered.status).toBe(200)
    const third = await call(fixture, {
      method: 'POST',
      path: '/api/session',
      body: { email: fixture.users.admin.email, password: fixture.users.admin.password },
    })
    const reuse = await call(fixture, {
      method: 'POST',
      path: '/api/session/second-factor',
      as: {
        cookie: sessionCookieOf(third) ?? '',
        csrfToken: ((await third.json()) as { csrfToken: string }).csrfToken,
      },
      body: { recoveryCode },
    })
    expect(reuse.status).toBe(401)
  })

  it('is offered to a rep, and once enrolled a rep needs it too', async () => {
    const rep = await signInAs(fixture, 'repA', { enrolSecondFactor: true })
    expect(rep.totpSecret).toBeDefined()
    const login = await call(fixture, {
      method: 'POST',
      path: '/api/session',
      body: { email: fixture.users.repA.email, password: fixture.users.repA.password },
    })
    const me = (await login.json()) as { csrfToken: string; fullAccess: boolean }
    expect(me.fullAccess).toBe(false)
    const pending = { cookie: sessionCookieOf(login) ?? '', csrfToken: me.csrfToken }
    expect(
      (await call(fixture, { method: 'GET', path: '/api/customers', as: pending })).status,
    ).toBe(403)
  })
})

describe.each(targets)('the sign-in rate limit on $name', (target) => {
  let fixture: ApiFixture

  beforeAll(async () => {
    fixture = await createApiFixture(target)
  })
  afterAll(async () => {
    await fixture.close()
  })

  const attempt = (password: string) =>
    call(fixture, {
      method: 'POST',
      path: '/api/session',
      body: { email: fixture.users.victim.email, password },
    })

  it('answers 429 with Retry-After after 10 failures in 100 guesses, even to the right password', async () => {
    const statuses: number[] = []
    for (let guess = 0; guess < 100; guess += 1) {
      fixture.clock.now = new Date(fixture.clock.now.getTime() + 500)
      statuses.push((await attempt(`wrong password ${guess}`)).status)
    }
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10)
    expect(statuses.filter((status) => status === 429).length).toBe(
      100 - statuses.filter((status) => status === 401).length,
    )
    const right = await attempt(fixture.users.victim.password)
    expect(right.status).toBe(429)
    const retryAfter = Number(right.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
  })

  it('lets the account in again once the window has passed', async () => {
    fixture.clock.now = new Date(fixture.clock.now.getTime() + 15 * 60_000 + 1000)
    expect((await attempt(fixture.users.victim.password)).status).toBe(200)
  })

  it('can be lifted at once by an admin (the documented unlock)', async () => {
    for (let guess = 0; guess < 11; guess += 1) {
      await attempt(`wrong again ${guess}`)
    }
    expect((await attempt(fixture.users.victim.password)).status).toBe(429)
    const admin = await signInAs(fixture, 'admin')
    const unlock = await call(fixture, {
      method: 'POST',
      path: `/api/users/${fixture.users.victim.id}/unlock`,
      as: admin,
    })
    expect(unlock.status).toBe(200)
    expect((await attempt(fixture.users.victim.password)).status).toBe(200)
  })

  it('audits sign-ins, failures and the limit without passwords, tokens or emails', async () => {
    const rows = await fixture.store.db.selectFrom('audit_log').selectAll().execute()
    const actions = new Set(rows.map((row) => row.action))
    for (const action of ['login', 'login_failed', 'login_rate_limited', 'unlock']) {
      expect(actions.has(action)).toBe(true)
    }
    const text = JSON.stringify(rows)
    expect(text).not.toContain('wrong password')
    expect(text).not.toContain(fixture.users.victim.password)
    expect(text).not.toContain('@comeback.test')
    const tokens = await fixture.store.db.selectFrom('sessions').select('token_hash').execute()
    for (const { token_hash } of tokens) {
      expect(text).not.toContain(token_hash)
    }
  })
})
