import fc from 'fast-check'
import { expect, it } from 'vitest'
import type { OrderRecord } from '../../domain/records.js'
import { describeEachDialect, testDialects } from './__fixtures__/dialects.js'
import {
  freshPrefix,
  integrityCheck,
  startInput,
  storedOrderCount,
  visibleOrders,
} from './__fixtures__/import-helpers.js'
import { orderRecords } from './__fixtures__/order-records.js'
import { beginImport } from './begin-import.js'
import { BulkLoad } from './bulk-load.js'
import { RECORD_TABLES } from './record-tables.js'

const dialects = await testDialects()

it('admits new keys, keeps a repeat of an admitted record beside it, and holds the rest in order', () => {
  const bulk = new BulkLoad(RECORD_TABLES.orders)
  const [a, b, c] = orderRecords({ prefix: freshPrefix(), count: 3 }) as [
    OrderRecord,
    OrderRecord,
    OrderRecord,
  ]
  const first = bulk.admit([a, b, { ...a, line: 90 }])
  expect(first.now.map((record) => record.line)).toEqual([a.line, b.line, 90])
  expect(first.distinct).toBe(false)
  // a repeat from an earlier batch, and a repeat of that held record in the same batch
  const second = bulk.admit([{ ...b, line: 91 }, c, { ...b, line: 92 }])
  expect(second.now.map((record) => record.line)).toEqual([c.line])
  expect(second.distinct).toBe(true)
  expect(bulk.saturated).toBe(false)
  expect(bulk.release().map((record) => record.line)).toEqual([91, 92])
  expect(bulk.release()).toEqual([])
})

it('trusts the marks it is told, and holds a whole batch that breaks the way it was started', () => {
  const [a, b, c, d] = orderRecords({ prefix: freshPrefix(), count: 4 }) as [
    OrderRecord,
    OrderRecord,
    OrderRecord,
    OrderRecord,
  ]
  const told = new BulkLoad(RECORD_TABLES.orders)
  // a repeat of a (marked 1, its first written now beside it), then b marked as a maybe-repeat
  const first = told.admit([a, { ...a, line: 90 }, b], Uint8Array.of(0, 1, 1))
  expect(first.now.map((record) => record.line)).toEqual([a.line, 90])
  expect(first.distinct).toBe(false)
  // a batch without marks cannot be checked against the ones told: all held
  expect(told.admit([c]).now).toEqual([])
  expect(told.release().map((record) => record.line)).toEqual([b.line, c.line])
  const own = new BulkLoad(RECORD_TABLES.orders)
  expect(own.admit([a]).now).toHaveLength(1)
  // marks told to a load that fingerprints for itself are not trusted either
  expect(own.admit([d], Uint8Array.of(0)).now).toEqual([])
  expect(own.release().map((record) => record.line)).toEqual([d.line])
})

it('loses no record, holds every repeat of an earlier batch, and keeps a batch repeat with its first', () => {
  const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f')
  fc.assert(
    fc.property(fc.array(fc.array(key, { maxLength: 8 }), { maxLength: 6 }), (batches) => {
      const bulk = new BulkLoad(RECORD_TABLES.orders)
      const earlier = new Set<string>()
      let line = 0
      const written: number[] = []
      for (const keys of batches) {
        const records = keys.map((k) => ({
          ...orderRecords({ prefix: k, count: 1 })[0]!,
          line: line++,
        }))
        const { now } = bulk.admit(records)
        const nowLines = new Set(now.map((record) => record.line))
        const wentNow = new Map<string, boolean>()
        for (const record of records) {
          const went = nowLines.has(record.line)
          if (earlier.has(record.key)) {
            expect(went).toBe(false)
          }
          expect(went).toBe(wentNow.get(record.key) ?? went)
          wentNow.set(record.key, wentNow.get(record.key) ?? went)
        }
        written.push(...nowLines)
        for (const record of records) {
          earlier.add(record.key)
        }
      }
      const held = bulk.release().map((record) => record.line)
      expect([...written, ...held].sort((l, r) => l - r)).toEqual(
        Array.from({ length: line }, (_, n) => n),
      )
    }),
    { numRuns: 300 },
  )
})

// the orders table must be empty for a bulk load: each test leaves it empty again or publishes last
describeEachDialect('a first load into an empty orders table', dialects, (current) => {
  it('settles repeats across batches exactly as in place: identical ones unchanged, others conflicts', async () => {
    const store = current()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 300 })
    const [x, y] = [records[5] as OrderRecord, records[150] as OrderRecord]
    const session = await beginImport(store, startInput())
    const one = await session.write(records.slice(0, 200))
    const two = await session.write([
      ...records.slice(200),
      { ...x, line: 1000 },
      { ...x, line: 1001, amountMinor: x.amountMinor + 1 },
      { ...y, line: 1002, status: 'cancelled' },
      { ...y, line: 1003 },
    ])
    const rest = await session.finishWriting()
    const all = [one, two, rest]
    const sum = (pick: (o: (typeof all)[number]) => number) =>
      all.reduce((total, o) => total + pick(o), 0)
    expect(sum((o) => o.inserted)).toBe(300)
    expect(sum((o) => o.unchanged)).toBe(2)
    const conflicts = all.flatMap((o) => o.conflicts).sort((l, r) => l.line - r.line)
    expect(conflicts.map((c) => [c.line, c.code])).toEqual([
      [1001, 'duplicate_key_conflict'],
      [1002, 'duplicate_key_conflict'],
    ])
    expect(await session.publish()).toEqual({
      read: 304,
      inserted: 300,
      updated: 0,
      unchanged: 2,
      rejected: 2,
    })
    const visible = new Map((await visibleOrders(store, prefix)).map((row) => [row.order_key, row]))
    expect(visible.size).toBe(300)
    expect(Number(visible.get(x.key)?.amount_minor)).toBe(x.amountMinor)
    expect(visible.get(y.key)?.status).toBe('placed')
    expect(await integrityCheck(store)).toBe('ok')
    // the key index is back: the same key cannot be stored twice
    const repeat = { order_key: x.key, customer_id: x.customerId, ordered_on: x.orderedOn }
    await expect(
      store.db
        .insertInto('orders')
        .values({ ...repeat, amount_minor: 1, currency: 'EUR', status: 'placed' })
        .execute(),
    ).rejects.toThrow()
  })
})

describeEachDialect('an import beside a bulk load', dialects, (current) => {
  it('builds the key index the load dropped, and both store each order once', async () => {
    const store = current()
    // a fresh table: the orders of the tests above are removed
    await store.db.deleteFrom('orders').execute()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 400 })
    const bulk = await beginImport(store, startInput())
    await bulk.write(records.slice(0, 200))
    const beside = await beginImport(store, startInput())
    expect((await beside.write(records.slice(100, 300))).inserted).toBe(200)
    // the load carries on past the index being back: its repeats are classified, none lost
    const later = await bulk.write([...records.slice(200), { ...records[0]!, line: 999 }])
    const rest = await bulk.finishWriting()
    expect(later.inserted + rest.inserted).toBe(200)
    expect(later.unchanged + rest.unchanged).toBe(1)
    await bulk.publish()
    await beside.publish()
    expect(await storedOrderCount(store, prefix)).toBe(400)
    expect(await visibleOrders(store, prefix)).toHaveLength(400)
    expect(await integrityCheck(store)).toBe('ok')
  })
})

describeEachDialect('customers the reader names', dialects, (current) => {
  it('are made sure of even when every record naming them is held back', async () => {
    const store = current()
    await store.db.deleteFrom('orders').execute()
    const prefix = freshPrefix()
    const records = orderRecords({ prefix, count: 20, customers: 2 })
    const first = records[0] as OrderRecord
    const session = await beginImport(store, startInput())
    const told = [`${prefix}-c0`, `${prefix}-c1`]
    expect((await session.write(records, { newCustomerIds: told })).inserted).toBe(20)
    // a repeat of a written key, for a customer never named before: held on a bulk load
    const moved = { ...first, line: 500, customerId: `${prefix}-moved` }
    await session.write([moved], { newCustomerIds: [moved.customerId] })
    const rest = await session.finishWriting()
    expect(rest.conflicts.map((conflict) => conflict.line)).toEqual([500])
    expect(await session.publish()).toMatchObject({ inserted: 20, rejected: 1 })
    const customers = await store.db
      .selectFrom('visible_customers')
      .select('id')
      .where('id', 'like', `${prefix}-%`)
      .orderBy('id')
      .execute()
    expect(customers.map((row) => row.id)).toEqual([...told, moved.customerId])
  })
})
