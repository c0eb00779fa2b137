import { expect, it } from 'vitest'
import { addDays } from '../../domain/case-dates.js'
import { type Store, setCaseReasons } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
} from '../cases/__fixtures__/case-world.js'
import { openCase } from '../cases/open-case.js'
import { loadTaxonomy } from '../cases/taxonomy.js'
import { storeRun } from './__fixtures__/keep-world.js'
import { relapsedCustomers, relapseReport } from './relapse.js'

const targets = await caseDialects()
const AS_OF = '2024-06-30'

/** A case of manager South's team, set won back on `wonOn` with one reason. */
async function wonOn(store: Store, world: CaseWorld, day: string, reason: string) {
  const customerId = await addCustomer(store, world, { ownerId: Number(world.repSouth.id) })
  const opened = await openCase(store, await actorOf(store, world.managerSouth), {
    subject: { kind: 'customer', customerId },
    repIds: [Number(world.repSouth.id)],
    today: '2024-06-30',
  })
  // the history is constructed: the stage walk is the case workflow's own business
  await store.db
    .updateTable('cases')
    .set({ stage: 'won_back', ended_on: day, opened_on: addDays(day, -30) })
    .where('id', '=', opened.id)
    .execute()
  const taxonomy = await loadTaxonomy(store)
  await setCaseReasons(store, opened.id, [taxonomy.byCode.get(reason)?.id ?? 0])
  return customerId
}

describeWorld('the re-lapse report', targets, (current) => {
  it('counts wins lost again within 12 months, the rate over closed windows, by reason and owner', async () => {
    const { store, world } = current()
    // relapsed inside its closed window; stayed; relapsed after 12 months; relapsed, window open
    const a = await wonOn(store, world, '2023-01-10', 'price')
    const b = await wonOn(store, world, '2023-02-01', 'price')
    const c = await wonOn(store, world, '2023-03-01', 'delivery')
    const d = await wonOn(store, world, '2024-03-01', 'delivery')
    await storeRun(store, '2023-09-30', [
      {
        customerId: a,
        status: 'lost',
        pAlive: 0.1,
        lastOrderOn: '2023-02-01',
        lostSince: '2023-08-01',
      },
      { customerId: b, status: 'active', pAlive: 0.9, lastOrderOn: '2023-09-01' },
      { customerId: c, status: 'active', pAlive: 0.8, lastOrderOn: '2023-09-01' },
    ])
    await storeRun(store, AS_OF, [
      {
        customerId: a,
        status: 'lost',
        pAlive: 0.05,
        lastOrderOn: '2023-02-01',
        lostSince: '2023-08-01',
      },
      { customerId: b, status: 'at_risk', pAlive: 0.6, lastOrderOn: '2024-01-01' },
      {
        customerId: c,
        status: 'lost',
        pAlive: 0.1,
        lastOrderOn: '2023-09-01',
        lostSince: '2024-04-01',
      },
      {
        customerId: d,
        status: 'lost',
        pAlive: 0.2,
        lastOrderOn: '2024-03-15',
        lostSince: '2024-06-15',
      },
    ])
    const wins = (await relapsedCustomers(store, { asOf: AS_OF })).filter((win) =>
      [a, b, c, d].includes(win.customerId),
    )
    expect(wins.map((win) => [win.customerId, win.relapsedOn, win.windowClosed])).toEqual([
      [a, '2023-08-01', true],
      [b, null, true],
      [c, null, true],
      [d, '2024-06-15', false],
    ])
    const report = await relapseReport(store, await actorOf(store, world.managerSouth), {
      asOf: AS_OF,
    })
    expect(report.total).toEqual({
      key: 'all',
      wins: 4,
      relapsed: 2,
      closedWins: 3,
      closedRelapsed: 1,
      rate: 1 / 3,
    })
    expect(report.byReason.map((row) => [row.key, row.wins, row.relapsed, row.rate])).toEqual([
      ['delivery', 2, 1, 0],
      ['price', 2, 1, 0.5],
    ])
    expect(report.byOwner.map((row) => row.key)).toEqual([String(world.managerSouth.id)])
    // manager North's team has none of these wins
    const north = await relapseReport(store, await actorOf(store, world.managerNorth), {
      asOf: AS_OF,
    })
    expect(north.total.wins).toBe(0)
  })
})
