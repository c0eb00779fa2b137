import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runShadowCadence, shadowPortfolioAs, workerActor } from '../../src/app/index.js'
import { addDays } from '../../src/domain/case-dates.js'
import { findUserByEmail } from '../../src/store/index.js'
import {
  browserSkipReason,
  launchChromium,
  saveScreenshot,
} from '../../src/test-support/browser.js'
import { signInOnPage, startWebFixture, type WebFixture } from './web-fixture.js'

const skipReason = browserSkipReason()
if (skipReason !== null) {
  console.warn(`skipping the shadow portfolio browser e2e: ${skipReason}`)
}

describe.skipIf(skipReason !== null)('the shadow portfolio in Chromium', () => {
  let fixture: WebFixture
  let browser: Browser
  let customerId = ''
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    ;[fixture, browser] = await Promise.all([startWebFixture(), launchChromium()])
    const rep = await findUserByEmail(fixture.store, fixture.people.rep.email)
    const repId = Number(rep?.id)
    const who = {
      actor: { userId: repId, role: 'rep' as const, teamUserIds: new Set([repId]) },
      audit: { actorUserId: repId, via: 'api' as const, requestId: null },
    }
    const today = new Date().toISOString().slice(0, 10)
    const view = await shadowPortfolioAs(fixture.store, who, { today })
    const member = view.members[0]
    if (member === undefined) {
      throw new Error('the demo rep has no one in the shadow portfolio')
    }
    customerId = member.customerId
    // touched 60 days ago, so the next touch (42–56 days on) is due today
    await fixture.store.db
      .insertInto('touches')
      .values({
        customer_id: customerId,
        contact_id: null,
        channel: 'meeting',
        kind: 'meeting',
        at: `${addDays(today, -60)}T10:00:00.000Z`,
        outbox_message_id: null,
        actor: 'e2e',
        note: 'coffee',
      })
      .execute()
    await runShadowCadence(fixture.store, workerActor('cli'), { today })
  }, 240_000)

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()))
    await browser?.close()
    await fixture?.close()
  })

  async function signedInAsRep(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      baseURL: fixture.url,
    })
    contexts.push(context)
    const page = await context.newPage()
    await signInOnPage(page, fixture.people.rep)
    return page
  }

  it('the rep opens the shadow portfolio from the navigation and sees their own with the next touch', async () => {
    const page = await signedInAsRep()
    try {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Shadow portfolio' })
        .click()
      await page.getByRole('heading', { name: 'Shadow portfolio', level: 1 }).waitFor()
      const rows = page.getByTestId('shadow-member')
      await rows.first().waitFor()
      expect(await rows.count()).toBeGreaterThan(0)
      const touched = rows.filter({ has: page.locator(`a[href="/customers/${customerId}"]`) })
      await expect(touched.count()).resolves.toBe(1)
      // just touched today: the next touch is weeks away and not due
      expect(await touched.textContent()).not.toContain('due')
    } catch (error) {
      await saveScreenshot(page, 'shadow-portfolio')
      throw error
    }
  }, 60_000)

  it("the customer's timeline shows the shadow touch with its value kind", async () => {
    const page = await signedInAsRep()
    try {
      await page.goto(`/customers/${encodeURIComponent(customerId)}`)
      await page.getByRole('heading', { name: 'Timeline' }).waitFor()
      const entries = page.getByTestId('timeline-touch')
      await entries.nth(1).waitFor()
      const texts = await entries.allTextContents()
      // newest first: the value-adding touch, then the meeting it followed
      expect(texts[0]).toMatch(/shadow portfolio/)
      expect(texts[0]).toMatch(/Case study|Article|Check in|Referral/)
      expect(texts[1]).toMatch(/Meeting/)
    } catch (error) {
      await saveScreenshot(page, 'shadow-timeline')
      throw error
    }
  }, 60_000)
})
