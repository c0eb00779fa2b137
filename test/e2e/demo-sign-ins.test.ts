import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { decodeBase32 } from '../../src/app/auth/base32.js'
import { hotp, totpStep } from '../../src/app/auth/totp.js'
import { type DemoSignIn, openStore, readDemoSignInsFile, type Store } from '../../src/app/index.js'
import { main } from '../../src/cli/main.js'
import { createApp } from '../../src/server/index.js'

/** Runs the CLI in this process and returns its exit code and what it printed. */
async function comeback(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  let stdout = ''
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  })
  try {
    const code = await main(['node', 'comeback', ...args])
    return { code, stdout }
  } finally {
    spy.mockRestore()
  }
}

const cookieOf = (response: Response): string =>
  (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''

describe('each demo user signs in over HTTP with the sign-in `demo` and `start` print', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-demo-sign-ins-'))
  const database = join(dir, 'demo.db')
  let printed = ''
  let signIns: DemoSignIn[]
  let store: Store
  let app: ReturnType<typeof createApp>

  beforeAll(async () => {
    const demo = await comeback(['--db', database, 'demo', '--customers', '300'])
    expect(demo.code).toBe(0)
    // start finds the company, analyzes it (no run yet) and prints the kept sign-ins again
    const start = await comeback(['--db', database, 'start', '--no-serve'])
    expect(start.code).toBe(0)
    printed = start.stdout
    signIns = readDemoSignInsFile(`${database}.demo-sign-ins.json`) ?? []
    store = await openStore(database)
    app = createApp({ store, webRoot: null, log: () => undefined })
  }, 120_000)

  afterAll(async () => {
    await store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const request = (path: string, init: RequestInit = {}) =>
    app.request(`http://localhost${path}`, init)

  async function signIn(entry: DemoSignIn): Promise<{ cookie: string; csrf: string }> {
    const response = await request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: entry.email, password: entry.password }),
    })
    expect(response.status).toBe(200)
    const me = (await response.json()) as { csrfToken: string; fullAccess: boolean }
    if (entry.totpSecret === null) {
      expect(me.fullAccess).toBe(true)
      return { cookie: cookieOf(response), csrf: me.csrfToken }
    }
    // admin and VP arrive with a second factor already enrolled: a code from the kept secret
    expect(me.fullAccess).toBe(false)
    const code = hotp(decodeBase32(entry.totpSecret), totpStep(new Date()))
    const verified = await request('/api/session/second-factor', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: cookieOf(response),
        'x-csrf-token': me.csrfToken,
      },
      body: JSON.stringify({ code }),
    })
    expect(verified.status).toBe(200)
    const after = (await verified.json()) as { csrfToken: string; fullAccess: boolean }
    expect(after.fullAccess).toBe(true)
    return { cookie: cookieOf(verified), csrf: after.csrfToken }
  }

  it('keeps one sign-in per role and prints each as "role email password"', () => {
    expect(signIns.map((entry) => entry.role)).toEqual(['admin', 'vp', 'manager', 'rep', 'analyst'])
    for (const entry of signIns) {
      expect(printed).toMatch(
        new RegExp(`^  ${entry.role} +${entry.email} +${entry.password}$`, 'm'),
      )
    }
    expect(printed).toMatch(
      /admin and vp then type a 6-digit code: npx comeback --db .+ demo code EMAIL/,
    )
  })

  it.each(['admin', 'vp', 'manager', 'rep', 'analyst'])(
    'lets the demo %s in to their own session and the lost list',
    async (role) => {
      const entry = signIns.find((candidate) => candidate.role === role) as DemoSignIn
      const { cookie } = await signIn(entry)
      const me = await request('/api/me', { headers: { cookie } })
      expect(me.status).toBe(200)
      expect(((await me.json()) as { user: { email: string; role: string } }).user).toMatchObject({
        email: entry.email,
        role,
      })
      const lost = await request('/api/lost?limit=5', { headers: { cookie } })
      expect(lost.status).toBe(200)
      expect(((await lost.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0)
    },
  )

  it('prints a working code with `demo code` and refuses a user who is not in the file', async () => {
    const vp = signIns.find((entry) => entry.role === 'vp') as DemoSignIn
    const code = await comeback(['--db', database, 'demo', 'code', vp.email])
    expect(code.code).toBe(0)
    const expected = hotp(decodeBase32(vp.totpSecret ?? ''), totpStep(new Date()))
    const previous = hotp(decodeBase32(vp.totpSecret ?? ''), totpStep(new Date()) - 1)
    expect([expected, previous]).toContain(code.stdout.trim())
    const rep = signIns.find((entry) => entry.role === 'rep') as DemoSignIn
    expect((await comeback(['--db', database, 'demo', 'code', rep.email])).code).toBe(4)
    expect((await comeback(['--db', database, 'demo', 'code', 'nobody@x.test'])).code).toBe(4)
  })
})
