import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listUsers } from '../../src/app/index.js'
import {
  browserSkipReason,
  launchChromium,
  saveScreenshot,
} from '../../src/test-support/browser.js'
import { parseIcs } from '../../src/test-support/ics-parse.js'
import { pdfInfo, pdfText } from '../../src/test-support/poppler.js'
import { signInOnPage, startWebFixture, type WebFixture } from './web-fixture.js'

const skipReason = browserSkipReason()
if (skipReason !== null) {
  console.warn(`skipping the letters browser e2e: ${skipReason}`)
}

describe.skipIf(skipReason !== null)('letters and meeting invites in Chromium', () => {
  let fixture: WebFixture
  let browser: Browser
  let page: Page
  let customerId = ''
  let contactName = ''

  beforeAll(async () => {
    ;[fixture, browser] = await Promise.all([startWebFixture(), launchChromium()])
    const users = await listUsers(fixture.store, { activeOnly: true })
    const repId = Number(users.find((user) => user.email === fixture.people.rep.email)?.id)
    // one of the rep's accounts whose decision maker has a postal address and is not suppressed
    const row = await fixture.store.db
      .selectFrom('contacts as c')
      .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
      .select(['c.customer_id', 'c.name'])
      .where('cu.owner_id', '=', repId)
      .where('c.role', '=', 'decision_maker')
      .where('c.has_left', '=', 0)
      .where('c.postal_address', 'is not', null)
      .where('c.email', 'is not', null)
      .where('c.lawful_basis', 'is not', null)
      .where((eb) => eb.or([eb('c.lawful_basis', '!=', 'consent'), eb('c.consent', '=', 1)]))
      .where('c.name', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('suppressions as s').select('s.id').whereRef('s.contact_id', '=', 'c.id'),
          ),
        ),
      )
      .orderBy('c.id')
      .executeTakeFirstOrThrow()
    customerId = row.customer_id
    contactName = row.name ?? ''
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      baseURL: fixture.url,
      acceptDownloads: true,
    })
    page = await context.newPage()
    await signInOnPage(page, fixture.people.rep)
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await fixture?.close()
  })

  it('downloads a US Letter PDF with the decision maker’s name, from the customer page', async () => {
    await page.goto(`/customers/${encodeURIComponent(customerId)}`)
    const form = page.getByRole('form', { name: 'Download a letter' })
    await form.getByLabel('Paper').selectOption('letter')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: 'Download letter (PDF)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^letter-.*\.pdf$/)
    const pdf = readFileSync((await download.path()) ?? '')
    expect(pdfInfo(pdf)['Page size']).toContain('(letter)')
    expect(pdfText(pdf).replace(/\s+/g, ' ')).toContain(contactName)
    await expect
      .poll(() => page.getByText('The letter is downloaded and recorded on the timeline.').count())
      .toBe(1)
  }, 60_000)

  it('plans a meeting and downloads its invite', async () => {
    const form = page.getByRole('form', { name: 'Plan a meeting' })
    await form.getByLabel('Title').fill('Coffee to talk it over')
    await form.getByLabel('Starts').fill('2030-03-04T10:00')
    await form.getByLabel('Ends').fill('2030-03-04T11:00')
    await form.getByRole('checkbox', { name: contactName }).check()
    await form.getByRole('button', { name: 'Plan the meeting' }).click()
    const link = form.getByRole('link', { name: 'Download the invite (.ics)' })
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    const lines = parseIcs(readFileSync((await download.path()) ?? '', 'utf8'))
    const get = (name: string) => lines.find((line) => line.name === name)?.value
    expect([get('METHOD'), get('SEQUENCE'), get('SUMMARY')]).toEqual([
      'REQUEST',
      '0',
      'Coffee to talk it over',
    ])
    await expect
      .poll(() => page.getByRole('list', { name: 'Meetings' }).getByRole('listitem').count())
      .toBe(1)
    await saveScreenshot(page, 'customer-letters')
  }, 60_000)
})
