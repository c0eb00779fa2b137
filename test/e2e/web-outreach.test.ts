import { randomBytes } from 'node:crypto'
import { simpleParser } from 'mailparser'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { differenceInterval } from '../../src/analytics/index.js'
import { type CaseActor, queueEmail } from '../../src/app/index.js'
import { type SmtpSink, startSmtpSink } from '../../src/app/outreach/__fixtures__/smtp-sink.js'
import type { Role } from '../../src/domain/access-policy.js'
import {
  insertContacts,
  insertCustomers,
  insertOrders,
  listCampaignMembers,
  listUsers,
} from '../../src/store/index.js'
import {
  browserSkipReason,
  launchChromium,
  saveScreenshot,
} from '../../src/test-support/browser.js'
import { signInOnPage, startWebFixture, type WebFixture } from './web-fixture.js'
import { expectedArms, winBackCase } from './web-outreach-oracle.js'

const skipReason = browserSkipReason()
if (skipReason !== null) {
  console.warn(`skipping the outreach browser e2e: ${skipReason}`)
}

// the public base of unsubscribe links: https, as T22 requires; the browser opens the same path
// on the fixture's loopback origin (no TLS there), which is where a proxy would forward it
const PUBLIC_URL = 'https://comeback.test'
const POSTAL_ADDRESS = '1 Harbour Street, Springfield 12345'

describe.skipIf(skipReason !== null)(
  'outreach in Chromium: one-click unsubscribe and a campaign with a holdout',
  () => {
    let fixture: WebFixture
    let browser: Browser
    let sink: SmtpSink
    const contexts: BrowserContext[] = []

    beforeAll(async () => {
      sink = await startSmtpSink()
      // the server reads email settings from the environment (outreach-config.ts); the secret is
      // read when the app is made, so these are set before the fixture starts
      Object.assign(process.env, {
        COMEBACK_SMTP_URL: sink.url,
        COMEBACK_PUBLIC_URL: PUBLIC_URL,
        COMEBACK_MAIL_FROM: 'winback@sender.test',
        COMEBACK_MAIL_FROM_NAME: 'Comeback Team',
        COMEBACK_POSTAL_ADDRESS: POSTAL_ADDRESS,
        COMEBACK_UNSUBSCRIBE_SECRET: randomBytes(32).toString('hex'),
      })
      ;[fixture, browser] = await Promise.all([startWebFixture(), launchChromium()])
    }, 180_000)

    afterAll(async () => {
      await Promise.all(contexts.map((context) => context.close()))
      await browser?.close()
      await fixture?.close()
      await sink?.close()
    })

    async function newPage(): Promise<Page> {
      const context = await browser.newContext({
        viewport: { width: 1360, height: 1000 },
        baseURL: fixture.url,
      })
      contexts.push(context)
      return await context.newPage()
    }

    async function signedIn(role: Role): Promise<Page> {
      const page = await newPage()
      await signInOnPage(page, fixture.people[role])
      return page
    }

    async function actor(role: Role): Promise<CaseActor> {
      const user = (await listUsers(fixture.store, { activeOnly: true })).find(
        (candidate) => candidate.email === fixture.people[role].email,
      )
      const id = Number(user?.id)
      return {
        actor: { userId: id, role, teamUserIds: new Set([id]) },
        audit: { actorUserId: id, via: 'api', requestId: null },
      }
    }

    /** A customer with one decision maker we may write to; returns the contact's id. */
    async function addRecipient(email: string): Promise<number> {
      const id = `OUT-${randomBytes(3).toString('hex')}`
      await insertCustomers(fixture.store, [{ id, name: `Outreach ${id}`, owner_id: null }])
      await insertContacts(fixture.store, [
        {
          contact_key: `${id}-dm`,
          customer_id: id,
          name: 'Dana Decider',
          email,
          role: 'decision_maker',
          has_left: 0,
          lawful_basis: 'legitimate_interest',
          consent: 0,
        },
      ])
      const row = await fixture.store.db
        .selectFrom('contacts')
        .select('id')
        .where('contact_key', '=', `${id}-dm`)
        .executeTakeFirstOrThrow()
      return Number(row.id)
    }

    const suppressionsOf = (email: string) =>
      fixture.store.db
        .selectFrom('suppressions')
        .selectAll()
        .where('email_normalised', '=', email)
        .execute()

    const sunkTo = (email: string) =>
      sink.messages.filter((message) => message.rcptTo.includes(email))

    async function sendQueuedNow(page: Page): Promise<void> {
      await page.goto('/outbox')
      await page.getByRole('button', { name: 'Send queued now' }).click()
      await page.getByText(/^Sent \d+/).waitFor()
    }

    it('a: sends with one-click headers; GET never unsubscribes, the button (POST) does, once; a second send is stopped', async () => {
      const email = `dana-${randomBytes(3).toString('hex')}@recipient.test`
      const contactId = await addRecipient(email)
      const admin = await actor('admin')
      await queueEmail(fixture.store, admin, {
        contactId,
        templateKey: 'professional-email-what-changed',
      })
      const analyst = await signedIn('analyst')
      await sendQueuedNow(analyst)
      const [message, ...more] = sunkTo(email)
      expect(more).toEqual([])
      const parsed = await simpleParser(message?.raw ?? '')
      const header = (name: string) =>
        parsed.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '')
      expect(header('list-unsubscribe')).toMatch(
        /^<https:\/\/comeback\.test\/u\/[^>]+>,\s*<mailto:[^>]+>$/,
      )
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
      const text = parsed.text ?? ''
      expect(text).toContain(POSTAL_ADDRESS)
      const link = /https:\/\/comeback\.test\/u\/[^\s>)"]+/.exec(text)?.[0] ?? ''
      expect(header('list-unsubscribe')).toContain(link)
      const local = link.replace(PUBLIC_URL, fixture.url)

      // opening the link (as a scanner or a person would) changes nothing
      const visitor = await newPage()
      const shown = await visitor.goto(local)
      expect(shown?.status()).toBe(200)
      await visitor.getByRole('heading', { name: 'Unsubscribe?' }).waitFor()
      expect(await suppressionsOf(email)).toEqual([])
      await saveScreenshot(visitor, '60-unsubscribe-confirm')
      await visitor.getByRole('button', { name: 'Unsubscribe' }).click()
      await visitor.getByRole('heading', { name: 'You are unsubscribed' }).waitFor()
      const after = await suppressionsOf(email)
      expect(after.map((row) => row.kind)).toEqual(['unsubscribed'])
      // again, from the same page: the same answer, nothing more recorded
      await visitor.goto(local)
      await visitor.getByRole('button', { name: 'Unsubscribe' }).click()
      await visitor.getByRole('heading', { name: 'You are unsubscribed' }).waitFor()
      // a mail provider's RFC 8058 POST: no cookies, no redirect
      const oneClick = await fetch(local, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
        redirect: 'manual',
      })
      expect(oneClick.status).toBe(200)
      expect(oneClick.headers.get('location')).toBeNull()
      expect((await suppressionsOf(email)).map((row) => row.id)).toEqual(after.map((row) => row.id))

      // a second email to the same contact goes nowhere
      const sinkCount = sink.messages.length
      // refused when queued, or queued and stopped at the claim: either way nothing goes out
      const second = await queueEmail(fixture.store, admin, {
        contactId,
        templateKey: 'professional-email-what-changed',
      }).then(
        (queued) => queued.id,
        () => null,
      )
      await sendQueuedNow(analyst)
      expect(sunkTo(email)).toHaveLength(1)
      expect(sink.messages.length).toBe(sinkCount)
      if (second !== null) {
        const row = await fixture.store.db
          .selectFrom('outbox_messages')
          .select('status')
          .where('id', '=', second)
          .executeTakeFirstOrThrow()
        expect(row.status).toBe('suppressed')
      }
      await analyst.goto('/suppressions')
      await analyst.getByLabel('Address contains').fill(email.slice(0, 12))
      await analyst.getByRole('button', { name: 'Search' }).click()
      const rows = analyst.locator('table.suppressions-table tbody tr')
      await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining(email)])
      expect(await rows.first().textContent()).toContain('Unsubscribed')
      await saveScreenshot(analyst, '61-suppressions-search')
    })

    it('b: a campaign with a 20 % holdout sends nothing to the holdout; the results page matches the store', async () => {
      // every decision maker gets a lawful basis dated today, whatever the demo drew for them
      await fixture.store.db
        .updateTable('contacts')
        .set({
          lawful_basis: 'legitimate_interest',
          basis_on: new Date().toISOString().slice(0, 10),
        })
        .where('role', '=', 'decision_maker')
        .execute()
      // a manager: who runs a campaign writes to their team's accounts (an analyst may not)
      const page = await signedIn('manager')
      await page.goto('/campaigns/new')
      await page.getByLabel('Show').selectOption('customer')
      await page.getByText(/on the lost list match now/).waitFor()
      await page.getByLabel('Name').fill('Lost customer appreciation day')
      const template = page.getByLabel('Email template')
      await template
        .locator('option[value="fun-email-appreciation-day"]')
        .waitFor({ state: 'attached' })
      await template.selectOption('fun-email-appreciation-day')
      await page.getByLabel('Holdout %').fill('20')
      await page.getByRole('button', { name: 'Make the campaign' }).click()
      await page
        .getByRole('heading', { level: 1, name: 'Lost customer appreciation day' })
        .waitFor()
      const campaignId = Number(/\/campaigns\/(\d+)/.exec(page.url())?.[1])
      const stored = await fixture.store.db
        .withTables<{ campaigns: { id: number; holdout_share: number; segment_json: string } }>()
        .selectFrom('campaigns')
        .select(['holdout_share', 'segment_json'])
        .where('id', '=', campaignId)
        .executeTakeFirstOrThrow()
      expect(Number(stored.holdout_share)).toBe(0.2)
      expect(JSON.parse(stored.segment_json)).toMatchObject({ kind: 'customer', status: 'lost' })

      await page.getByRole('button', { name: 'Launch', exact: true }).click()
      await page
        .locator('.launch [role=status], .launch [role=alert]')
        .waitFor({ timeout: 120_000 })
      await saveScreenshot(page, '62-campaign-launched')
      const members = await listCampaignMembers(fixture.store, campaignId)
      const treated = members.filter((member) => member.arm === 'treated')
      const holdout = members.filter((member) => member.arm === 'holdout')
      expect(holdout.length).toBeGreaterThan(0)
      expect(treated.length).toBeGreaterThan(holdout.length)
      // nothing queued for the holdout, by member or by customer; the treated got theirs
      expect(holdout.filter((member) => member.outbox_message_id !== null)).toEqual([])
      const toHoldout = await fixture.store.db
        .selectFrom('outbox_messages')
        .select('id')
        .where('idempotency_key', 'like', `campaign:${campaignId}:%`)
        .where(
          'customer_id',
          'in',
          holdout.map((member) => member.customer_id),
        )
        .execute()
      expect(toHoldout).toEqual([])
      const messaged = treated.filter((member) => member.outbox_message_id !== null)
      expect(messaged.length).toBeGreaterThan(0)
      const outboxRows = page.locator('table.outbox-table tbody tr')
      await page.goto(`/outbox?campaignId=${campaignId}`)
      await expect.poll(() => outboxRows.count()).toBe(messaged.length)

      // outcomes: a reply from a treated member (in the browser), a win-back in each arm, an order
      await page.goto(`/campaigns/${campaignId}`)
      const first = treated[0]
      const name = (
        await fixture.store.db
          .selectFrom('customers')
          .select('name')
          .where('id', '=', first?.customer_id ?? '')
          .executeTakeFirstOrThrow()
      ).name
      await page
        .getByRole('button', { name: `Record a reply from ${name ?? first?.customer_id}` })
        .click()
      await expect
        .poll(() => page.locator(`tr[data-member="${first?.id}"] td`).nth(3).textContent())
        .toBe('1')
      await winBackCase(fixture.store, first?.customer_id ?? '')
      await winBackCase(fixture.store, holdout[0]?.customer_id ?? '')
      await insertOrders(fixture.store, [
        {
          order_key: `e2e:${campaignId}:won`,
          customer_id: first?.customer_id ?? '',
          ordered_on: new Date().toISOString().slice(0, 10),
          amount_minor: 250_000,
          currency: 'USD',
          status: 'placed',
        },
      ])
      await page.reload()
      const expected = await expectedArms(fixture.store, campaignId)
      expect(expected.treated.winBacks).toBeGreaterThanOrEqual(1)
      expect(expected.treated.responses).toBeGreaterThanOrEqual(1)
      const armRow = (arm: string) => page.locator(`table.campaign-arms tr[data-arm="${arm}"] td`)
      const currency = (
        (await (await page.request.get('/api/lost?limit=1')).json()) as { currency: string }
      ).currency
      const money = new Intl.NumberFormat('en', {
        style: 'currency',
        currency,
        maximumFractionDigits: 0,
      })
      for (const arm of ['treated', 'holdout'] as const) {
        const want = expected[arm]
        await expect
          .poll(() => armRow(arm).allTextContents())
          .toEqual([
            String(want.members),
            String(want.sent),
            String(want.responses),
            String(want.winBacks),
            `${((want.winBacks / want.members) * 100).toFixed(1)}\u00a0%`,
            money.format(want.revenueMinor / 100),
          ])
      }
      const lift = differenceInterval(
        { successes: expected.treated.winBacks, trials: expected.treated.members },
        { successes: expected.holdout.winBacks, trials: expected.holdout.members },
      )
      const points = (value: number) => {
        const sign = value > 0 ? '+' : value < 0 ? '−' : '±'
        return `${sign}${Math.abs(value * 100).toFixed(1)}\u00a0pp`
      }
      expect(await page.getByTestId('lift-estimate').textContent()).toBe(points(lift.estimate))
      expect(await page.getByTestId('lift-interval').textContent()).toBe(
        `${points(lift.lower)} to ${points(lift.upper)}`,
      )
      const chart = page.getByRole('img', { name: /Lift in win-back rate over the holdout/ })
      expect(await chart.locator('[data-part="interval"]').count()).toBe(1)
      expect(await chart.locator('[data-part="estimate"]').count()).toBe(1)
      await saveScreenshot(page, '62-campaign-results')
    })
  },
)
