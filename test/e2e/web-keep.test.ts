import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyze } from '../../src/app/index.js'
import {
  browserSkipReason,
  launchChromium,
  saveScreenshot,
} from '../../src/test-support/browser.js'
import { signInOnPage, startWebFixture, type WebFixture } from './web-fixture.js'
import { alertsOf, type SlippingCustomer, slippingWonBackCustomer } from './web-keep-fixture.js'

const skipReason = browserSkipReason()
if (skipReason !== null) {
  console.warn(`skipping the keep browser e2e: ${skipReason}`)
}

describe.skipIf(skipReason !== null)('seal the deal in Chromium', () => {
  let fixture: WebFixture
  let browser: Browser
  let slipping: SlippingCustomer
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    ;[fixture, browser] = await Promise.all([startWebFixture(), launchChromium()])
    slipping = await slippingWonBackCustomer(fixture.store, fixture.people.manager.email)
  }, 240_000)

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()))
    await browser?.close()
    await fixture?.close()
  })

  async function signedIn(role: 'manager' | 'rep'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      baseURL: fixture.url,
    })
    contexts.push(context)
    const page = await context.newPage()
    await signInOnPage(page, fixture.people[role])
    return page
  }

  it('a real analyze that finds a won-back customer slipping raises one alert, not one per run', async () => {
    const alerts = await alertsOf(fixture.store, slipping.customerId)
    expect(alerts.map((alert) => alert.kind)).toEqual(['p_alive_slip'])
    expect(Number(alerts[0]?.owner_id)).toBe(slipping.managerId)
    await analyze(fixture.store, { actor: 'e2e', asOf: slipping.slipAsOf })
    expect(await alertsOf(fixture.store, slipping.customerId)).toHaveLength(1)
  }, 60_000)

  it('the owner signs in, reads the alert in words and acknowledges it', async () => {
    const page = await signedIn('manager')
    try {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Alerts' })
        .click()
      await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor()
      const item = page
        .getByRole('list', { name: 'Alerts' })
        .getByRole('listitem')
        .filter({ hasText: slipping.name })
      await expect(item.textContent()).resolves.toContain(
        `${slipping.name} is slipping: status at risk`,
      )
      await expect(item.textContent()).resolves.toContain(`Won back on ${slipping.wonOn}`)
      await item.getByRole('button', { name: 'Acknowledge' }).click()
      await page.getByText('No open alerts').waitFor()
      const [alert] = await alertsOf(fixture.store, slipping.customerId)
      expect(Number(alert?.acknowledged_by)).toBe(slipping.managerId)
      // the customer page shows the keep-plan: the win, the watch and the check-ins
      await page.goto(`/customers/${encodeURIComponent(slipping.customerId)}`)
      const keep = page.getByRole('region', { name: 'Keep-plan' })
      await keep.getByText('Won back on').first().waitFor()
      await expect(keep.textContent()).resolves.toContain('Delivery and a slipping P(alive)')
      expect(
        await keep
          .getByRole('list', { name: /Keep-plan tasks/ })
          .getByRole('listitem')
          .count(),
      ).toBe(4)
    } catch (error) {
      await saveScreenshot(page, 'web-keep-alert')
      throw error
    }
  }, 90_000)

  it('a rep of another account does not see it', async () => {
    const page = await signedIn('rep')
    await page.goto('/alerts')
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor()
    await page.getByRole('checkbox', { name: 'Show acknowledged' }).check()
    await page.getByText('No alerts yet').waitFor()
    expect(await page.getByText(slipping.name).count()).toBe(0)
  }, 90_000)
})
