import { sql } from 'kysely'
import { expect, it } from 'vitest'
import type { Store } from '../store.js'
import { describeEachDialect, testDialects } from './__fixtures__/dialects.js'
import { freshPrefix, startInput, visibleOrders } from './__fixtures__/import-helpers.js'
import { orderRecords } from './__fixtures__/order-records.js'
import { beginImport } from './begin-import.js'
import { recoverImports } from './recover-imports.js'

const dialects = await testDialects()

async function customersLike(store: Store, prefix: string, view = 'customers'): Promise<string[]> {
  const rows = await sql<{
    id: string
  }>`select id from ${sql.table(view)} where id like ${`${prefix}-%`} order by id`.execute(store.db)
  return rows.rows.map((row) => row.id)
}

/** the orders that name a customer that does not exist: none, ever, once an import has ended */
async function orphanOrders(store: Store): Promise<number> {
  const rows = await sql<{
    n: number
  }>`select count(*) as n from orders o where not exists (select 1 from customers c where c.id = o.customer_id)`.execute(
    store.db,
  )
  return Number(rows.rows[0]?.n ?? -1)
}

// each test starts from an empty orders table, so its first import is a bulk load
describeEachDialect('the customers a bulk load names', dialects, (current) => {
  it('are all created, under the import, and visible once it publishes', async () => {
    const store = current()
    await store.db.deleteFrom('orders').execute()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 600, customers: 150 })
    const session = await beginImport(store, startInput())
    const told = [...new Set(records.map((record) => record.customerId))]
    await session.write(records.slice(0, 300), { newCustomerIds: told.slice(0, 150) })
    await session.write(records.slice(300), { newCustomerIds: [] })
    expect((await session.finishWriting()).inserted).toBe(0)
    expect(await customersLike(store, prefix, 'visible_customers')).toEqual([])
    expect(await session.publish()).toMatchObject({ inserted: 600, rejected: 0 })
    expect(await customersLike(store, prefix, 'visible_customers')).toEqual([...told].sort())
    const owners = await store.db
      .selectFrom('customers')
      .select('import_id')
      .distinct()
      .where('id', 'like', `${prefix}-%`)
      .execute()
    expect(owners.map((row) => Number(row.import_id))).toEqual([session.id])
    expect(await orphanOrders(store)).toBe(0)
  })

  it('leave nothing behind when the load fails, or dies and is recovered', async () => {
    const store = current()
    await store.db.deleteFrom('orders').execute()
    const prefix = freshPrefix()
    const failing = await beginImport(store, startInput())
    await failing.write(orderRecords({ prefix: `${prefix}a`, count: 200 }))
    await failing.fail('cancelled by the user')
    const dying = await beginImport(store, startInput())
    await dying.write(orderRecords({ prefix: `${prefix}b`, count: 200 }))
    // a process that died mid-import: its heartbeat is old, and recovery ends it
    await store.db
      .updateTable('imports')
      .set({ heartbeat_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', dying.id)
      .execute()
    await recoverImports(store)
    expect(await customersLike(store, prefix)).toEqual([])
    expect(await store.db.selectFrom('orders').select('id').execute()).toEqual([])
  })

  it('take over a customer that an import beside the load created and then dropped', async () => {
    const store = current()
    await store.db.deleteFrom('orders').execute()
    const prefix = freshPrefix()
    const bulk = await beginImport(store, startInput())
    const records = orderRecords({ prefix, count: 100, customers: 10 })
    await bulk.write(records.slice(0, 50))
    // beside the load, another import names a customer first: it creates it, then fails
    const beside = await beginImport(store, startInput())
    const shared = `${prefix}-shared`
    const besideRecords = orderRecords({ prefix: `${prefix}x`, count: 5 }).map((record) => ({
      ...record,
      customerId: shared,
    }))
    await beside.write(besideRecords)
    await bulk.write(records.slice(50).map((record) => ({ ...record, customerId: shared })))
    await beside.fail('cancelled by the user')
    await bulk.publish()
    expect(await visibleOrders(store, prefix)).toHaveLength(100)
    const visible = await customersLike(store, prefix, 'visible_customers')
    expect(visible).toContain(shared)
    expect(visible).toHaveLength(11)
    expect(await orphanOrders(store)).toBe(0)
  })
})
