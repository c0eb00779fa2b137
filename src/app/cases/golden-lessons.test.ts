import { expect, it } from 'vitest'
import type { Store } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  addLostDeal,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from './__fixtures__/case-world.js'
import { goldenLessons } from './golden-lessons.js'
import { updateCase } from './move-case.js'
import { openCase } from './open-case.js'

const targets = await caseDialects()

async function lossWith(
  store: Store,
  world: CaseWorld,
  loss: { reasons: string[]; revenueMinor: number; lostSince: string; territory: string },
): Promise<void> {
  const customerId = await addCustomer(store, world, {
    ownerId: Number(world.repOld.id),
    territory: loss.territory,
    segment: 'Enterprise',
    lostSince: loss.lostSince,
    revenueMinor: loss.revenueMinor,
  })
  const vp = await actorOf(store, world.vp)
  const opened = await openCase(store, vp, {
    subject: { kind: 'customer', customerId },
    today: TODAY,
  })
  await updateCase(store, vp, {
    caseId: opened.id,
    expectedVersion: 1,
    finding: { reasons: loss.reasons },
    today: TODAY,
  })
}

describeWorld('golden lessons', targets, (current) => {
  it('ranks reasons by count and by lost revenue, with trend and breakdowns, splitting a loss between its reasons', async () => {
    const { store, world } = current()
    await lossWith(store, world, {
      reasons: ['price'],
      revenueMinor: 100_000,
      lostSince: '2024-01-15',
      territory: 'North',
    })
    await lossWith(store, world, {
      reasons: ['price', 'delivery'],
      revenueMinor: 60_000,
      lostSince: '2024-04-10',
      territory: 'South',
    })
    await lossWith(store, world, {
      reasons: ['delivery'],
      revenueMinor: 10_000,
      lostSince: '2024-02-01',
      territory: 'North',
    })
    const dealCustomer = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      status: 'active',
      territory: 'North',
      segment: 'Enterprise',
    })
    await addLostDeal(store, {
      customerId: dealCustomer,
      lostReason: 'too expensive',
      closedOn: '2024-05-01',
      ownerId: Number(world.repNew.id),
      valueMinor: 5_000,
    })
    // a lost customer nobody has interviewed yet
    await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
    const lessons = await goldenLessons(store, await actorOf(store, world.repOld), {
      period: 'quarter',
    })
    expect(lessons.lossesWithReason).toBe(4)
    expect(lessons.lostCustomersWithoutReason).toBe(1)
    expect(lessons.byCount.map((row) => [row.code, row.count])).toEqual([
      ['price', 3],
      ['delivery', 2],
    ])
    expect(lessons.byCount[0]?.countShare).toBeCloseTo(3 / 5)
    expect(lessons.byCount[1]?.cumulativeCountShare).toBeCloseTo(1)
    // price: 100,000 + half of 60,000 + the 5,000 deal; delivery: the other half + 10,000
    expect(lessons.byRevenue.map((row) => [row.code, row.revenueMinor])).toEqual([
      ['price', 135_000],
      ['delivery', 40_000],
    ])
    expect(lessons.byRevenue[0]?.revenueShare).toBeCloseTo(135 / 175)
    expect(lessons.byRevenue[0]?.label).toBe('Price')
    expect(lessons.byRevenue[0]?.fixable).toBe(true)
    expect(lessons.trend).toEqual(
      expect.arrayContaining([
        { group: '2024-Q1', code: 'price', count: 1, revenueMinor: 100_000 },
        { group: '2024-Q1', code: 'delivery', count: 1, revenueMinor: 10_000 },
        { group: '2024-Q2', code: 'price', count: 2, revenueMinor: 35_000 },
        { group: '2024-Q2', code: 'delivery', count: 1, revenueMinor: 30_000 },
      ]),
    )
    expect(lessons.byTerritory.filter((row) => row.group === 'South')).toEqual([
      { group: 'South', code: 'delivery', count: 1, revenueMinor: 30_000 },
      { group: 'South', code: 'price', count: 1, revenueMinor: 30_000 },
    ])
    expect(lessons.byRep.find((row) => row.group === 'rep-new')).toEqual({
      group: 'rep-new',
      code: 'price',
      count: 1,
      revenueMinor: 5_000,
    })
    const window = await goldenLessons(store, await actorOf(store, world.vp), {
      from: '2024-04-01',
      to: '2024-06-30',
    })
    expect(window.lossesWithReason).toBe(2)
  })
})
