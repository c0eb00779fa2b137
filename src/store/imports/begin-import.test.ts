import { expect, it } from 'vitest'
import { ConflictError } from '../../domain/errors.js'
import { describeEachDialect, testDialects } from './__fixtures__/dialects.js'
import { freshPrefix, startInput } from './__fixtures__/import-helpers.js'
import { orderRecords } from './__fixtures__/order-records.js'
import { beginImport } from './begin-import.js'

const dialects = await testDialects()

describeEachDialect('starting an import', dialects, (current, target) => {
  it('three connections starting the same file at once: exactly one import runs, the others get a conflict', async () => {
    const stores = await Promise.all([target.open(), target.open(), target.open()])
    try {
      const input = startInput()
      const results = await Promise.allSettled(stores.map((store) => beginImport(store, input)))
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
      const refused = results.flatMap((result) =>
        result.status === 'rejected' ? [result.reason] : [],
      )
      expect(refused).toEqual([expect.any(ConflictError), expect.any(ConflictError)])
      const imports = await current()
        .db.selectFrom('imports')
        .select('status')
        .where('file_sha256', '=', input.fileSha256)
        .execute()
      expect(imports).toEqual([{ status: 'running' }])
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
  })

  it('one connection starting the same file twice at once gets one import and one conflict', async () => {
    const input = startInput()
    const results = await Promise.allSettled([
      beginImport(current(), input),
      beginImport(current(), input),
    ])
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
  })

  it('once the first import of a file is published, the same file may be imported again', async () => {
    const store = current()
    const input = startInput()
    const first = await beginImport(store, input)
    await expect(beginImport(store, input)).rejects.toThrow(/already running/)
    await first.publish()
    const second = await beginImport(store, input)
    expect(second.id).not.toBe(first.id)
    await second.publish()
    await expect(second.publish()).rejects.toBeInstanceOf(ConflictError)
  })

  it('the same file may run as two kinds at once', async () => {
    const store = current()
    const sha = freshPrefix()
    const orders = await beginImport(store, startInput(sha))
    const customers = await beginImport(store, { ...startInput(sha), kind: 'customers' })
    expect(customers.id).not.toBe(orders.id)
    await Promise.all([orders.fail('test over'), customers.fail('test over')])
  })

  it('each batch renews the heartbeat and adds its counts to the import row', async () => {
    const store = current()
    const session = await beginImport(store, startInput())
    const row = () =>
      store.db
        .selectFrom('imports')
        .selectAll()
        .where('id', '=', session.id)
        .executeTakeFirstOrThrow()
    const before = await row()
    await new Promise((resolve) => setTimeout(resolve, 5))
    await session.write(orderRecords({ prefix: freshPrefix(), count: 10 }))
    const after = await row()
    expect(after.heartbeat_at > before.heartbeat_at).toBe(true)
    expect([Number(after.read_count), Number(after.inserted_count)]).toEqual([10, 10])
    expect(after.status).toBe('running')
    await session.fail('test over')
  })
})
