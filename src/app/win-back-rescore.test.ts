import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import type { Store } from '../store/index.js'
import {
  actorOf,
  addCustomer,
  addLostDeal,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from './cases/__fixtures__/case-world.js'
import { moveCase } from './cases/move-case.js'
import { recordNewDecisionMaker } from './cases/new-decision-maker.js'
import { openCase } from './cases/open-case.js'
import { recordFix } from './cases/record-fix.js'
import { listLost } from './list-lost.js'
import { listLostAs } from './lost-list-as.js'

const targets = await caseDialects()

async function lostFor(store: Store, world: CaseWorld, segment: string, reason: string) {
  const customerId = await addCustomer(store, world, {
    ownerId: Number(world.repOld.id),
    segment,
    revenueMinor: 120_000,
  })
  // a value to win back, so the expected value moves with the probability
  await store.db
    .updateTable('customer_scores')
    .set({ value_if_won_back_minor: 100_000, expected_value_minor: 30_000 })
    .where('customer_id', '=', customerId)
    .execute()
  const vp = await actorOf(store, world.vp)
  const opened = await openCase(store, vp, {
    subject: { kind: 'customer', customerId },
    today: TODAY,
  })
  await moveCase(store, vp, {
    caseId: opened.id,
    expectedVersion: 1,
    to: 'not_compatible',
    endingNote: 'not now',
    finding: { reasons: [reason] },
    today: TODAY,
  })
  return customerId
}

async function scoreOf(store: Store, world: CaseWorld, customerId: string) {
  return store.db
    .selectFrom('customer_scores')
    .select(['win_back_probability', 'expected_value_minor', 'explanation'])
    .where('run_id', '=', world.runId)
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow()
}

describeWorld('a fix or a new decision maker rescores at once', targets, (current) => {
  it('raises P(win back) and expected value of the losses a fix covers, says why, and no others', async () => {
    const { store, world } = current()
    const segment = `Seg-${randomBytes(3).toString('hex')}`
    const price = await lostFor(store, world, segment, 'price')
    const delivery = await lostFor(store, world, segment, 'delivery')
    const vp = await actorOf(store, world.vp)
    const before = await listLostAs(store, vp.actor, { segment, kind: 'customer' })
    const beforePrice = before.items.find((item) => item.id === price)
    expect(beforePrice?.winBackProbability).toBe(0.3)
    const { resurfaced } = await recordFix(store, vp, {
      reasonCode: 'price',
      fixedOn: '2024-06-01',
      note: 'prices are now competitive',
      today: TODAY,
    })
    expect(resurfaced.map((item) => item.customerId)).toContain(price)
    const raised = await scoreOf(store, world, price)
    // the prior with a failed attempt, a price leaver whose reason is now fixed: above 30 %
    expect(Number(raised.win_back_probability)).toBeGreaterThan(0.3)
    expect(Number(raised.expected_value_minor)).toBeGreaterThan(30_000)
    expect(raised.explanation).toMatch(/price leaver whose reason is now fixed \(\+\d+ pts\)/)
    expect(raised.explanation).toMatch(/1 failed attempt \(−\d+ pts\)/)
    const untouched = await scoreOf(store, world, delivery)
    expect(Number(untouched.win_back_probability)).toBe(0.3)
    // the cached page is not served again: the rows show the new figures at once
    const first = await listLostAs(store, vp.actor, { segment, kind: 'customer' })
    const firstPrice = first.items.find((item) => item.id === price)
    expect(firstPrice?.winBackProbability).toBeCloseTo(Number(raised.win_back_probability), 12)
    // the order follows once the run summary of the new data version is summed (the first
    // request may be answered from the last summary while it is)
    const after = await listLostAs(store, vp.actor, { segment, kind: 'customer' })
    expect(after.items[0]?.id).toBe(price)
    // the rows say why they were lost and whether a fix covers it (issue 5 part 7)
    const reasonsOf = (id: string) => after.items.find((item) => item.id === id)
    expect(reasonsOf(price)).toMatchObject({ reasons: ['price'], reasonFixed: true })
    expect(reasonsOf(delivery)).toMatchObject({ reasons: ['delivery'], reasonFixed: false })
    const cli = (await listLost(store)).rows
    expect(cli.find((row) => row.id === price)).toMatchObject({
      reasons: ['price'],
      reasonFixed: true,
    })
    expect(cli.find((row) => row.id === delivery)).toMatchObject({ reasonFixed: false })
  })

  it("marks a lost deal's imported reason fixed through the mapping, the reason filter unchanged", async () => {
    const { store, world } = current()
    const segment = `Seg-${randomBytes(3).toString('hex')}`
    const customerId = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      segment,
      status: 'active',
    })
    const dealId = await addLostDeal(store, {
      customerId,
      lostReason: 'Too expensive!',
      closedOn: '2024-03-01',
      ownerId: Number(world.repOld.id),
    })
    await store.db
      .insertInto('deal_scores')
      .values({
        run_id: world.runId,
        deal_id: dealId,
        customer_id: customerId,
        value_if_won_back_minor: 50_000,
        win_back_probability: 0.1,
        expected_value_minor: 5000,
        explanation: 'lost deal; a failed sale; worth about $500 if won back',
      })
      .execute()
    const vp = await actorOf(store, world.vp)
    const query = { segment, kind: 'deal', reason: 'Too expensive!' } as const
    // the first answer may come from the last run summary while the new one is summed
    await listLostAs(store, vp.actor, query)
    const page = await listLostAs(store, vp.actor, query)
    expect(page.items.map((item) => item.id)).toEqual([String(dealId)])
    // a price fix dated after the deal was lost covers it (the fix of the first test, 2024-06-01)
    expect(page.items[0]).toMatchObject({ reasons: ['price'], reasonFixed: true })
  })

  it('raises a lost account and its earlier lost deals on a new decision maker', async () => {
    const { store, world } = current()
    const segment = `Seg-${randomBytes(3).toString('hex')}`
    const customerId = await lostFor(store, world, segment, 'rep_relationship')
    const dealId = await addLostDeal(store, {
      customerId,
      lostReason: 'went with another supplier',
      closedOn: '2024-02-01',
      ownerId: Number(world.repOld.id),
    })
    await store.db
      .insertInto('deal_scores')
      .values({
        run_id: world.runId,
        deal_id: dealId,
        customer_id: customerId,
        value_if_won_back_minor: 50_000,
        win_back_probability: 0.1,
        expected_value_minor: 5000,
        explanation: 'lost deal; a failed sale; worth about $500 if won back',
      })
      .execute()
    const rep = await actorOf(store, world.repOld)
    await recordNewDecisionMaker(store, rep, { customerId, changedOn: '2024-04-02', today: TODAY })
    const account = await scoreOf(store, world, customerId)
    // a relationship leaver with a failed attempt stays below the 30 % prior, but the new
    // decision maker lifts them by several points, and the explanation says so
    const lift = /a new decision maker \(\+(\d+) pts\)/.exec(account.explanation)
    expect(Number(lift?.[1])).toBeGreaterThanOrEqual(5)
    expect(account.explanation).toMatch(/left over the relationship with the rep \(−\d+ pts\)/)
    const deal = await store.db
      .selectFrom('deal_scores')
      .select(['win_back_probability', 'explanation'])
      .where('deal_id', '=', dealId)
      .executeTakeFirstOrThrow()
    expect(Number(deal.win_back_probability)).toBeGreaterThan(0.1)
    expect(deal.explanation).toMatch(
      /^lost deal; a failed sale; worth about \$500 if won back; \d+ % chance to win back .*a new decision maker/,
    )
  })
})
