import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { insertCustomers, insertOrders, insertWinBackAttempts } from '../queries/bulk-insert.js'
import { listCustomers } from '../queries/customers.js'
import { stats } from '../queries/stats.js'
import type { Store } from '../store.js'
import { orderFor, type StoreGetter, uniqueKey } from './fixtures.js'

/** Money as exact integer minor units, bulk inserts and the store's counts. */
export function describeMoneyContract(current: StoreGetter): void {
  describe('money, bulk inserts and counts', () => {
    it('stores amounts as exact integer minor units, including 9e12, negatives and 2^53 − 1', () =>
      checkMoneyExtremes(current()))
    it('round-trips any safe integer amount, and sums them exactly', () =>
      checkMoneyProperty(current()))
    it('bulk inserts more rows than fit in one statement, all or nothing', () =>
      checkBulkInsert(current()))
  })
}

async function readAmounts(store: Store, customerId: string): Promise<number[]> {
  const rows = await store.db
    .selectFrom('visible_orders')
    .select('amount_minor')
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute()
  return rows.map((row) => row.amount_minor)
}

async function checkMoneyExtremes(store: Store): Promise<void> {
  const customerId = uniqueKey('money')
  await insertCustomers(store, [{ id: customerId }])
  const amounts = [
    0,
    1,
    -1,
    -123_456,
    9e12,
    -9e12,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
  ]
  await insertOrders(
    store,
    amounts.map((amount) => orderFor(customerId, '2024-01-01', amount)),
  )
  const stored = await readAmounts(store, customerId)
  expect(stored).toEqual(amounts)
  for (const amount of stored) {
    expect(Number.isSafeInteger(amount)).toBe(true)
  }
}

async function checkMoneyProperty(store: Store): Promise<void> {
  // bounded so a customer's sum stays a safe integer too
  const amount = fc.integer({ min: -(2 ** 45), max: 2 ** 45 })
  await fc.assert(
    fc.asyncProperty(fc.array(amount, { minLength: 1, maxLength: 40 }), async (amounts) => {
      const customerId = uniqueKey('prop')
      await insertCustomers(store, [{ id: customerId, segment: customerId }])
      await insertOrders(
        store,
        amounts.map((value) => orderFor(customerId, '2024-01-01', value)),
      )
      expect(await readAmounts(store, customerId)).toEqual(amounts)
      const page = await listCustomers(store, { segment: customerId })
      expect(page.rows[0]?.revenue_minor).toBe(amounts.reduce((sum, value) => sum + value, 0))
    }),
    { numRuns: 15 },
  )
}

async function checkBulkInsert(store: Store): Promise<void> {
  const before = await stats(store)
  const segment = uniqueKey('bulk')
  const customers = Array.from({ length: 2_500 }, (_, index) => ({
    id: `${segment}c${index}`,
    segment,
  }))
  await insertCustomers(store, customers)
  const orders = customers.flatMap((customer, index) => [
    orderFor(customer.id, '2023-05-01', index),
    orderFor(customer.id, '2024-05-01', index + 1),
  ])
  expect(await insertOrders(store, orders)).toBe(5_000)
  await insertWinBackAttempts(store, [
    { customer_id: `${segment}c0`, started_on: '2024-01-01', outcome: 'won_back' },
  ])
  const middle = await stats(store)
  expect(middle.customers - before.customers).toBe(2_500)
  expect(middle.orders - before.orders).toBe(5_000)
  // one bad row in the last chunk rolls back the earlier chunks of the same call
  const more = Array.from({ length: 4_999 }, (_, index) =>
    orderFor(`${segment}c${index % 2_500}`, '2024-06-01', 1),
  )
  await expect(
    insertOrders(store, [...more, orderFor(uniqueKey('ghost'), '2024-06-01', 1)]),
  ).rejects.toThrow()
  expect((await stats(store)).orders).toBe(middle.orders)
  expect(await insertOrders(store, [])).toBe(0)
}
