import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { decodeBase32 } from '../../src/app/auth/base32.js'
import { hotp, totpStep } from '../../src/app/auth/totp.js'
import {
  analyze,
  ImportJobs,
  listUsers,
  loadDemoCompany,
  openStore,
  type Store,
  setUserPassword,
} from '../../src/app/index.js'
import type { Role } from '../../src/domain/access-policy.js'
import { createApp, listen } from '../../src/server/index.js'
import {
  insertContacts,
  insertCustomers,
  insertDeals,
  insertIncidents,
  insertOrders,
} from '../../src/store/index.js'
import { XSS_CORPUS } from '../../src/test-support/browser.js'

// a build of one's own (vite build --outDir DIR) can be served instead, so parallel work can't clobber it
const WEB_ROOT = process.env['COMEBACK_TEST_WEB_ROOT'] ?? join(process.cwd(), 'dist', 'web')
const PASSWORD = 'correct horse battery staple'

/** A person the browser signs in as: one demo user per role, with a known password. */
export interface WebPerson {
  readonly role: Role
  readonly name: string
  readonly email: string
  readonly password: string
}

/** The real server (API + built web app) on a free loopback port, over the demo company. */
export interface WebFixture {
  readonly url: string
  readonly store: Store
  readonly people: Readonly<Record<Role, WebPerson>>
  /** the customer whose every text field holds an XSS payload, owned by the rep */
  readonly hostileCustomerId: string
  close(): Promise<void>
}

/** The TOTP code of a base32 secret now (what an authenticator app would show). */
export function totpNow(secretBase32: string): string {
  return hotp(decodeBase32(secretBase32.replace(/\s+/g, '')), totpStep(new Date()))
}

/** Builds the web app when `dist/web` has no build yet (npm ci's `prepare` normally made it). */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(join(WEB_ROOT, 'index.html'))) {
    return
  }
  const { build } = await import('vite')
  await build({
    configFile: join(process.cwd(), 'src', 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: WEB_ROOT, emptyOutDir: true },
  })
}

/** Opens a temporary SQLite store with the demo company, analysed, and serves API and web app. */
export async function startWebFixture(): Promise<WebFixture> {
  await ensureWebBuild()
  const dir = mkdtempSync(join(tmpdir(), 'comeback-web-'))
  const store = await openStore(join(dir, 'web.db'))
  await store.migrate()
  const { company } = await loadDemoCompany(store, { seed: 11, customers: 400, actor: 'e2e' })
  const people = await givePasswords(store)
  const hostileCustomerId = await insertHostileCustomer(store, people.rep)
  await analyzeHistory(store, company.asOf)
  const importJobs = new ImportJobs(store)
  const app = createApp({ store, log: () => undefined, importJobs, webRoot: WEB_ROOT })
  const server = await listen(app, { port: 0, hostname: '127.0.0.1' })
  return {
    url: server.url.replace('127.0.0.1', 'localhost'),
    store,
    people,
    hostileCustomerId,
    async close() {
      await server.close()
      await importJobs.close()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function givePasswords(store: Store): Promise<Record<Role, WebPerson>> {
  const users = await listUsers(store, { activeOnly: true })
  const people: Partial<Record<Role, WebPerson>> = {}
  for (const role of ['admin', 'vp', 'manager', 'rep', 'analyst'] as const) {
    const user = users.find((candidate) => candidate.role === role)
    if (user === undefined) {
      throw new Error(`the demo company has no ${role}`)
    }
    await setUserPassword(store, user.email, PASSWORD, {
      actorUserId: null,
      via: 'cli',
      requestId: null,
    })
    people[role] = { role, name: user.name, email: user.email, password: PASSWORD }
  }
  return people as Record<Role, WebPerson>
}

async function insertHostileCustomer(store: Store, rep: WebPerson): Promise<string> {
  const users = await listUsers(store, { activeOnly: true })
  const repId = users.find((user) => user.email === rep.email)?.id
  const id = 'XSS-<b>1</b>'
  const payload = (index: number) => XSS_CORPUS[index % XSS_CORPUS.length] ?? ''
  await insertCustomers(store, [
    {
      id,
      name: payload(0),
      segment: payload(1),
      territory: payload(2),
      owner_id: repId === undefined ? null : Number(repId),
    },
  ])
  await insertOrders(
    store,
    ['2023-01-10', '2023-03-02', '2023-05-20', '2023-08-01'].map((orderedOn, index) => ({
      order_key: `xss-${index}`,
      order_id: payload(index + 3),
      customer_id: id,
      ordered_on: orderedOn,
      amount_minor: 125_000 + index * 10_000,
      currency: 'USD',
      status: 'placed' as const,
      import_id: null,
    })),
  )
  await insertContacts(store, [
    {
      contact_key: 'xss-contact',
      customer_id: id,
      name: payload(1),
      email: payload(2),
      phone: payload(4),
      postal_address: payload(5),
      role: 'decision_maker',
      has_left: 1,
      consent: 0,
    },
  ])
  await insertIncidents(store, [
    {
      incident_key: 'xss-incident',
      customer_id: id,
      kind: payload(6),
      occurred_on: '2023-06-01',
      cost_minor: 50_000,
      currency: 'USD',
      description: payload(7),
    },
  ])
  await insertDeals(store, [
    {
      deal_key: 'xss-deal',
      customer_id: id,
      name: payload(8),
      status: 'lost',
      value_minor: 900_000,
      currency: 'USD',
      recurring: 0,
      closed_on: '2023-09-01',
      lost_reason: payload(9),
      competitor: payload(10),
      owner_id: repId === undefined ? null : Number(repId),
    },
  ])
  return id
}

// two runs half a year apart, so each customer's P(alive) has a history to draw
async function analyzeHistory(store: Store, asOf: string): Promise<void> {
  const earlier = new Date(`${asOf}T00:00:00Z`)
  earlier.setUTCMonth(earlier.getUTCMonth() - 6)
  await analyze(store, { actor: 'e2e', asOf: earlier.toISOString().slice(0, 10) })
  await analyze(store, { actor: 'e2e', asOf })
}

/**
 * Signs `person` in through the sign-in page; admin and VP enrol an authenticator app at their
 * first sign-in, as the app requires, and get past their recovery codes.
 */
export async function signInOnPage(page: Page, person: WebPerson): Promise<void> {
  await page.goto('/')
  await page.getByLabel('Email').fill(person.email)
  await page.getByLabel('Password').fill(person.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  if (person.role === 'admin' || person.role === 'vp') {
    await page.getByRole('button', { name: 'Set up authenticator app' }).click()
    const secret = (await page.locator('.secret code').textContent()) ?? ''
    await page.getByLabel('Six-digit code').fill(totpNow(secret))
    await page.getByRole('button', { name: 'Confirm' }).click()
    await page.getByRole('button', { name: 'I have saved them, continue' }).click()
  }
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
}
