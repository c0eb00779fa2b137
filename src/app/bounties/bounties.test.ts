import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { ForbiddenError } from '../../domain/errors.js'
import { insertOrders, isUniqueViolation, makeGoodDb, type Store } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from '../cases/__fixtures__/case-world.js'
import { openCase } from '../cases/open-case.js'
import { accrueEarnings, afterOrdersImported } from './accrue-earnings.js'
import { bountyLeaderboard, bountyLedger, statementCsv } from './bounty-ledger.js'
import { addBountyRule, changeBountyRule } from './bounty-rules.js'

const targets = await caseDialects()
const WON_ON = '2024-07-01'

/** A case won back on WON_ON, owned by manager North and worked by rep Old; returns its customer. */
async function wonCase(
  store: Store,
  world: CaseWorld,
): Promise<{ caseId: number; customerId: string }> {
  const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
  const opened = await openCase(store, await actorOf(store, world.managerNorth), {
    subject: { kind: 'customer', customerId },
    repIds: [Number(world.repOld.id)],
    today: TODAY,
  })
  // the stage walk to Won back is the case workflow's own business (tested there)
  await store.db
    .updateTable('cases')
    .set({ stage: 'won_back', ended_on: WON_ON })
    .where('id', '=', opened.id)
    .execute()
  return { caseId: opened.id, customerId }
}

async function addOrders(
  store: Store,
  customerId: string,
  orders: [string, number][],
): Promise<void> {
  await insertOrders(
    store,
    orders.map(([on, amount]) => ({
      order_key: `o-${randomBytes(5).toString('hex')}`,
      customer_id: customerId,
      ordered_on: on,
      amount_minor: amount,
      currency: 'USD',
      status: 'placed' as const,
    })),
  )
}

async function caseEarnings(store: Store, caseId: number) {
  return makeGoodDb(store)
    .selectFrom('earnings')
    .selectAll()
    .where('case_id', '=', caseId)
    .execute()
}

const sum = (rows: { amount_minor: number }[]) =>
  rows.reduce((total, row) => total + Number(row.amount_minor), 0)

describeWorld('pay for victories', targets, (current, target) => {
  it('lets only an admin set bounty rules, and refuses a stale change', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    await expect(addBountyRule(store, manager, { name: 'Mine', fixedMinor: 1 })).rejects.toThrow(
      ForbiddenError,
    )
    const admin = await actorOf(store, world.admin)
    const rule = await addBountyRule(store, admin, {
      name: 'Dormant',
      fixedMinor: 1,
      active: false,
    })
    const changed = await changeBountyRule(store, admin, {
      id: rule.id,
      expectedVersion: 1,
      fields: { months: 6 },
    })
    expect(changed).toMatchObject({ months: 6, version: 2, active: false })
    await expect(
      changeBountyRule(store, admin, { id: rule.id, expectedVersion: 1, fields: { months: 9 } }),
    ).rejects.toThrow('changed since')
  })

  it('credits each order × rule × person once under 5 concurrent accruals, then reverses a refund once (TESTPLAN T7)', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    await store.db
      .updateTable('users')
      .set({ base_commission_rate: 0.05 })
      .where('id', 'in', [world.managerNorth.id, world.repOld.id])
      .execute()
    const rule = await addBountyRule(store, admin, {
      name: `Double for three months ${randomBytes(2).toString('hex')}`,
      fixedMinor: 10_000,
      multiplier: 2,
      months: 3,
      managerShare: 0.5,
      effectiveFrom: '2024-01-01',
    })
    const { caseId, customerId } = await wonCase(store, world)
    // before the win, two inside the three months, one after them
    await addOrders(store, customerId, [
      ['2024-06-15', 50_000],
      ['2024-07-10', 100_000],
      ['2024-08-10', 200_000],
      ['2024-11-15', 80_000],
    ])
    const extra =
      target.name === 'SQLite'
        ? []
        : await Promise.all(Array.from({ length: 5 }, () => target.open()))
    const stores = extra.length === 0 ? [store, store, store, store, store] : extra
    try {
      const results = await Promise.all(stores.map((one) => accrueEarnings(one)))
      expect(results.reduce((total, result) => total + result.credited, 0)).toBe(6)
      const rows = (await caseEarnings(store, caseId)).filter(
        (row) => Number(row.rule_id) === rule.id,
      )
      // per person: the fixed half (5,000) + (2 − 1) × 5 % × half of 100,000 and of 200,000
      expect(rows).toHaveLength(6)
      expect(sum(rows)).toBe(2 * (5_000 + 2_500 + 5_000))
      expect(new Set(rows.map((row) => `${row.user_id}:${row.order_id}:${row.kind}`)).size).toBe(6)
      // an order credited and later refunded: a negative earning, exactly once, however many run
      await store.db
        .updateTable('orders')
        .set({ status: 'refunded' })
        .where('customer_id', '=', customerId)
        .where('ordered_on', '=', '2024-08-10')
        .execute()
      const again = await Promise.all(stores.map((one) => accrueEarnings(one)))
      expect(again.reduce((total, result) => total + result.reversed, 0)).toBe(2)
      expect(again.reduce((total, result) => total + result.credited, 0)).toBe(0)
    } finally {
      await Promise.all(extra.map((opened) => opened.close()))
    }
    const after = (await caseEarnings(store, caseId)).filter(
      (row) => Number(row.rule_id) === rule.id,
    )
    expect(
      after.filter((row) => row.entry === 'reversal').map((row) => Number(row.amount_minor)),
    ).toEqual([-5_000, -5_000])
    expect(sum(after)).toBe(2 * (5_000 + 2_500))
    expect((await afterOrdersImported(store))?.credited).toBe(0)
    expect(sum(await caseEarnings(store, caseId))).toBe(sum(after))
    await changeBountyRule(store, admin, {
      id: rule.id,
      expectedVersion: rule.version,
      fields: { active: false },
    })
  })

  it('has a database unique key on rule × person × order', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    const rule = await addBountyRule(store, admin, {
      name: 'Key test',
      fixedMinor: 100,
      active: false,
    })
    const { caseId, customerId } = await wonCase(store, world)
    const row = {
      rule_id: rule.id,
      user_id: Number(world.repOld.id),
      case_id: caseId,
      customer_id: customerId,
      order_id: 424242,
      kind: 'multiplier',
      entry: 'credit',
      amount_minor: 1,
      currency: 'USD',
      created_at: new Date().toISOString(),
    }
    await makeGoodDb(store)
      .insertInto('earnings')
      .values({ ...row, once_key: 'a' })
      .execute()
    const second = makeGoodDb(store)
      .insertInto('earnings')
      .values({ ...row, once_key: 'b' })
      .execute()
    await expect(second).rejects.toSatisfy(isUniqueViolation)
  })

  it('caps what one person earns from one case', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    const rule = await addBountyRule(store, admin, {
      name: 'Capped fixed',
      fixedMinor: 100_000,
      capMinor: 20_000,
      managerShare: 0.5,
      effectiveFrom: '2024-01-01',
    })
    const { caseId, customerId } = await wonCase(store, world)
    await addOrders(store, customerId, [['2024-07-05', 1_000]])
    await accrueEarnings(store)
    const rows = (await caseEarnings(store, caseId)).filter(
      (row) => Number(row.rule_id) === rule.id,
    )
    expect(rows.map((row) => Number(row.amount_minor))).toEqual([20_000, 20_000])
    await changeBountyRule(store, admin, {
      id: rule.id,
      expectedVersion: rule.version,
      fields: { active: false },
    })
  })

  it('shows each person their own ledger, managers their team, and everyone the leaderboard', async () => {
    const { store, world } = current()
    const rep = await actorOf(store, world.repOld)
    const own = await bountyLedger(store, rep)
    expect(own.items.length).toBeGreaterThan(0)
    expect(new Set(own.items.map((item) => item.userId))).toEqual(
      new Set([Number(world.repOld.id)]),
    )
    expect(own.totalMinor).toBe(own.people.reduce((total, person) => total + person.netMinor, 0))
    await expect(
      bountyLedger(store, rep, { userId: Number(world.managerNorth.id) }),
    ).rejects.toThrow('no ledger')
    const south = await actorOf(store, world.managerSouth)
    expect((await bountyLedger(store, south)).items).toEqual([])
    const north = await actorOf(store, world.managerNorth)
    expect((await bountyLedger(store, north)).people.length).toBe(2)
    const csv = statementCsv(own)
    expect(csv.split('\r\n')[0]).toContain('booked_at,person')
    expect(csv).toContain('total')
    const board = await bountyLeaderboard(store)
    expect(board[0]?.rank).toBe(1)
    expect(board.map((line) => line.netMinor)).toEqual(
      [...board.map((line) => line.netMinor)].sort((a, b) => b - a),
    )
  })
})
