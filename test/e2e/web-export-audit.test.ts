import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../src/domain/access-policy.js'
import { isFormulaRisk } from '../../src/domain/csv-cell.js'
import { listUsers } from '../../src/store/index.js'
import {
  browserSkipReason,
  launchChromium,
  saveScreenshot,
} from '../../src/test-support/browser.js'
import { oracleSplitCsv } from '../../src/test-support/csv-oracle.js'
import { signInOnPage, startWebFixture, type WebFixture } from './web-fixture.js'

const skipReason = browserSkipReason()
if (skipReason !== null) {
  console.warn(`skipping the export and audit browser e2e: ${skipReason}`)
}

describe.skipIf(skipReason !== null)('exports and the audit log in Chromium', () => {
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
      acceptDownloads: true,
    })
    contexts.push(context)
    return await context.newPage()
  }

  async function signIn(page: Page, role: Role): Promise<void> {
    await signInOnPage(page, fixture.people[role])
  }

  it('an analyst downloads the filtered lost list as spreadsheet-safe CSV', async () => {
    const page = await newPage()
    await signIn(page, 'analyst')
    await page.goto('/lost?kind=customer')
    await page.locator('table.lost-table tbody tr').first().waitFor()
    await saveScreenshot(page, '20-lost-list-export-button')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('lost-list.csv')
    const text = readFileSync((await download.path()) ?? '', 'utf8')
    const read = oracleSplitCsv(new TextEncoder().encode(text))
    expect(read.rejects).toEqual([])
    expect(read.header.slice(0, 4)).toEqual(['kind', 'id', 'customerId', 'name'])
    expect(read.records.length).toBeGreaterThan(0)
    // the page asked for customers only, and the export kept that filter
    expect(read.records.every((record) => record.fields[0] === 'customer')).toBe(true)
    for (const record of read.records) {
      for (const field of record.fields) {
        expect(isFormulaRisk(field), field).toBe(false)
      }
    }
  })

  it('the admin opens the audit log from the navigation and finds that export', async () => {
    const analystId = (await listUsers(fixture.store)).find(
      (user) => user.email === fixture.people.analyst.email,
    )?.id
    const page = await newPage()
    await signIn(page, 'admin')
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click()
    await page.getByRole('heading', { name: 'Audit log' }).waitFor()
    await page.getByLabel('Action').fill('export')
    await page.getByLabel('Action').press('Enter')
    await expect.poll(() => page.url()).toMatch(/action=export/)
    const row = page.locator('table tbody tr').filter({ hasText: `user:${analystId}` })
    // the unfiltered page may still be showing (with the analyst's sign-in too) until the
    // filtered answer arrives: wait for it rather than read the table in between
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1)
    const text = (await row.first().textContent()) ?? ''
    expect(text).toMatch(/Lost list/)
    expect(text).toMatch(/format:csv, rows:\d+, filter:kind/)
    await saveScreenshot(page, '21-audit-log')
    await page.getByLabel('Action').fill('no_such_action')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.getByText('No entries match these filters').waitFor()
  })

  it('a rep sees no audit log in the navigation, and the address shows no page', async () => {
    const page = await newPage()
    await signIn(page, 'rep')
    await expect.poll(() => page.getByRole('link', { name: 'Audit log' }).count()).toBe(0)
    await page.goto('/audit')
    await page.getByRole('heading', { name: 'Page not found' }).waitFor()
  })
})
