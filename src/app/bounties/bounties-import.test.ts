import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { makeGoodDb, type Store } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  caseDialects,
  describeWorld,
  TODAY,
} from '../cases/__fixtures__/case-world.js'
import { openCase } from '../cases/open-case.js'
import { importFile } from '../import-file.js'
import { afterOrdersImported } from './accrue-earnings.js'
import { addBountyRule } from './bounty-rules.js'

const targets = await caseDialects()
const dir = mkdtempSync(join(tmpdir(), 'comeback-bounty-imports-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Writes an orders file; `extra` makes each file's bytes (and so its hash) its own. */
function ordersFile(name: string, lines: readonly string[]): string {
  const path = join(dir, name)
  writeFileSync(path, `order_id,customer_id,ordered_on,amount,status\n${lines.join('\n')}\n`)
  return path
}

async function earningsOf(store: Store, caseId: number) {
  return makeGoodDb(store)
    .selectFrom('earnings')
    .selectAll()
    .where('case_id', '=', caseId)
    .execute()
}

describeWorld('bounties from imported orders (TESTPLAN T7)', targets, (current, target) => {
  it('credits each order × rule × person once when 5 imports of the same orders run at once, and reverses a refund once', async () => {
    const { store, world } = current()
    await store.db
      .updateTable('users')
      .set({ base_commission_rate: 0.1 })
      .where('id', 'in', [world.managerNorth.id, world.repOld.id])
      .execute()
    await addBountyRule(store, await actorOf(store, world.admin), {
      name: 'Double for a year',
      fixedMinor: 20_000,
      multiplier: 2,
      months: 12,
      managerShare: 0.5,
      effectiveFrom: '2024-01-01',
    })
    const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
    const opened = await openCase(store, await actorOf(store, world.managerNorth), {
      subject: { kind: 'customer', customerId },
      repIds: [Number(world.repOld.id)],
      today: TODAY,
    })
    await store.db
      .updateTable('cases')
      .set({ stage: 'won_back', ended_on: '2024-07-01' })
      .where('id', '=', opened.id)
      .execute()
    const orders = [
      `W1,${customerId},2024-07-10,1000.00,placed`,
      `W2,${customerId},2024-08-10,500.00,placed`,
    ]
    const extra =
      target.name === 'SQLite'
        ? []
        : await Promise.all(Array.from({ length: 5 }, () => target.open()))
    const stores = extra.length === 0 ? Array.from({ length: 5 }, () => store) : extra
    try {
      const runs = await Promise.allSettled(
        stores.map(async (one, index) => {
          const path = ordersFile(`same-${target.name}-${index}.csv`, [
            ...orders,
            `F${index},${customerId},2024-05-0${index + 1},1.00,placed`,
          ])
          await importFile(one, { kind: 'orders', path, actor: 'test', currency: 'USD' })
          return afterOrdersImported(one)
        }),
      )
      // an import may lose a race on the same keys; every accrual that ran booked each order once
      expect(runs.some((run) => run.status === 'fulfilled')).toBe(true)
      const rows = await earningsOf(store, opened.id)
      // per person: half of $200 + 10 % × half of $1,000 and of $500
      expect(rows).toHaveLength(6)
      expect(rows.reduce((sum, row) => sum + Number(row.amount_minor), 0)).toBe(
        2 * (10_000 + 5_000 + 2_500),
      )
      const refund = ordersFile(`refund-${target.name}.csv`, [
        `W2,${customerId},2024-08-10,500.00,refunded`,
      ])
      await Promise.all(
        stores.slice(0, 3).map(async (one, index) => {
          if (index === 0) {
            await importFile(one, { kind: 'orders', path: refund, actor: 'test', currency: 'USD' })
          }
          return afterOrdersImported(one)
        }),
      )
    } finally {
      await Promise.all(extra.map((opened) => opened.close()))
    }
    await afterOrdersImported(store)
    const after = await earningsOf(store, opened.id)
    expect(
      after.filter((row) => row.entry === 'reversal').map((row) => Number(row.amount_minor)),
    ).toEqual([-2_500, -2_500])
    expect(after.reduce((sum, row) => sum + Number(row.amount_minor), 0)).toBe(2 * (10_000 + 5_000))
    // a refund that comes as its own negative row is a negative earning of its own
    const negative = ordersFile(`negative-${target.name}.csv`, [
      `W3,${customerId},2024-09-01,-200.00,`,
    ])
    await importFile(store, { kind: 'orders', path: negative, actor: 'test', currency: 'USD' })
    // the orders import books the earnings itself; running the hook again books nothing more
    expect(await earningsOf(store, opened.id)).toHaveLength(after.length + 2)
    await afterOrdersImported(store)
    await afterOrdersImported(store)
    const last = await earningsOf(store, opened.id)
    expect(last).toHaveLength(after.length + 2)
    expect(last.reduce((sum, row) => sum + Number(row.amount_minor), 0)).toBe(
      2 * (10_000 + 5_000 - 1_000),
    )
  })
})
