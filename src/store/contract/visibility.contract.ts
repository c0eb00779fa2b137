import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { appendAudit } from '../queries/audit.js'
import {
  insertContacts,
  insertContracts,
  insertCustomers,
  insertDeals,
  insertIncidents,
  insertOrders,
} from '../queries/bulk-insert.js'
import { stats } from '../queries/stats.js'
import type { ImportStatus } from '../schema.js'
import type { Store } from '../store.js'
import { insertImport, orderFor, type StoreGetter, uniqueKey } from './fixtures.js'

/** Rows of unfinished imports stay invisible; the audit log cannot be rewritten. */
export function describeVisibilityContract(current: StoreGetter): void {
  describe('visibility and audit', () => {
    it('the visible views show rows of committed imports and hide running and failed ones', () =>
      checkVisibleViews(current()))
    it('rows of a running import appear at once when it commits', () =>
      checkCommitPublishes(current()))
    it('the audit log takes new entries but refuses updates and deletes', () =>
      checkAuditAppendOnly(current()))
  })
}

/** Writes one customer with one row in every other business table, under `importId`. */
async function seedUnderImport(store: Store, importId: number | null): Promise<string> {
  const customer_id = uniqueKey('vis')
  const key = uniqueKey('k')
  const import_id = importId
  const money = { currency: 'EUR', import_id }
  await insertCustomers(store, [{ id: customer_id, import_id }])
  await insertOrders(store, [{ ...orderFor(customer_id, '2024-01-01', 100), import_id }])
  await insertContacts(store, [
    { contact_key: key, customer_id, role: 'buyer', has_left: 0, consent: 0, import_id },
  ])
  const period = { starts_on: '2023-01-01', ends_on: '2023-12-31' }
  await insertContracts(store, [
    { contract_key: key, customer_id, ...period, value_minor: 1, renewed: 0, ...money },
  ])
  await insertDeals(store, [
    { deal_key: key, customer_id, status: 'lost', value_minor: 1, recurring: 0, ...money },
  ])
  await insertIncidents(store, [
    {
      incident_key: key,
      customer_id,
      kind: 'late',
      occurred_on: '2023-02-01',
      cost_minor: 1,
      ...money,
    },
  ])
  return customer_id
}

const VISIBLE_VIEWS = [
  'visible_customers',
  'visible_orders',
  'visible_contacts',
  'visible_contracts',
  'visible_deals',
  'visible_incidents',
] as const

/** How many rows of `customerId` each visible view shows. */
async function visibleCounts(store: Store, customerId: string): Promise<number[]> {
  const counts: number[] = []
  for (const view of VISIBLE_VIEWS) {
    const column = view === 'visible_customers' ? 'id' : 'customer_id'
    const result = await sql<{
      n: number
    }>`select count(*) as n from ${sql.table(view)} where ${sql.ref(column)} = ${customerId}`.execute(
      store.db,
    )
    counts.push(Number(result.rows[0]?.n))
  }
  return counts
}

async function checkVisibleViews(store: Store): Promise<void> {
  const before = await stats(store)
  const shown: string[] = []
  for (const status of [null, 'committed'] as const) {
    const importId = status === null ? null : await insertImport(store, status)
    shown.push(await seedUnderImport(store, importId))
  }
  const hidden: string[] = []
  for (const status of ['running', 'failed'] satisfies ImportStatus[]) {
    hidden.push(await seedUnderImport(store, await insertImport(store, status)))
  }
  for (const customerId of shown) {
    expect(await visibleCounts(store, customerId)).toEqual([1, 1, 1, 1, 1, 1])
  }
  for (const customerId of hidden) {
    expect(await visibleCounts(store, customerId)).toEqual([0, 0, 0, 0, 0, 0])
  }
  const after = await stats(store)
  expect(after.customers - before.customers).toBe(2)
  expect(after.orders - before.orders).toBe(2)
  expect(after.imports - before.imports).toBe(3)
}

async function checkCommitPublishes(store: Store): Promise<void> {
  const importId = await insertImport(store, 'running')
  const customerId = await seedUnderImport(store, importId)
  expect(await visibleCounts(store, customerId)).toEqual([0, 0, 0, 0, 0, 0])
  await store.db
    .updateTable('imports')
    .set({ status: 'committed' })
    .where('id', '=', importId)
    .execute()
  expect(await visibleCounts(store, customerId)).toEqual([1, 1, 1, 1, 1, 1])
}

async function checkAuditAppendOnly(store: Store): Promise<void> {
  const objectId = uniqueKey('obj')
  const id = await appendAudit(store, {
    actor: 'ann@example.test',
    via: 'cli',
    action: 'update',
    objectType: 'customer',
    objectId,
    fields: ['segment'],
  })
  await expect(
    store.db.updateTable('audit_log').set({ actor: 'mallory' }).where('id', '=', id).execute(),
  ).rejects.toThrow(/append-only/)
  await expect(store.db.deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toThrow(
    /append-only/,
  )
  const rows = await store.db.selectFrom('audit_log').selectAll().where('id', '=', id).execute()
  expect(rows).toMatchObject([
    { actor: 'ann@example.test', object_id: objectId, fields_json: '["segment"]', via: 'cli' },
  ])
  expect(rows[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
}
