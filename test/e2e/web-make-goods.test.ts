import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listUsers, openCase } from '../../src/app/index.js'
import type { Role } from '../../src/domain/access-policy.js'
import {
  auditTrail,
  insertIncidents,
  listMakeGoodPayouts,
  makeGoodDb,
} from '../../src/store/index.js'
import {
  browserSkipReason,
  launchChromium,
  saveScreenshot,
  watchForXss,
} from '../../src/test-support/browser.js'
import { type CaseCast, findCaseCast } from './web-cases-fixture.js'
import { signInOnPage, startWebFixture, type WebFixture } from './web-fixture.js'

const skipReason = browserSkipReason()
if (skipReason !== null) {
  console.warn(`skipping the make-goods and bounties browser e2e: ${skipReason}`)
}

const today = () => new Date().toISOString().slice(0, 10)

// the machine is shared: give the page time to answer before a poll gives up
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 200 })

describe.skipIf(skipReason !== null)('make-goods and bounties in Chromium', () => {
  let fixture: WebFixture
  let browser: Browser
  let cast: CaseCast
  let caseId = 0
  const contexts: BrowserContext[] = []
  const signedInAs = new Map<Role, Page>()

  beforeAll(async () => {
    ;[fixture, browser] = await Promise.all([startWebFixture(), launchChromium()])
    cast = await findCaseCast(fixture.store, fixture.people.manager.email, today())
    // $30,000 of downtime on the first subject: the damage a make-good answers
    await insertIncidents(fixture.store, [
      {
        incident_key: 'e2e-downtime',
        customer_id: cast.subjects[0]?.customerId ?? '',
        kind: 'downtime',
        occurred_on: '2024-03-04',
        cost_minor: 3_000_000,
        currency: 'USD',
        description: 'the line stood still for two days',
      },
    ])
  }, 180_000)

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()))
    await browser?.close()
    await fixture?.close()
  })

  // admin and VP enrol a second factor at their first sign-in only: later steps reuse the session
  async function as(role: Role): Promise<Page> {
    const known = signedInAs.get(role)
    if (known !== undefined) {
      return known
    }
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      baseURL: fixture.url,
      acceptDownloads: true,
    })
    contexts.push(context)
    const page = await context.newPage()
    await signInOnPage(page, fixture.people[role])
    signedInAs.set(role, page)
    return page
  }

  const offers = (page: Page) => page.getByRole('list', { name: 'Make-good offers' })
  const newestOffer = (page: Page) => offers(page).locator('li[data-make-good-id]').first()
  const offerById = (page: Page, id: number) =>
    offers(page).locator(`li[data-make-good-id="${id}"]`)

  async function propose(
    page: Page,
    offer: { kind: string; value: string; reason?: string },
  ): Promise<number> {
    const form = page.getByRole('form', { name: 'Propose a make-good' })
    const before = await offers(page)
      .locator('li[data-make-good-id]')
      .count()
      .catch(() => 0)
    await form.getByLabel('Kind').selectOption({ label: offer.kind })
    await form.getByLabel('Value (USD)').fill(offer.value)
    if (offer.reason !== undefined) {
      await form.getByLabel(/^Reason/).fill(offer.reason)
    }
    await form.getByRole('button', { name: 'Propose' }).click()
    await form.getByText(/put forward\./).waitFor()
    await poll(() => offers(page).locator('li[data-make-good-id]').count()).toBe(before + 1)
    return Number(await newestOffer(page).getAttribute('data-make-good-id'))
  }

  const statusOf = (item: Locator) => item.locator('.badge').first().textContent()

  it('a manager sees the suggested size, proposes within the manager limit and approves it; above the limit it needs the VP', async () => {
    const page = await as('manager')
    const watch = watchForXss(page)
    const subject = cast.subjects[0]
    if (subject === undefined) {
      throw new Error('no subject')
    }
    await page.goto(`/cases/new?customerId=${encodeURIComponent(subject.customerId)}`)
    await page.getByRole('checkbox', { name: new RegExp(cast.helperRep.name) }).check()
    await page.getByRole('button', { name: 'Open the case' }).click()
    await page.waitForURL(/\/cases\/\d+$/)
    caseId = Number(new URL(page.url()).pathname.split('/').pop())

    const section = page.getByRole('region', { name: 'Make-good' })
    await section.getByText('the line stood still for two days').waitFor()
    const advice = (await (
      await page.request.get(`/api/cases/${caseId}/make-good-suggestion`)
    ).json()) as { suggestedMinor: number; damageMinor: number }
    expect(advice.damageMinor).toBeGreaterThanOrEqual(3_000_000)
    // the default rule: 10 % of the damage at least (SPEC §6, proportional to the damage)
    expect(advice.suggestedMinor).toBeGreaterThanOrEqual(300_000)
    const suggested = new Intl.NumberFormat('en', {
      style: 'currency',
      currency: 'USD',
      maximumFractionDigits: 0,
    }).format(advice.suggestedMinor / 100)
    expect(await section.getByTestId('make-good-suggested').textContent()).toBe(suggested)

    // a $15 basket for $30,000 of downtime is flagged too small while it is typed
    const form = section.getByRole('form', { name: 'Propose a make-good' })
    await form.getByLabel('Value (USD)').fill('15')
    await form.locator('[data-flag="too_small"]').waitFor()
    await saveScreenshot(page, '40-make-good-too-small')

    const withinLimit = await propose(page, { kind: 'Service credit', value: '2,000' })
    const item = offerById(page, withinLimit)
    expect(await statusOf(item)).toBe('proposed')
    await item.getByRole('button', { name: 'Approve' }).click()
    await poll(() => statusOf(offerById(page, withinLimit))).toBe('approved')
    // the case's timeline shows the approval without a reload
    await poll(() => page.getByRole('list', { name: 'Timeline' }).textContent()).toContain(
      'Make good approved',
    )
    expect(await listMakeGoodPayouts(fixture.store, [withinLimit])).toHaveLength(1)
    const approvals = (await auditTrail(fixture.store, 'make_good', String(withinLimit))).filter(
      (entry) => entry.action === 'approve',
    )
    expect(approvals).toHaveLength(1)

    // $6,000 is above the manager's $5,000: no approve button, it needs the VP
    const above = await propose(page, { kind: 'Free work', value: '6000' })
    const aboveItem = offerById(page, above)
    await aboveItem.getByText('Needs VP').waitFor()
    expect(await aboveItem.getByRole('button', { name: 'Approve' }).count()).toBe(0)
    await saveScreenshot(page, '41-make-good-offers')
    expect(watch.pageErrors).toEqual([])
  }, 120_000)

  it('a price concession: the manager cannot approve it; the VP is refused without a reason and approves with one; the report flags it', async () => {
    expect(caseId).toBeGreaterThan(0)
    const manager = await as('manager')
    await manager.goto(`/cases/${caseId}`)
    await offers(manager).waitFor()
    const concession = await propose(manager, {
      kind: 'Price concession',
      value: '500',
      reason: 'A competitor undercut us by 5 % on the renewal',
    })
    const asManager = offerById(manager, concession)
    await asManager.getByText('Needs VP').waitFor()
    expect(await asManager.getByRole('button', { name: 'Approve' }).count()).toBe(0)

    const vp = await as('vp')
    await vp.goto(`/cases/${caseId}`)
    const asVp = offerById(vp, concession)
    await asVp.getByRole('button', { name: 'Approve' }).click()
    await asVp
      .getByRole('alert')
      .getByText(/needs your written reason/)
      .waitFor()
    expect(await statusOf(asVp)).toBe('proposed')
    await asVp
      .getByLabel(/Your written reason/)
      .fill('Their renewal hinges on matching the competitor this quarter')
    await asVp.getByRole('button', { name: 'Approve' }).click()
    await poll(() => statusOf(offerById(vp, concession))).toBe('approved')
    await offerById(vp, concession)
      .getByText(/Decision note: Their renewal hinges/)
      .waitFor()
    await saveScreenshot(vp, '42-price-concession-approved')

    const report = (await (
      await vp.request.get('/api/make-goods?flag=price_concession')
    ).json()) as { items: { id: number; status: string; decidedBy: number | null }[] }
    const flagged = report.items.find((item) => item.id === concession)
    expect(flagged?.status).toBe('approved')
    const users = await listUsers(fixture.store, { activeOnly: true })
    const vpId = Number(users.find((user) => user.email === fixture.people.vp.email)?.id)
    expect(flagged?.decidedBy).toBe(vpId)
  }, 120_000)

  it('a won-back customer’s next imported order credits the rep’s bounty exactly once, and the leaderboard shows the rep', async () => {
    const admin = await as('admin')
    await admin.goto('/settings/cases')
    const newRule = admin.getByRole('form', { name: 'New bounty rule' })
    await newRule.getByLabel('Rule name').fill('Welcome-back bounty')
    await newRule.getByLabel('Fixed bounty (USD)').fill('200')
    await newRule.getByLabel('Manager share (%)').fill('50')
    await newRule.getByRole('button', { name: 'Add the rule' }).click()
    await admin.getByRole('form', { name: 'Bounty rule Welcome-back bounty' }).waitFor()
    await saveScreenshot(admin, '43-bounty-rules')

    // a case on the second subject, worked by the signed-in rep and won back today
    const customerId = cast.subjects[1]?.customerId ?? ''
    const users = await listUsers(fixture.store, { activeOnly: true })
    const idOf = (email: string) => Number(users.find((user) => user.email === email)?.id)
    const vpId = idOf(fixture.people.vp.email)
    const repId = idOf(fixture.people.rep.email)
    const won = await openCase(
      fixture.store,
      {
        actor: { userId: vpId, role: 'vp', teamUserIds: new Set([vpId]) },
        audit: { actorUserId: vpId, via: 'api', requestId: null },
      },
      { subject: { kind: 'customer', customerId }, repIds: [repId], today: today() },
    )
    await fixture.store.db
      .updateTable('cases')
      .set({ stage: 'won_back', ended_on: today() })
      .where('id', '=', won.id)
      .execute()

    const csv = Buffer.from(
      `order_id,customer_id,ordered_on,amount\nWB-E2E-1,${customerId},${today()},1500.00\n`,
    )
    const importOnPage = async () => {
      await admin.goto('/imports')
      await admin.getByLabel('What the file holds').selectOption('orders')
      await admin
        .getByLabel('CSV file (UTF-8, with a header row)')
        .setInputFiles({ name: 'won-back-orders.csv', mimeType: 'text/csv', buffer: csv })
      await poll(() => admin.getByLabel(/Customer id/).inputValue()).toBe('customer_id')
      await admin.getByRole('button', { name: 'Import' }).click()
      await admin.getByText(/Import #\d+ is published\./).waitFor()
    }
    const repEarnings = () =>
      makeGoodDb(fixture.store)
        .selectFrom('earnings')
        .selectAll()
        .where('case_id', '=', won.id)
        .where('user_id', '=', repId)
        .execute()

    await importOnPage()
    expect(await repEarnings()).toHaveLength(1)
    const rep = await as('rep')
    await rep.goto('/earnings')
    const rows = () =>
      rep
        .getByRole('table', { name: 'Earnings' })
        .locator(`tbody tr:has(a[href="/cases/${won.id}"])`)
    await poll(() => rows().count()).toBe(1)
    // half the $200 fixed bounty: the manager's share is 50 %
    expect(await rows().first().textContent()).toContain('$100')
    await saveScreenshot(rep, '44-my-earnings')
    const [download] = await Promise.all([
      rep.waitForEvent('download'),
      rep.getByRole('button', { name: 'Download statement (CSV)' }).click(),
    ])
    const statement = readFileSync((await download.path()) ?? '', 'utf8')
      .trim()
      .split(/\r?\n/)
    expect(statement[0]).toMatch(/^booked_at,person,customer_id/)
    expect(statement.filter((line) => line.includes(customerId))).toHaveLength(1)
    expect(statement.at(-1)).toMatch(/^total,/)

    await importOnPage()
    expect(await repEarnings()).toHaveLength(1)
    await rep.reload()
    await rep.getByRole('table', { name: 'Earnings' }).waitFor()
    expect(await rows().count()).toBe(1)

    await rep.goto('/leaderboard')
    const bars = rep.getByRole('list', { name: 'Net bounty earned per person' })
    await bars.getByText(new RegExp(fixture.people.rep.name)).waitFor()
    await saveScreenshot(rep, '45-leaderboard')
  }, 180_000)

  it('a rep opening another rep’s ledger by the URL sees the refusal, not the ledger', async () => {
    const users = await listUsers(fixture.store, { activeOnly: true })
    const other = users.find(
      (user) => user.role === 'rep' && user.email !== fixture.people.rep.email,
    )
    if (other === undefined) {
      throw new Error('the demo company has one rep only')
    }
    const rep = await as('rep')
    await rep.goto(`/earnings?userId=${other.id}`)
    const alert = rep.getByRole('alert')
    await alert.getByText('This ledger is not yours to see').waitFor()
    expect(await alert.textContent()).toContain(`no ledger for user ${other.id}`)
    expect(await rep.getByRole('table', { name: 'Earnings' }).count()).toBe(0)
  }, 120_000)
})
