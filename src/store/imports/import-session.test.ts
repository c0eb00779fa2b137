import { expect, it } from 'vitest'
import { describeEachDialect, testDialects } from './__fixtures__/dialects.js'
import {
  freshPrefix,
  startInput,
  storedOrderCount,
  visibleOrders,
} from './__fixtures__/import-helpers.js'
import { orderRecords } from './__fixtures__/order-records.js'
import { beginImport } from './begin-import.js'
import { withSqliteHandle } from './raw-query.js'

const dialects = await testDialects()

describeEachDialect('two imports at once', dialects, (current) => {
  it('a customer created by another running import that then fails is taken over at publish', async () => {
    const store = current()
    const prefix = freshPrefix()
    const first = await beginImport(store, startInput())
    await first.write(orderRecords({ prefix: `${prefix}a`, count: 20, customers: 2 }))
    const second = await beginImport(store, startInput())
    const shared = orderRecords({ prefix: `${prefix}b`, count: 20, customers: 2 }).map(
      (record) => ({
        ...record,
        customerId: record.customerId.replace(`${prefix}b`, `${prefix}a`),
      }),
    )
    await second.write(shared)
    await first.fail('cancelled by the user')
    expect((await second.publish()).inserted).toBe(20)
    expect(await visibleOrders(store, `${prefix}b`)).toHaveLength(20)
    expect(await storedOrderCount(store, `${prefix}a`)).toBe(0)
    const customers = await store.db
      .selectFrom('visible_customers')
      .select('id')
      .where('id', 'in', [`${prefix}a-c0`, `${prefix}a-c1`])
      .execute()
    expect(customers).toHaveLength(2)
  })

  it('the same new orders written by two running imports are stored once, and survive the first one failing', async () => {
    const store = current()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 500 })
    const first = await beginImport(store, startInput())
    const second = await beginImport(store, startInput())
    expect((await first.write(records)).inserted).toBe(500)
    expect((await second.write(records)).inserted).toBe(500)
    await first.fail('superseded')
    expect(await visibleOrders(store, prefix)).toHaveLength(0)
    await second.publish()
    const visible = await visibleOrders(store, prefix)
    expect(visible).toHaveLength(500)
    expect(await storedOrderCount(store, prefix)).toBe(500)
    expect(visible.every((row) => Number(row.import_id) === second.id)).toBe(true)
  })

  it('when both imports of the same new orders publish, each order is stored once', async () => {
    const store = current()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 300 })
    const first = await beginImport(store, startInput())
    const second = await beginImport(store, startInput())
    await Promise.all([first.write(records), second.write(records)])
    await second.publish()
    await first.publish()
    expect(await visibleOrders(store, prefix)).toHaveLength(300)
    expect(await storedOrderCount(store, prefix)).toBe(300)
  })

  it('a write relaxes durability and reference checks for its own transaction only', async () => {
    const store = current()
    const session = await beginImport(store, startInput())
    await session.write(orderRecords({ prefix: freshPrefix(), count: 10 }))
    if (store.dialect === 'sqlite') {
      const settings = await withSqliteHandle(store, (handle) => [
        handle.pragma('synchronous', { simple: true }),
        handle.pragma('foreign_keys', { simple: true }),
      ])
      expect(settings).toEqual([2, 1])
    } else {
      const pool = store.pgPool()
      const clients = await Promise.all([pool.connect(), pool.connect()])
      try {
        for (const client of clients) {
          const { rows } = await client.query(
            "select current_setting('synchronous_commit') as sync, current_setting('session_replication_role') as role",
          )
          expect(rows[0]).toEqual({ sync: 'on', role: 'origin' })
        }
      } finally {
        for (const client of clients) {
          client.release()
        }
      }
    }
    await session.fail('done')
  })
})
