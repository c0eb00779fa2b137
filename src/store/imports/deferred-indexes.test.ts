import { sql } from 'kysely'
import { expect, it } from 'vitest'
import type { Store } from '../store.js'
import { describeEachDialect, testDialects } from './__fixtures__/dialects.js'
import {
  freshPrefix,
  integrityCheck,
  startInput,
  visibleOrders,
} from './__fixtures__/import-helpers.js'
import { orderRecords } from './__fixtures__/order-records.js'
import { beginImport } from './begin-import.js'
import { recoverImports } from './recover-imports.js'

const dialects = await testDialects()
const INDEX = 'orders_customer_ordered_on_ix'

async function hasIndex(store: Store, name = INDEX): Promise<boolean> {
  const query =
    store.dialect === 'sqlite'
      ? sql`select name from sqlite_master where type = 'index' and name = ${name}`
      : sql`select indexname from pg_indexes where schemaname = current_schema() and indexname = ${name}`
  return (await query.execute(store.db)).rows.length === 1
}

async function notedIndexes(store: Store): Promise<string[]> {
  const rows = await sql<{
    name: string
  }>`select name from import_deferred_indexes order by name`.execute(store.db)
  return rows.rows.map((row) => row.name)
}

// the tests run in order on one store: each of the first two leaves the orders table empty again
describeEachDialect('an import into an empty orders table', dialects, (current) => {
  it('builds the customer index after its rows instead of with them, and again when it fails', async () => {
    const store = current()
    const session = await beginImport(store, startInput())
    await session.write(orderRecords({ prefix: freshPrefix(), count: 50 }))
    expect(await hasIndex(store)).toBe(false)
    await session.fail('cancelled by the user')
    expect(await hasIndex(store)).toBe(true)
  })

  it('defers the other non-unique indexes of orders and customers too, noted until rebuilt', async () => {
    const store = current()
    const session = await beginImport(store, startInput())
    await session.write(orderRecords({ prefix: freshPrefix(), count: 20 }))
    const noted = await notedIndexes(store)
    expect(noted).toEqual(expect.arrayContaining([INDEX, 'customers_name_ix']))
    // the key index goes too: a bulk load (see bulk-load.test.ts)
    expect(noted.filter((name) => name.endsWith('_ux'))).toEqual(['orders_order_key_ux'])
    expect(await hasIndex(store, 'orders_order_key_ux')).toBe(false)
    // on SQLite the indexes on the import's id alone stay: the load only appends to them
    const kept = store.dialect === 'sqlite'
    const importIndexes = ['customers_import_ix', 'orders_import_ix']
    const notedImport = noted.filter((name) => name.endsWith('_import_ix')).sort()
    expect(notedImport).toEqual(kept ? [] : importIndexes)
    expect(await hasIndex(store, 'orders_import_ix')).toBe(kept)
    expect(await hasIndex(store, 'customers_import_ix')).toBe(kept)
    await session.fail('cancelled by the user')
    expect(await notedIndexes(store)).toEqual([])
    for (const name of noted) {
      expect(await hasIndex(store, name)).toBe(true)
    }
  })

  it('has the index back after recovery from an import that died midway', async () => {
    const store = current()
    const session = await beginImport(store, startInput())
    await session.write(orderRecords({ prefix: freshPrefix(), count: 50 }))
    expect(await hasIndex(store)).toBe(false)
    // as after kill -9: the session is never heard of again
    expect(await recoverImports(store, { staleAfterMs: 0 })).toBe(1)
    expect(await hasIndex(store)).toBe(true)
  })

  it('publishes with the index built and every row visible', async () => {
    const store = current()
    const prefix = freshPrefix()
    const session = await beginImport(store, startInput())
    await session.write(orderRecords({ prefix, count: 120 }))
    await session.write(orderRecords({ prefix, count: 30, start: 120 }))
    expect(await hasIndex(store)).toBe(false)
    expect((await session.publish()).inserted).toBe(150)
    expect(await hasIndex(store)).toBe(true)
    expect(await visibleOrders(store, prefix)).toHaveLength(150)
    expect(await integrityCheck(store)).toBe('ok')
  })

  it('keeps the index while importing into a table that already has rows', async () => {
    const store = current()
    const session = await beginImport(store, startInput())
    await session.write(orderRecords({ prefix: freshPrefix(), count: 10 }))
    expect(await hasIndex(store)).toBe(true)
    await session.publish()
  })
})
