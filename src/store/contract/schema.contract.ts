import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../migrations/index.js'
import { insertCustomers, insertOrders } from '../queries/bulk-insert.js'
import { isForeignKeyViolation, isUniqueViolation } from '../queries/queryable.js'
import { createUser } from '../queries/users.js'
import type { Store } from '../store.js'
import { orderFor, type StoreGetter, uniqueKey } from './fixtures.js'

/** Migrations: they run on an empty database, concurrently, and again without effect. */
export function describeMigrationContract(open: () => Promise<Store>, location: string): void {
  describe('migrations', () => {
    it('three processes migrating the same empty database at once all succeed and record each step once', () =>
      migrateConcurrently(open, location))
    it('migrating an up-to-date database again changes nothing', () => migrateAgain(open))
  })
}

/** Integrity the database itself enforces: foreign keys, unique keys, closed value sets. */
export function describeIntegrityContract(current: StoreGetter): void {
  describe('integrity', () => {
    it('refuses an order whose customer does not exist', () => refuseOrphanOrder(current()))
    it('refuses a second order with the same order key and keeps the first', () =>
      refuseDuplicateOrderKey(current()))
    it('refuses duplicate contact, contract, deal and incident keys', () =>
      refuseDuplicateKeys(current()))
    it('refuses a user whose email is taken in any case', () => refuseDuplicateEmail(current()))
    it('refuses an order status outside placed, cancelled and refunded', () =>
      refuseUnknownStatus(current()))
  })
}

async function migrationNames(store: Store): Promise<string[]> {
  const result = await sql<{
    name: string
  }>`select name from kysely_migration order by name`.execute(store.db)
  return result.rows.map((row) => row.name)
}

const MIGRATE_CHILD = fileURLToPath(new URL('./migrate-child.ts', import.meta.url))

/** Runs `migrate-child.ts` in its own node process; resolves with its exit code and stderr. */
function migrateInChild(location: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MIGRATE_CHILD, location],
      { timeout: 60_000 },
      (error, _stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error)
          return
        }
        resolve({ code: error === null ? 0 : Number(error.code), stderr })
      },
    )
  })
}

// separate processes, as in production: better-sqlite3 waits for a lock synchronously, so two
// connections in one process would only wait on each other
async function migrateConcurrently(open: () => Promise<Store>, location: string): Promise<void> {
  const outcomes = await Promise.all([1, 2, 3].map(() => migrateInChild(location)))
  expect(outcomes).toEqual([1, 2, 3].map(() => ({ code: 0, stderr: '' })))
  const store = await open()
  try {
    expect(await migrationNames(store)).toEqual(Object.keys(MIGRATIONS).sort())
  } finally {
    await store.close()
  }
}

async function migrateAgain(open: () => Promise<Store>): Promise<void> {
  const store = await open()
  try {
    await store.migrate()
    const before = await store.db.introspection.getTables()
    await store.migrate()
    const after = await store.db.introspection.getTables()
    expect(after.map((table) => table.name).sort()).toEqual(
      before.map((table) => table.name).sort(),
    )
    expect(await migrationNames(store)).toEqual(Object.keys(MIGRATIONS).sort())
  } finally {
    await store.close()
  }
}

const failureOf = (work: Promise<unknown>): Promise<unknown> =>
  work.then(
    () => undefined,
    (caught: unknown) => caught,
  )

async function refuseOrphanOrder(store: Store): Promise<void> {
  const error = await failureOf(
    insertOrders(store, [orderFor(uniqueKey('ghost'), '2024-01-01', 100)]),
  )
  expect(isForeignKeyViolation(error)).toBe(true)
}

async function refuseDuplicateOrderKey(store: Store): Promise<void> {
  const customerId = uniqueKey('c')
  await insertCustomers(store, [{ id: customerId }])
  const order = orderFor(customerId, '2024-01-01', 100)
  await insertOrders(store, [order])
  const error = await failureOf(insertOrders(store, [{ ...order, amount_minor: 999 }]))
  expect(isUniqueViolation(error)).toBe(true)
  const stored = await store.db
    .selectFrom('orders')
    .select('amount_minor')
    .where('order_key', '=', order.order_key)
    .execute()
  expect(stored).toEqual([{ amount_minor: 100 }])
}

async function refuseDuplicateKeys(store: Store): Promise<void> {
  const customer_id = uniqueKey('c')
  await insertCustomers(store, [{ id: customer_id }])
  const key = uniqueKey('k')
  const money = { value_minor: 1, currency: 'EUR' }
  const attempts = [
    () =>
      store.db
        .insertInto('contacts')
        .values({ contact_key: key, customer_id, role: 'buyer', has_left: 0, consent: 0 })
        .execute(),
    () =>
      store.db
        .insertInto('contracts')
        .values({
          contract_key: key,
          customer_id,
          starts_on: '2023-01-01',
          ends_on: '2023-12-31',
          renewed: 0,
          ...money,
        })
        .execute(),
    () =>
      store.db
        .insertInto('deals')
        .values({ deal_key: key, customer_id, status: 'lost', recurring: 0, ...money })
        .execute(),
    () =>
      store.db
        .insertInto('incidents')
        .values({
          incident_key: key,
          customer_id,
          kind: 'late',
          occurred_on: '2023-02-01',
          cost_minor: 1,
          currency: 'EUR',
        })
        .execute(),
  ]
  for (const attempt of attempts) {
    await attempt()
    expect(isUniqueViolation(await failureOf(attempt()))).toBe(true)
  }
}

async function refuseDuplicateEmail(store: Store): Promise<void> {
  const email = `${uniqueKey('u')}@example.test`
  const user = { email, name: 'Ann', role: 'rep' as const, started_on: '2024-01-01' }
  await createUser(store, user)
  await expect(createUser(store, { ...user, email: email.toUpperCase() })).rejects.toThrow(
    /already exists/,
  )
}

async function refuseUnknownStatus(store: Store): Promise<void> {
  const customerId = uniqueKey('c')
  await insertCustomers(store, [{ id: customerId }])
  const bad = { ...orderFor(customerId, '2024-01-01', 1), status: 'lost' as 'placed' }
  await expect(insertOrders(store, [bad])).rejects.toThrow(/check constraint/i)
}
