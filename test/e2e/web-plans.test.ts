import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listUsers, openCase } from '../../src/app/index.js'
import type { Role } from '../../src/domain/access-policy.js'
import { auditTrail } from '../../src/store/index.js'
import {
  browserSkipReason,
  launchChromium,
  saveScreenshot,
  watchForXss,
} from '../../src/test-support/browser.js'
import { pdfText } from '../../src/test-support/poppler.js'
import { findCaseCast } from './web-cases-fixture.js'
import { signInOnPage, startWebFixture, type WebFixture } from './web-fixture.js'

const skipReason = browserSkipReason()
if (skipReason !== null) {
  console.warn(`skipping the written-plan browser e2e: ${skipReason}`)
}

const today = () => new Date().toISOString().slice(0, 10)
const OURS = 'Weekly delivery report for three months'
const THEIRS = 'One named contact for orders'
const THEIR_SIGNER = 'Αλεξάνδρα Παπαδοπούλου'
const FIX = 'Deliveries on Tuesdays, each one tracked'

describe.skipIf(skipReason !== null)('the written plan in Chromium', () => {
  let fixture: WebFixture
  let browser: Browser
  let caseId = 0
  let managerName = ''
  const contexts: BrowserContext[] = []
  const pages = new Map<Role, Page>()

  beforeAll(async () => {
    ;[fixture, browser] = await Promise.all([startWebFixture(), launchChromium()])
    const cast = await findCaseCast(fixture.store, fixture.people.manager.email, today())
    const users = await listUsers(fixture.store, { activeOnly: true })
    const idOf = (email: string) => Number(users.find((user) => user.email === email)?.id)
    const admin = idOf(fixture.people.admin.email)
    managerName = fixture.people.manager.name
    // the case the manager owns, worked by the rep who signs in (so the rep's to-do list gets ours)
    const opened = await openCase(
      fixture.store,
      {
        actor: { userId: admin, role: 'admin', teamUserIds: new Set([admin]) },
        audit: { actorUserId: admin, via: 'api', requestId: null },
      },
      {
        subject: { kind: 'customer', customerId: cast.subjects[1]?.customerId ?? '' },
        ownerId: idOf(fixture.people.manager.email),
        repIds: [idOf(fixture.people.rep.email), cast.helperRep.id],
      },
    )
    caseId = opened.id
  }, 180_000)

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()))
    await browser?.close()
    await fixture?.close()
  })

  async function as(role: Role): Promise<Page> {
    const known = pages.get(role)
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
    pages.set(role, page)
    return page
  }

  const planOf = (page: Page) => page.getByRole('region', { name: 'Plan', exact: true })
  const conditions = (page: Page) => planOf(page).getByRole('list', { name: 'Plan conditions' })

  async function addCondition(
    page: Page,
    condition: {
      text: string
      side: 'Us' | 'The customer'
      owner?: string
      contact?: string
      due: string
    },
  ): Promise<void> {
    const form = planOf(page).getByRole('form', { name: 'Add a condition' })
    await form.getByLabel('Condition').fill(condition.text)
    await form.getByLabel('Owed by').selectOption({ label: condition.side })
    if (condition.owner !== undefined) {
      await form.getByLabel('Our owner').selectOption({ label: condition.owner })
    }
    if (condition.contact !== undefined) {
      await form.getByLabel('Their contact').fill(condition.contact)
    }
    await form.getByLabel('Due').fill(condition.due)
    await form.getByRole('button', { name: 'Add condition' }).click()
    await conditions(page).getByText(condition.text, { exact: true }).waitFor()
  }

  it('a manager writes a plan with a condition for each side, records an extra and agrees it', async () => {
    const page = await as('manager')
    const watch = watchForXss(page)
    await page.goto(`/cases/${caseId}`)
    await planOf(page).getByText('No plan yet').waitFor()
    const start = planOf(page).getByRole('form', { name: 'Start the plan' })
    await start.getByLabel('The fix (what we will do)').fill(FIX)
    await start.getByRole('button', { name: 'Start the plan' }).click()
    await planOf(page).getByRole('form', { name: 'The fix' }).waitFor()
    // ours is already overdue, so it is flagged on the rep's list
    await addCondition(page, {
      text: OURS,
      side: 'Us',
      owner: fixture.people.rep.name,
      due: '2024-01-31',
    })
    await addCondition(page, {
      text: THEIRS,
      side: 'The customer',
      contact: THEIR_SIGNER,
      due: '2099-03-31',
    })
    const extra = planOf(page).getByRole('form', { name: 'Add an extra' })
    await extra.getByLabel('Extra').fill('A free on-site training day')
    await extra.getByRole('button', { name: 'Add extra' }).click()
    await planOf(page)
      .getByRole('list', { name: 'Plan extras' })
      .getByText('A free on-site training day')
      .waitFor()
    const agree = planOf(page).getByRole('form', { name: 'Agree the plan' })
    await agree.getByLabel('Their signer').fill(THEIR_SIGNER)
    await agree.getByRole('button', { name: 'Agree the plan' }).click()
    await planOf(page).getByText(`by ${managerName} and ${THEIR_SIGNER}`).waitFor()
    expect(await planOf(page).locator('[data-plan-status]').getAttribute('data-plan-status')).toBe(
      'agreed',
    )
    await saveScreenshot(page, '60-plan-agreed')
    expect(watch.pageErrors).toEqual([])
  }, 120_000)

  it('the rep sees our overdue condition on their to-do list and marks it done there', async () => {
    const page = await as('rep')
    await page.goto('/todo')
    const tasks = page.getByRole('list', { name: 'My tasks' })
    const line = tasks.locator('li', { hasText: `Plan: ${OURS}` })
    await line.waitFor()
    expect(await line.textContent()).toContain('overdue')
    await line.getByRole('button', { name: `Mark “Plan: ${OURS}” done` }).click()
    await expect.poll(() => tasks.locator('li', { hasText: `Plan: ${OURS}` }).count()).toBe(0)
    await page.goto(`/cases/${caseId}`)
    const ours = conditions(page).locator('li', { hasText: OURS })
    await expect.poll(() => ours.getAttribute('data-condition-status')).toBe('done')
  }, 120_000)

  it('the manager marks theirs done, the plan shows every condition done, and the agreement PDF names both parties', async () => {
    const page = await as('manager')
    await page.goto(`/cases/${caseId}`)
    const theirs = conditions(page).locator('li', { hasText: THEIRS })
    await theirs.getByRole('button', { name: `Mark “${THEIRS}” done` }).click()
    await planOf(page).getByText('Every condition is done.').waitFor()
    expect(await theirs.getAttribute('data-condition-status')).toBe('done')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      planOf(page).getByRole('link', { name: 'Download the agreement (A4 PDF)' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`plan-case-${caseId}.pdf`)
    const text = pdfText(readFileSync((await download.path()) ?? '')).replace(/\s+/g, ' ')
    expect(text).toContain(managerName)
    expect(text).toContain(THEIR_SIGNER)
    expect(text).toContain(OURS)
    expect(text).toContain(THEIRS)
    expect(text).toContain(FIX)
    await saveScreenshot(page, '61-plan-all-done')
    // one completion each: the rep's through the task, the manager's on the plan
    const rows = await fixture.store.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('object_type', '=', 'plan_condition')
      .where('action', '=', 'complete')
      .execute()
    expect(rows).toHaveLength(2)
    expect(await auditTrail(fixture.store, 'case', String(caseId))).not.toHaveLength(0)
  }, 120_000)
})
