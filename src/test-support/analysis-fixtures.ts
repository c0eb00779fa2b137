import { isoDay } from '../app/analyze-days.js'
import {
  insertContracts,
  insertCustomers,
  insertDeals,
  insertOrders,
  type NewOrder,
  type Store,
} from '../store/index.js'

/** The as-of date of the fixture company. */
export const FIXTURE_AS_OF = '2024-06-30'
const AS_OF_DAY = Date.UTC(2024, 5, 30) / 86_400_000

/** A small deterministic random source (mulberry32), so fixtures are the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function order(customerId: string, daysAgo: number, amountMinor: number, n: number): NewOrder {
  const orderedOn = isoDay(AS_OF_DAY - daysAgo)
  return {
    order_key: `k:${customerId}|${orderedOn}|${amountMinor}|${n}`,
    customer_id: customerId,
    ordered_on: orderedOn,
    amount_minor: amountMinor,
    currency: 'USD',
    status: 'placed',
  }
}

/**
 * A company with a few named customers whose status is plain to see, 60 random ones so a model can
 * be fitted, a contract customer whose contract ended unrenewed, and deals.
 */
export async function seedFixtureCompany(store: Store): Promise<void> {
  const orders: NewOrder[] = []
  const ids: string[] = []
  const add = (id: string, daysAgo: readonly number[], amountMinor = 5000) => {
    ids.push(id)
    daysAgo.forEach((days, n) => {
      orders.push(order(id, days, amountMinor, n))
    })
  }
  add(
    'C-regular',
    Array.from({ length: 24 }, (_, k) => 10 + 30 * k),
  )
  add(
    'C-gone',
    Array.from({ length: 12 }, (_, k) => 400 + 30 * k),
    20_000,
  )
  add('C-once-old', [730])
  add('C-once-new', [20])
  add('C-refund', [300, 200, 100])
  orders.push({ ...order('C-refund', 100, -5000, 9), order_key: 'k:refund' })
  orders.push({ ...order('C-refund', 50, 9999, 0), order_key: 'k:cancelled', status: 'cancelled' })
  const random = seededRandom(7)
  for (let c = 0; c < 60; c += 1) {
    // purchase gaps exponential around a customer's own mean (5 to 300 days), dropping out at random
    const meanGap = 5 * 60 ** random()
    const days: number[] = []
    let daysAgo = 100 + Math.floor(random() * 600)
    while (daysAgo >= 0 && days.length < 40) {
      days.push(daysAgo)
      if (random() < 0.15) {
        break
      }
      daysAgo -= 1 + Math.floor(-meanGap * Math.log(1 - random()))
    }
    add(`R-${String(c).padStart(3, '0')}`, days, 1000 + Math.floor(random() * 9000))
  }
  ids.push('K-contract')
  await insertCustomers(
    store,
    ids.map((id) => ({ id, name: `Customer ${id}` })),
  )
  await insertOrders(store, orders)
  await insertContracts(store, [
    {
      contract_key: 'ct-1',
      customer_id: 'K-contract',
      starts_on: '2023-01-01',
      ends_on: '2023-12-31',
      value_minor: 1_200_000,
      currency: 'USD',
      renewed: 0,
    },
  ])
  await insertDeals(store, [
    {
      deal_key: 'd-1',
      customer_id: 'C-once-new',
      name: 'Fleet renewal',
      stage: null,
      status: 'lost',
      value_minor: 100_000,
      currency: 'USD',
      recurring: 1,
      created_on: '2024-01-01',
      closed_on: '2024-03-01',
      lost_reason: 'price',
      competitor: 'Acme',
      next_choice_on: null,
      owner_id: null,
    },
  ])
}
