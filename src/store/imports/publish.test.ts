import { expect, it } from 'vitest'
import { ConflictError } from '../../domain/errors.js'
import { describeEachDialect, testDialects } from './__fixtures__/dialects.js'
import {
  freshPrefix,
  importOrders,
  startInput,
  storedOrderCount,
  visibleOrders,
} from './__fixtures__/import-helpers.js'
import { batches, orderRecords } from './__fixtures__/order-records.js'
import { beginImport } from './begin-import.js'

const dialects = await testDialects()

describeEachDialect('writing and publishing an import', dialects, (current) => {
  it('keeps written orders invisible until publish, then shows all of them at once', async () => {
    const store = current()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 5000 })
    const session = await beginImport(store, startInput())
    for (const batch of batches(records, 2000)) {
      await session.write(batch)
    }
    expect(await storedOrderCount(store, prefix)).toBe(5000)
    expect(await visibleOrders(store, prefix)).toHaveLength(0)
    const counts = await session.publish()
    expect(counts).toEqual({ read: 5000, inserted: 5000, updated: 0, unchanged: 0, rejected: 0 })
    const visible = await visibleOrders(store, prefix)
    expect(visible).toHaveLength(5000)
    expect(new Set(visible.map((row) => row.order_key)).size).toBe(5000)
  })

  it('re-importing the same records inserts and updates nothing: all are unchanged', async () => {
    const store = current()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 3000 })
    await importOrders(store, records)
    const before = await visibleOrders(store, prefix)
    const again = await importOrders(store, records, 700)
    expect(again).toEqual({ read: 3000, inserted: 0, updated: 0, unchanged: 3000, rejected: 0 })
    expect(await visibleOrders(store, prefix)).toEqual(before)
    expect(await storedOrderCount(store, prefix)).toBe(3000)
  })

  it('10 edited records count exactly 10 updated, applied only when the import publishes', async () => {
    const store = current()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 2000 })
    await importOrders(store, records)
    const edited = records.map((record, index) => {
      if (index % 200 !== 7) {
        return record
      }
      return index % 400 === 7
        ? { ...record, status: 'refunded' as const }
        : { ...record, amountMinor: record.amountMinor + 1 }
    })
    const changed = edited.filter((record, index) => record !== records[index])
    expect(changed).toHaveLength(10)
    const session = await beginImport(store, startInput())
    let updated = 0
    for (const batch of batches(edited, 500)) {
      updated += (await session.write(batch)).updated
    }
    expect(updated).toBe(10)
    const originalByKey = new Map(records.map((record) => [record.key, record]))
    const visibleBefore = new Map(
      (await visibleOrders(store, prefix)).map((row) => [row.order_key, row]),
    )
    for (const record of changed) {
      const row = visibleBefore.get(record.key)
      expect(row?.status).toBe(originalByKey.get(record.key)?.status)
      expect(Number(row?.amount_minor)).toBe(originalByKey.get(record.key)?.amountMinor)
    }
    const counts = await session.publish()
    expect(counts).toEqual({ read: 2000, inserted: 0, updated: 10, unchanged: 1990, rejected: 0 })
    const visibleAfter = new Map(
      (await visibleOrders(store, prefix)).map((row) => [row.order_key, row]),
    )
    expect(visibleAfter.size).toBe(2000)
    for (const record of changed) {
      expect(visibleAfter.get(record.key)?.status).toBe(record.status)
      expect(Number(visibleAfter.get(record.key)?.amount_minor)).toBe(record.amountMinor)
    }
  })

  it('a superset file inserts only the new records', async () => {
    const store = current()
    const prefix = freshPrefix()
    await importOrders(store, orderRecords({ prefix, count: 1500, customers: 150 }))
    const superset = orderRecords({ prefix, count: 2100, customers: 150 })
    const counts = await importOrders(store, superset, 800)
    expect(counts).toEqual({ read: 2100, inserted: 600, updated: 0, unchanged: 1500, rejected: 0 })
    expect(await visibleOrders(store, prefix)).toHaveLength(2100)
  })

  it('an order for an unknown customer creates the customer, visible only after publish', async () => {
    const store = current()
    const prefix = freshPrefix()
    const session = await beginImport(store, startInput())
    await session.write(orderRecords({ prefix, count: 40, customers: 4 }))
    const customerIds = [0, 1, 2, 3].map((k) => `${prefix}-c${k}`)
    const stored = await store.db
      .selectFrom('customers')
      .select('import_id')
      .where('id', 'in', customerIds)
      .execute()
    expect(stored.map((row) => Number(row.import_id))).toEqual(Array(4).fill(session.id))
    const visible = () =>
      store.db.selectFrom('visible_customers').select('id').where('id', 'in', customerIds).execute()
    expect(await visible()).toHaveLength(0)
    await session.publish()
    expect((await visible()).map((row) => row.id).sort()).toEqual(customerIds)
  })

  it('fail deletes every row the import wrote, customers included, and leaves it failed', async () => {
    const store = current()
    const prefix = freshPrefix()
    const session = await beginImport(store, startInput())
    await session.write(orderRecords({ prefix, count: 3000 }))
    await session.fail('the file was cut short')
    expect(await storedOrderCount(store, prefix)).toBe(0)
    const customers = await store.db
      .selectFrom('customers')
      .select('id')
      .where('id', 'like', `${prefix}-%`)
      .execute()
    expect(customers).toHaveLength(0)
    const row = await store.db
      .selectFrom('imports')
      .select(['status', 'error'])
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'failed', error: 'the file was cut short' })
    await expect(session.write([])).rejects.toBeInstanceOf(ConflictError)
    await expect(session.publish()).rejects.toBeInstanceOf(ConflictError)
  })

  it('reject stores the rows and counts them in the import', async () => {
    const store = current()
    const session = await beginImport(store, startInput())
    await session.reject([
      {
        line: 7,
        field: 'ordered_on',
        code: 'bad_date',
        message: 'not a date: 31/02/2024',
        raw: 'x',
      },
      {
        line: 9,
        field: null,
        code: 'wrong_field_count',
        message: '3 fields, expected 5',
        raw: 'y',
      },
    ])
    const counts = await session.publish()
    expect(counts).toEqual({ read: 2, inserted: 0, updated: 0, unchanged: 0, rejected: 2 })
    const rows = await store.db
      .selectFrom('rejected_rows')
      .select(['line', 'code'])
      .where('import_id', '=', session.id)
      .orderBy('line')
      .execute()
    expect(rows.map((row) => [Number(row.line), row.code])).toEqual([
      [7, 'bad_date'],
      [9, 'wrong_field_count'],
    ])
  })
})
