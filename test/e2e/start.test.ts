import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeBase32 } from '../../src/app/auth/base32.js'
import { hotp, totpStep } from '../../src/app/auth/totp.js'
import { readDemoSignInsFile } from '../../src/app/index.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const CLI = ['--import', 'tsx', 'src/cli/run.ts']

/** The environment of a fresh machine: no database or acting user chosen, port 0 (a free one). */
function freshEnvironment(database: string): NodeJS.ProcessEnv {
  const { COMEBACK_USER: _user, PORT: _port, ...inherited } = process.env
  return { ...inherited, COMEBACK_DB: database, PORT: '0' }
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolvePrinted, reject) => {
    let seen = ''
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${seen}`)), timeoutMs)
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      if (pattern.test(seen)) {
        clearTimeout(timer)
        resolvePrinted(seen)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code} before printing ${pattern}: ${seen}`))
    })
  })
}

/** The email and password printed on the line of a role. */
function printedSignIn(printed: string, role: string): { email: string; password: string } {
  const match = new RegExp(`^  ${role} +(\\S+@\\S+) +(\\S+)$`, 'm').exec(printed)
  if (match === null) {
    throw new Error(`no ${role} sign-in in: ${printed}`)
  }
  return { email: match[1] ?? '', password: match[2] ?? '' }
}

async function signIn(url: string, credential: { email: string; password: string }) {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credential),
  })
  const cookie = (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
  const body = (await response.json()) as { csrfToken: string; fullAccess: boolean }
  return { status: response.status, cookie, ...body }
}

describe('npm start (comeback start) on a fresh database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-start-'))
  const database = join(dir, 'start.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('loads the demo, serves the web app and API with working sign-ins, stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [...CLI, 'start'], {
      cwd: ROOT,
      env: freshEnvironment(database),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<number | null>((done) => child.once('exit', done))
    try {
      const printed = await waitForOutput(child, /open (http:\/\/\S+) in a browser/, 150_000)
      const url = /open (http:\/\/\S+) in a browser/.exec(printed)?.[1] ?? ''
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

      const page = await fetch(`${url}/`)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await page.text()).toMatch(/<script[^>]+src=/)
      const openApi = await fetch(`${url}/api/openapi.json`)
      expect(((await openApi.json()) as { openapi: string }).openapi).toBe('3.1.0')

      const rep = await signIn(url, printedSignIn(printed, 'rep'))
      expect(rep.status).toBe(200)
      expect(rep.fullAccess).toBe(true)
      const lost = await fetch(`${url}/api/lost?limit=3`, { headers: { cookie: rep.cookie } })
      expect(lost.status).toBe(200)

      // the admin passes the second factor with a code from the kept secret, as `demo code` gives
      const admin = await signIn(url, printedSignIn(printed, 'admin'))
      expect(admin.fullAccess).toBe(false)
      const kept = readDemoSignInsFile(`${database}.demo-sign-ins.json`) ?? []
      const secret = kept.find((entry) => entry.role === 'admin')?.totpSecret ?? ''
      const verified = await fetch(`${url}/api/session/second-factor`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: admin.cookie,
          'x-csrf-token': admin.csrfToken,
        },
        body: JSON.stringify({ code: hotp(decodeBase32(secret), totpStep(new Date())) }),
      })
      expect(verified.status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    // a clean close checkpoints SQLite's write-ahead log and removes it
    expect(existsSync(`${database}-wal`)).toBe(false)
  }, 180_000)

  it('starts again on the same database without loading or analyzing, with the same sign-ins', () => {
    const again = spawnSync(process.execPath, [...CLI, 'start', '--no-serve'], {
      cwd: ROOT,
      env: freshEnvironment(database),
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(again.status).toBe(0)
    expect(again.stdout).toMatch(/loaded: +nothing: the database already has customers/)
    expect(again.stdout).toMatch(/up to date, so not run again/)
    const kept = readDemoSignInsFile(`${database}.demo-sign-ins.json`) ?? []
    expect(printedSignIn(again.stdout, 'rep').password).toBe(
      kept.find((entry) => entry.role === 'rep')?.password,
    )
  }, 120_000)
})
