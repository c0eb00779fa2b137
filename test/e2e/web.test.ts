import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../src/domain/access-policy.js'
import {
  browserSkipReason,
  launchChromium,
  saveScreenshot,
  watchForXss,
  XSS_CORPUS,
} from '../../src/test-support/browser.js'
import { navItemsFor } from '../../src/web/components/navigation.js'
import { startWebFixture, totpNow, type WebFixture } from './web-fixture.js'

const skipReason = browserSkipReason()
if (skipReason !== null) {
  console.warn(`skipping the browser e2e: ${skipReason}`)
}

describe.skipIf(skipReason !== null)('the web app in Chromium', () => {
  let fixture: WebFixture
  let browser: Browser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    ;[fixture, browser] = await Promise.all([startWebFixture(), launchChromium()])
  }, 120_000)

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()))
    await browser?.close()
    await fixture?.close()
  })

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      baseURL: fixture.url,
    })
    contexts.push(context)
    return await context.newPage()
  }

  async function signIn(page: Page, role: Role): Promise<void> {
    const person = fixture.people[role]
    await page.goto('/')
    await page.getByLabel('Email').fill(person.email)
    await page.getByLabel('Password').fill(person.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    if (role === 'admin' || role === 'vp') {
      await page.getByRole('button', { name: 'Set up authenticator app' }).click()
      const secret = (await page.locator('.secret code').textContent()) ?? ''
      await page.getByLabel('Six-digit code').fill(totpNow(secret))
      await page.getByRole('button', { name: 'Confirm' }).click()
      await expect
        .poll(() =>
          page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count(),
        )
        .toBeGreaterThan(0)
      await page.getByRole('button', { name: 'I have saved them, continue' }).click()
    }
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
  }

  it('serves the app with a CSP that allows no inline script, and deep links load the app', async () => {
    const response = await fetch(`${fixture.url}/lost?status=lost`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src 'self'/)
    expect(csp).not.toMatch(/unsafe-inline/)
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    const missing = await fetch(`${fixture.url}/api/no-such-route`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('shows the sign-in page, refuses a wrong password and says why', async () => {
    const page = await newPage()
    await page.goto('/')
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await saveScreenshot(page, '01-sign-in')
    await page.getByLabel('Email').fill(fixture.people.rep.email)
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').waitFor()
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).count()).toBe(0)
  })

  it('a rep signs in, reads the dashboard, filters the lost list and opens a customer', async () => {
    const page = await newPage()
    const watch = watchForXss(page)
    await signIn(page, 'rep')
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    await expect.poll(() => page.getByRole('link', { name: 'Imports' }).count()).toBe(0)
    await page.getByText('Lost customers').waitFor()
    await saveScreenshot(page, '02-dashboard-rep')
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Lost list' })
      .click()
    const rows = page.locator('table.lost-table tbody tr')
    await rows.first().waitFor()
    await expect
      .poll(
        async () =>
          ((await rows.first().locator('.explanation').textContent()) ?? '').trim().length,
      )
      .toBeGreaterThan(0)
    await page.getByLabel('Show').selectOption('customer')
    await expect.poll(() => page.url()).toMatch(/kind=customer/)
    await expect
      .poll(() => page.locator('table.lost-table tbody tr .badge-lost_deal').count())
      .toBe(0)
    await page.getByRole('button', { name: /Value if won back/ }).click()
    await expect
      .poll(() =>
        page.getByRole('columnheader', { name: /Value if won back/ }).getAttribute('aria-sort'),
      )
      .toBe('descending')
    await saveScreenshot(page, '03-lost-list')
    const firstName = (await rows.first().locator('.cell-name a').textContent()) ?? ''
    await rows.first().locator('.cell-name a').click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain(firstName)
    await page.getByRole('heading', { name: 'Order history' }).waitFor()
    await saveScreenshot(page, '04-customer')
    expect(watch.pageErrors).toEqual([])
    expect(watch.cspViolations).toEqual([])
  })

  it('the admin enrols an authenticator app at first sign-in and then sees every page', async () => {
    const page = await newPage()
    await signIn(page, 'admin')
    const nav = page.getByRole('navigation', { name: 'Main' })
    const labels = navItemsFor('admin').map((item) => item.label)
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(labels)
    expect(labels).toEqual(expect.arrayContaining(['Imports', 'Audit log', 'Settings']))
    // every page the admin's navigation offers opens and loads without an error
    for (const item of navItemsFor('admin')) {
      await nav.getByRole('link', { name: item.label, exact: true }).click()
      await page.waitForURL((url) => url.pathname === item.path)
      await expect.poll(() => page.locator('.state-loading').count(), { timeout: 20_000 }).toBe(0)
      expect(await page.locator('.state-error').allTextContents(), item.path).toEqual([])
    }
    await nav.getByRole('link', { name: 'Customers' }).click()
    await page.locator('table tbody tr').first().waitFor()
    await saveScreenshot(page, '05-customers')
  })

  it('the VP, a manager and an analyst each sign in and see the navigation of their role', async () => {
    for (const role of ['vp', 'manager', 'analyst'] as const) {
      const page = await newPage()
      await signIn(page, role)
      const links = page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Imports' })
      await expect.poll(() => links.count()).toBe(role === 'analyst' ? 1 : 0)
      await expect
        .poll(() => page.locator('.user-name').textContent())
        .toContain(fixture.people[role].name)
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByText('You have signed out.').waitFor()
    }
  })

  it('an analyst uploads a CSV with bad rows, maps its columns and downloads the rejected-rows report', async () => {
    const page = await newPage()
    await signIn(page, 'analyst')
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Imports' })
      .click()
    const csv = [
      'Cust No,Order Date,Total,Order Number',
      'C-WEB-1,2024-02-01,120.50,W-1',
      'C-WEB-1,2024-03-05,80.00,W-2',
      'C-WEB-2,not a date,10.00,W-3',
      'C-WEB-2,2024-04-01,abc,W-4',
      'C-WEB-3,2024-04-02,99.99,W-5',
    ].join('\n')
    await page
      .getByLabel('CSV file (UTF-8, with a header row)')
      .setInputFiles({ name: 'web-orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await expect.poll(() => page.getByLabel(/Customer id/).inputValue()).toBe('Cust No')
    await page.getByLabel(/Ordered on/).selectOption('Order Date')
    await page.getByLabel(/^Amount/).selectOption('Total')
    await expect.poll(() => page.locator('.preview tbody tr').count()).toBe(5)
    await saveScreenshot(page, '06-import-mapping')
    await page.getByRole('button', { name: 'Import' }).click()
    const report = page.getByRole('link', { name: /Download the rejected-rows report/ }).first()
    await report.waitFor()
    await page.locator('.progress-block dt', { hasText: 'Rejected' }).waitFor()
    await saveScreenshot(page, '07-import-done')
    const [download] = await Promise.all([page.waitForEvent('download'), report.click()])
    const text = readFileSync((await download.path()) ?? '', 'utf8')
    expect(text).toMatch(/not a date/)
    expect(text).toMatch(/abc/)
    expect(text).not.toMatch(/W-5/)
  })

  it('renders hostile strings in every text field as text: no script runs and no dialog opens', async () => {
    const page = await newPage()
    const watch = watchForXss(page)
    await signIn(page, 'rep')
    await page.goto(`/customers/${encodeURIComponent(fixture.hostileCustomerId)}`)
    await page.getByRole('heading', { name: 'Incidents' }).waitFor()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain(XSS_CORPUS[0] ?? '')
    await saveScreenshot(page, '08-customer-hostile')
    await page.goto(`/customers?search=${encodeURIComponent('XSS')}`)
    await page.locator('table tbody tr').first().waitFor()
    await page.goto(
      `/lost?search=${encodeURIComponent(XSS_CORPUS[1] ?? '')}&segment=${encodeURIComponent(XSS_CORPUS[2] ?? '')}`,
    )
    await page.getByRole('heading', { name: 'Lost list' }).waitFor()
    await page.goto('/lost?kind=deal')
    await page.locator('table.lost-table tbody tr, .state').first().waitFor()
    await page.mouse.move(400, 400)
    expect(await watch.marker()).toBeUndefined()
    expect(watch.dialogs).toEqual([])
    expect(watch.cspViolations).toEqual([])
  })
})
