import { describe, expect, it } from 'vitest'
import {
  insertContacts,
  insertCustomers,
  insertDeals,
  insertOrders,
} from '../queries/bulk-insert.js'
import { getCustomer } from '../queries/customer-detail.js'
import { type CustomerListOptions, listCustomers } from '../queries/customers.js'
import { createUser } from '../queries/users.js'
import type { Store } from '../store.js'
import { insertImport, orderFor, type StoreGetter, uniqueKey } from './fixtures.js'

/** The customer list and the customer page. */
export function describeCustomersContract(current: StoreGetter): void {
  describe('customers', () => {
    it('pages by cursor through every matching customer exactly once, in name order then id', () =>
      checkCursorPaging(current()))
    it('pages by offset in descending order, the reverse of ascending', () =>
      checkOffsetPaging(current()))
    it('filters by segment, territory, owner and a case-insensitive search, and counts all matches', () =>
      checkFilters(current()))
    it('summarises each listed customer’s placed orders only', () => checkListSummaries(current()))
    it('rejects a malformed cursor, a cursor with an offset, and a limit out of range', () =>
      checkBadPaging(current()))
    it('shows one customer with owner, orders, contacts and deals, and hides a running import’s', () =>
      checkCustomerDetail(current()))
  })
}

/** Seven customers in a fresh segment: five named (two share a name), two unnamed. */
async function seedSegment(store: Store): Promise<{ segment: string; ids: string[] }> {
  const segment = uniqueKey('seg')
  const names = ['delta', 'alpha', null, 'charlie', 'alpha', null, 'bravo']
  const rows = names.map((name, index) => ({ id: `${segment}c${index}`, name, segment }))
  await insertCustomers(store, rows)
  // the order the list must give: name with null as '', then id
  const ids = [...rows]
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.id.localeCompare(b.id))
    .map((row) => row.id)
  return { segment, ids }
}

async function collectPages(store: Store, options: CustomerListOptions): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const page = await listCustomers(store, cursor === null ? options : { ...options, cursor })
    expect(page.rows.length).toBeLessThanOrEqual(options.limit ?? 50)
    seen.push(...page.rows.map((row) => row.id))
    cursor = page.nextCursor
  } while (cursor !== null)
  return seen
}

async function checkCursorPaging(store: Store): Promise<void> {
  const { segment, ids } = await seedSegment(store)
  expect(await collectPages(store, { segment, sort: 'name', limit: 3 })).toEqual(ids)
  expect(await collectPages(store, { segment, sort: '-name', limit: 2 })).toEqual(
    [...ids].reverse(),
  )
  expect(await collectPages(store, { segment, limit: 7 })).toEqual([...ids].sort())
}

async function checkOffsetPaging(store: Store): Promise<void> {
  const { segment, ids } = await seedSegment(store)
  const seen: string[] = []
  for (let offset = 0; offset < ids.length; offset += 3) {
    const page = await listCustomers(store, { segment, sort: '-name', limit: 3, offset })
    expect(page.total).toBe(ids.length)
    seen.push(...page.rows.map((row) => row.id))
  }
  expect(seen).toEqual([...ids].reverse())
}

async function checkFilters(store: Store): Promise<void> {
  const segment = uniqueKey('seg')
  const owner = await createUser(store, {
    email: `${uniqueKey('o')}@example.test`,
    name: 'Owner',
    role: 'rep',
    started_on: '2024-01-01',
  })
  await insertCustomers(store, [
    { id: `${segment}a`, name: 'Acme 50% Off', segment, territory: 'north', owner_id: owner.id },
    { id: `${segment}b`, name: 'Acme 500 Ltd', segment, territory: 'south', owner_id: owner.id },
    { id: `${segment}c`, name: 'Brick', segment, territory: 'north' },
  ])
  const ids = async (options: CustomerListOptions) => {
    const page = await listCustomers(store, { segment, ...options })
    expect(page.total).toBe(page.rows.length)
    return page.rows.map((row) => row.id.slice(segment.length))
  }
  expect(await ids({})).toEqual(['a', 'b', 'c'])
  expect(await ids({ territory: 'north' })).toEqual(['a', 'c'])
  expect(await ids({ ownerId: owner.id })).toEqual(['a', 'b'])
  expect(await ids({ ownerId: [owner.id], territory: 'north' })).toEqual(['a'])
  expect(await ids({ ownerId: [] })).toEqual([])
  expect(await ids({ search: 'aCmE' })).toEqual(['a', 'b'])
  expect(await ids({ search: '50%' })).toEqual(['a'])
  expect(await ids({ search: `${segment}C` })).toEqual(['c'])
  const page = await listCustomers(store, { segment, limit: 1 })
  expect(page.total).toBe(3)
}

async function checkListSummaries(store: Store): Promise<void> {
  const segment = uniqueKey('seg')
  const id = `${segment}a`
  await insertCustomers(store, [
    { id, segment },
    { id: `${segment}b`, segment },
  ])
  await insertOrders(store, [
    orderFor(id, '2023-03-01', 1_000),
    orderFor(id, '2024-05-02', 2_500),
    orderFor(id, '2024-06-01', -400),
    { ...orderFor(id, '2024-07-01', 9_999), status: 'cancelled' },
  ])
  const page = await listCustomers(store, { segment })
  expect(
    page.rows.map(
      ({ id: rowId, order_count, first_ordered_on, last_ordered_on, revenue_minor }) => ({
        rowId,
        order_count,
        first_ordered_on,
        last_ordered_on,
        revenue_minor,
      }),
    ),
  ).toEqual([
    {
      rowId: id,
      order_count: 3,
      first_ordered_on: '2023-03-01',
      last_ordered_on: '2024-06-01',
      revenue_minor: 3_100,
    },
    {
      rowId: `${segment}b`,
      order_count: 0,
      first_ordered_on: null,
      last_ordered_on: null,
      revenue_minor: 0,
    },
  ])
}

async function checkBadPaging(store: Store): Promise<void> {
  await expect(listCustomers(store, { cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/)
  const page = await listCustomers(store, { limit: 1 })
  const cursor = page.nextCursor ?? 'x'
  await expect(listCustomers(store, { cursor, offset: 1 })).rejects.toThrow(/either a cursor/)
  for (const limit of [0, 1001, 2.5]) {
    await expect(listCustomers(store, { limit })).rejects.toThrow(/limit/)
  }
}

async function checkCustomerDetail(store: Store): Promise<void> {
  const owner = await createUser(store, {
    email: `${uniqueKey('o')}@example.test`,
    name: 'Olga Owner',
    role: 'manager',
    started_on: '2020-01-01',
  })
  const id = uniqueKey('cust')
  await insertCustomers(store, [{ id, name: 'Acme', owner_id: owner.id }])
  await insertOrders(store, [
    orderFor(id, '2022-01-10', 700),
    orderFor(id, '2023-01-10', 300),
    { ...orderFor(id, '2023-02-10', 50), status: 'refunded' },
  ])
  const key = uniqueKey('k')
  await insertContacts(store, [
    { contact_key: key, customer_id: id, role: 'decision_maker', has_left: 1, consent: 0 },
  ])
  await insertDeals(store, [
    {
      deal_key: key,
      customer_id: id,
      status: 'lost',
      value_minor: 5_000,
      currency: 'EUR',
      recurring: 0,
      lost_reason: 'price',
    },
  ])
  const detail = await getCustomer(store, id, 2)
  expect(detail?.customer.name).toBe('Acme')
  expect(detail?.owner).toEqual({ id: owner.id, name: 'Olga Owner', email: owner.email })
  expect(detail?.orders).toEqual({
    placed_count: 2,
    cancelled_count: 0,
    refunded_count: 1,
    first_ordered_on: '2022-01-10',
    last_ordered_on: '2023-01-10',
    revenue_minor: 1_000,
  })
  expect(detail?.recentOrders.map((order) => order.ordered_on)).toEqual([
    '2023-02-10',
    '2023-01-10',
  ])
  expect(detail?.contacts.map((contact) => contact.has_left)).toEqual([1])
  expect(detail?.deals.map((deal) => deal.lost_reason)).toEqual(['price'])
  expect(await getCustomer(store, uniqueKey('missing'))).toBeUndefined()
  const hiddenId = uniqueKey('cust')
  await insertCustomers(store, [{ id: hiddenId, import_id: await insertImport(store, 'running') }])
  expect(await getCustomer(store, hiddenId)).toBeUndefined()
}
