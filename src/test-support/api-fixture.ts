import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { decodeBase32 } from '../app/auth/base32.js'
import { hashPassword } from '../app/auth/password.js'
import { hotp, totpStep } from '../app/auth/totp.js'
import type { Role } from '../domain/access-policy.js'
import { createApp } from '../server/app.js'
import type { LogEntry, ServerEnv } from '../server/server-env.js'
import { createUser, insertCustomers, openStore, type Store } from '../store/index.js'
import { createTestPgUrl } from './pg.js'

/** The people of the test company (TESTPLAN fixtures: reps A and B, one manager, one admin …). */
export const FIXTURE_PEOPLE = [
  'admin',
  'vp',
  'manager',
  'repA',
  'repB',
  'analyst',
  'victim',
] as const
export type FixturePerson = (typeof FIXTURE_PEOPLE)[number]

const ROLE_OF: Record<FixturePerson, Role> = {
  admin: 'admin',
  vp: 'vp',
  manager: 'manager',
  repA: 'rep',
  repB: 'rep',
  analyst: 'analyst',
  victim: 'rep',
}

/** Accounts each rep owns; one more belongs to nobody. */
export const ACCOUNTS_PER_REP = 50

/** A running API over a fresh, seeded store, with a movable clock and the captured log. */
export interface ApiFixture {
  readonly store: Store
  readonly app: Hono<ServerEnv>
  readonly users: Record<FixturePerson, { id: number; email: string; password: string; role: Role }>
  readonly clock: { now: Date }
  readonly logs: LogEntry[]
  /** TOTP secrets of the people `signInAs` enrolled, to pass the second factor next time */
  readonly totpSecrets: Map<FixturePerson, string>
  close(): Promise<void>
}

/** A store opener for each dialect the suites run on; PostgreSQL only when reachable (or in CI). */
export interface StoreTarget {
  readonly name: string
  open(): Promise<{ store: Store; cleanup: () => Promise<void> }>
}

/** SQLite on a temporary file, and PostgreSQL on a fresh database when the test server answers. */
export async function storeTargets(): Promise<StoreTarget[]> {
  const targets: StoreTarget[] = [
    {
      name: 'sqlite',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'comeback-api-'))
        const store = await openStore(join(dir, 'test.db'))
        return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
      },
    },
  ]
  const probe = await createTestPgUrl()
  if (probe !== null) {
    await probe.drop()
    targets.push({
      name: 'postgres',
      async open() {
        const database = await createTestPgUrl()
        if (database === null) {
          throw new Error('PostgreSQL went away between the probe and the test')
        }
        const store = await openStore(database.url)
        return { store, cleanup: () => database.drop() }
      },
    })
  }
  return targets
}

/** Opens a store, migrates it, seeds the people and 2 × 50 accounts plus one unowned, builds the app. */
export async function createApiFixture(target: StoreTarget): Promise<ApiFixture> {
  const { store, cleanup } = await target.open()
  await store.migrate()
  const users = await seedPeople(store)
  const customers = [
    ...accounts('A', users.repA.id),
    ...accounts('B', users.repB.id),
    { id: 'U-001', name: 'Nobody Owns Ltd', segment: 'smb', territory: 'north', owner_id: null },
  ]
  await insertCustomers(store, customers)
  const clock = { now: new Date() }
  const logs: LogEntry[] = []
  const app = createApp({ store, clock: () => clock.now, log: (entry) => logs.push(entry) })
  return {
    store,
    app,
    users,
    clock,
    logs,
    totpSecrets: new Map(),
    async close() {
      await store.close()
      await cleanup()
    },
  }
}

function accounts(letter: string, ownerId: number) {
  return Array.from({ length: ACCOUNTS_PER_REP }, (_, index) => ({
    id: `${letter}-${String(index + 1).padStart(3, '0')}`,
    name: `${letter} Customer ${index + 1}`,
    segment: index % 2 === 0 ? 'smb' : 'enterprise',
    territory: 'north',
    owner_id: ownerId,
  }))
}

async function seedPeople(store: Store): Promise<ApiFixture['users']> {
  const passwordHash = await hashPassword('correct horse battery staple')
  const made: Partial<ApiFixture['users']> = {}
  // the VP manages the manager, who manages rep A; rep B reports to nobody
  const managerOf: Partial<Record<FixturePerson, FixturePerson>> = {
    manager: 'vp',
    repA: 'manager',
  }
  for (const person of FIXTURE_PEOPLE) {
    const boss = managerOf[person]
    const row = await createUser(store, {
      email: `${person.toLowerCase()}@comeback.test`,
      name: person,
      role: ROLE_OF[person],
      manager_id: boss === undefined ? null : (made[boss]?.id ?? null),
      started_on: '2024-01-01',
      password_hash: passwordHash,
    })
    made[person] = {
      id: Number(row.id),
      email: row.email,
      password: 'correct horse battery staple',
      role: ROLE_OF[person],
    }
  }
  return made as ApiFixture['users']
}

/** A browser-like client's credentials: the session cookie and the CSRF token. */
export interface Credentials {
  readonly cookie: string
  readonly csrfToken: string
}

/** Sends one request the way the web app would (JSON, cookie, CSRF header unless told otherwise). */
export async function call(
  fixture: ApiFixture,
  request: {
    method: string
    path: string
    as?: Credentials | null
    body?: unknown
    headers?: Record<string, string>
    csrf?: boolean
  },
): Promise<Response> {
  const headers: Record<string, string> = { ...request.headers }
  if (request.body !== undefined) {
    headers['content-type'] ??= 'application/json'
  }
  if (request.as !== undefined && request.as !== null) {
    headers['cookie'] = request.as.cookie
    if (request.csrf !== false) {
      headers['x-csrf-token'] = request.as.csrfToken
    }
  }
  return await fixture.app.request(`http://localhost${request.path}`, {
    method: request.method,
    headers,
    ...(request.body === undefined
      ? {}
      : { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }),
  })
}

/** The `name=value` part of the session cookie a response sets, or null. */
export function sessionCookieOf(response: Response): string | null {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';')
    if (
      pair?.startsWith('__Host-comeback_session=') &&
      pair.length > '__Host-comeback_session='.length
    ) {
      return pair
    }
  }
  return null
}

/** The TOTP code of a base32 secret at the fixture's clock. */
export function totpCodeAt(secretBase32: string, at: Date, stepOffset = 0): string {
  return hotp(decodeBase32(secretBase32), totpStep(at) + stepOffset)
}

/**
 * Signs a person in; for admin and VP (or anyone with `enrolSecondFactor`) also enrols and
 * confirms TOTP, so the returned credentials have full access.
 */
export async function signInAs(
  fixture: ApiFixture,
  person: FixturePerson,
  options: { enrolSecondFactor?: boolean } = {},
): Promise<Credentials & { totpSecret?: string; recoveryCodes?: string[] }> {
  const user = fixture.users[person]
  const response = await call(fixture, {
    method: 'POST',
    path: '/api/session',
    body: { email: user.email, password: user.password },
  })
  if (response.status !== 200) {
    throw new Error(`sign-in as ${person} failed: ${response.status} ${await response.text()}`)
  }
  const me = (await response.json()) as { csrfToken: string; secondFactor: { enrolled: boolean } }
  const cookie = sessionCookieOf(response) ?? ''
  const needsFactor =
    user.role === 'admin' || user.role === 'vp' || options.enrolSecondFactor === true
  const credentials = { cookie, csrfToken: me.csrfToken }
  const secret = fixture.totpSecrets.get(person)
  if (me.secondFactor.enrolled && secret !== undefined) {
    return await passTotp(fixture, credentials, secret)
  }
  if (!needsFactor || me.secondFactor.enrolled) {
    return credentials
  }
  const enrolled = await enrolTotp(fixture, credentials)
  fixture.totpSecrets.set(person, enrolled.totpSecret)
  return enrolled
}

async function passTotp(
  fixture: ApiFixture,
  credentials: Credentials,
  secret: string,
): Promise<Credentials & { totpSecret: string }> {
  // each code is accepted once: move to the next 30-second step first
  fixture.clock.now = new Date(fixture.clock.now.getTime() + 30_000)
  const response = await call(fixture, {
    method: 'POST',
    path: '/api/session/second-factor',
    as: credentials,
    body: { code: totpCodeAt(secret, fixture.clock.now) },
  })
  if (response.status !== 200) {
    throw new Error(`second factor failed: ${response.status} ${await response.text()}`)
  }
  const body = (await response.json()) as { csrfToken: string }
  return { cookie: sessionCookieOf(response) ?? '', csrfToken: body.csrfToken, totpSecret: secret }
}

async function enrolTotp(
  fixture: ApiFixture,
  credentials: Credentials,
): Promise<Credentials & { totpSecret: string; recoveryCodes: string[] }> {
  const enrol = await call(fixture, { method: 'POST', path: '/api/me/totp', as: credentials })
  const { secretBase32 } = (await enrol.json()) as { secretBase32: string }
  const confirm = await call(fixture, {
    method: 'POST',
    path: '/api/me/totp/confirm',
    as: credentials,
    body: { code: totpCodeAt(secretBase32, fixture.clock.now) },
  })
  if (confirm.status !== 200) {
    throw new Error(`TOTP confirmation failed: ${confirm.status} ${await confirm.text()}`)
  }
  const body = (await confirm.json()) as { csrfToken: string; recoveryCodes: string[] }
  return {
    cookie: sessionCookieOf(confirm) ?? '',
    csrfToken: body.csrfToken,
    totpSecret: secretBase32,
    recoveryCodes: body.recoveryCodes,
  }
}
