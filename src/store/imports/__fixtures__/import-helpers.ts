import { randomBytes } from 'node:crypto'
import type { ImportCounts, OrderRecord } from '../../../domain/records.js'
import type { Store } from '../../store.js'
import { beginImport } from '../begin-import.js'
import { batches } from './order-records.js'

/** A prefix no other test of this run uses, so tests sharing one database never meet. */
export const freshPrefix = (): string => `t${randomBytes(5).toString('hex')}`

/** A start input for an orders file with a fresh hash. */
export const startInput = (sha = freshPrefix()) => ({
  kind: 'orders' as const,
  fileName: 'orders.csv',
  fileSha256: sha,
  actor: 'test',
})

/** Visible orders (the readers' view) whose key starts with `id:<prefix>-`, by key. */
export function visibleOrders(store: Store, prefix: string) {
  return store.db
    .selectFrom('visible_orders')
    .selectAll()
    .where('order_key', 'like', `id:${prefix}-%`)
    .orderBy('order_key')
    .execute()
}

/** Every stored order row, visible or not, whose key starts with `id:<prefix>-`. */
export async function storedOrderCount(store: Store, prefix: string): Promise<number> {
  const row = await store.db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_key', 'like', `id:${prefix}-%`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Imports `records` as one orders file in batches and publishes it. */
export async function importOrders(
  store: Store,
  records: readonly OrderRecord[],
  batchSize = 2000,
): Promise<ImportCounts> {
  const session = await beginImport(store, startInput())
  for (const batch of batches(records, batchSize)) {
    await session.write(batch)
  }
  return session.publish()
}

/** `PRAGMA integrity_check` on SQLite; on PostgreSQL, whether the server still answers queries. */
export async function integrityCheck(store: Store): Promise<string> {
  if (store.dialect === 'sqlite') {
    return String(store.sqlite().pragma('integrity_check', { simple: true }))
  }
  const result = await store.pgPool().query('select 1 as ok')
  return result.rows.length === 1 ? 'ok' : 'no answer'
}
