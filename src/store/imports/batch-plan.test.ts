import { expect, it } from 'vitest'
import { describeEachDialect, testDialects } from './__fixtures__/dialects.js'
import {
  freshPrefix,
  importOrders,
  startInput,
  visibleOrders,
} from './__fixtures__/import-helpers.js'
import { orderRecords } from './__fixtures__/order-records.js'
import { beginImport } from './begin-import.js'

const dialects = await testDialects()

describeEachDialect('repeated keys within one import', dialects, (current) => {
  it('a repeated order id with other content is a conflict and the first record is kept', async () => {
    const store = current()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 1000 })
    const first = records[10]!
    const sameBatchRepeat = { ...first, line: 5000, amountMinor: first.amountMinor + 5 }
    const identicalRepeat = { ...first, line: 5001 }
    const later = records[900]!
    const laterBatchRepeat = { ...later, line: 5002, status: 'cancelled' as const }
    const session = await beginImport(store, startInput())
    const one = await session.write([...records.slice(0, 500), sameBatchRepeat, identicalRepeat])
    const two = await session.write([...records.slice(500), laterBatchRepeat])
    expect(one.conflicts.map((conflict) => [conflict.line, conflict.code])).toEqual([
      [5000, 'duplicate_key_conflict'],
    ])
    expect(one.conflicts[0]?.message).toContain(`line ${first.line}`)
    // this first load into an empty table holds a repeat from an earlier batch back
    // until the key index is built again: it settles when the writing finishes
    const rest = await session.finishWriting()
    expect([...two.conflicts, ...rest.conflicts].map((conflict) => conflict.line)).toEqual([5002])
    const counts = await session.publish()
    expect(counts).toEqual({ read: 1003, inserted: 1000, updated: 0, unchanged: 1, rejected: 2 })
    const visible = new Map((await visibleOrders(store, prefix)).map((row) => [row.order_key, row]))
    expect(Number(visible.get(first.key)?.amount_minor)).toBe(first.amountMinor)
    expect(visible.get(later.key)?.status).toBe('placed')
    const rejected = await store.db
      .selectFrom('rejected_rows')
      .select(['line', 'code'])
      .where('import_id', '=', session.id)
      .orderBy('line')
      .execute()
    expect(rejected.map((row) => [Number(row.line), row.code])).toEqual([
      [5000, 'duplicate_key_conflict'],
      [5002, 'duplicate_key_conflict'],
    ])
  })

  it('on re-import, a repeat that differs from an unchanged first record is a conflict, not an update', async () => {
    const store = current()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 600 })
    await importOrders(store, records)
    const repeat = { ...records[3]!, line: 9000, status: 'refunded' as const }
    const session = await beginImport(store, startInput())
    await session.write(records.slice(0, 300))
    const outcome = await session.write([...records.slice(300), repeat])
    expect(outcome.conflicts.map((conflict) => conflict.line)).toEqual([9000])
    const counts = await session.publish()
    expect(counts).toEqual({ read: 601, inserted: 0, updated: 0, unchanged: 600, rejected: 1 })
    const row = (await visibleOrders(store, prefix)).find(
      (stored) => stored.order_key === repeat.key,
    )
    expect(row?.status).toBe('placed')
  })

  it('after an update staged for a key, a repeat with the new content is unchanged and one with other content a conflict', async () => {
    const store = current()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 100 })
    await importOrders(store, records)
    const refunded = { ...records[0]!, status: 'refunded' as const }
    const session = await beginImport(store, startInput())
    expect((await session.write([refunded])).updated).toBe(1)
    expect((await session.write([{ ...refunded, line: 500 }])).unchanged).toBe(1)
    const cancelled = await session.write([{ ...refunded, line: 501, status: 'cancelled' }])
    expect(cancelled.conflicts.map((conflict) => conflict.line)).toEqual([501])
    await session.publish()
    const row = (await visibleOrders(store, prefix)).find(
      (stored) => stored.order_key === refunded.key,
    )
    expect(row?.status).toBe('refunded')
  })

  it('orders without an order id repeat only as identical rows, never as conflicts', async () => {
    const store = current()
    const prefix = freshPrefix()
    const keyless = orderRecords({ prefix, count: 300 }).map((record, index) => ({
      ...record,
      orderId: null,
      key: `k:${record.customerId}|${record.orderedOn}|${record.amountMinor}|${1 + (index % 2)}`,
    }))
    expect((await importOrders(store, keyless)).rejected).toBe(0)
    const again = await importOrders(store, keyless)
    expect(again).toEqual({ read: 300, inserted: 0, updated: 0, unchanged: 300, rejected: 0 })
    const rows = await store.db
      .selectFrom('visible_orders')
      .select('order_id')
      .where('customer_id', 'like', `${prefix}-%`)
      .execute()
    expect(rows).toHaveLength(300)
    expect(rows.every((row) => row.order_id === null)).toBe(true)
  })
})
