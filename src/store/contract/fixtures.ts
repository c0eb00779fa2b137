import { randomBytes } from 'node:crypto'
import type { ImportStatus } from '../schema.js'
import type { Store } from '../store.js'

/** Hands the contract tests the store opened for the suite. */
export type StoreGetter = () => Store

/**
 * A key no other test of this run uses, so tests sharing one database never see each other's rows.
 * Lower-case letters and digits only, so SQLite and PostgreSQL collations sort it alike.
 */
export function uniqueKey(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`
}

/** Inserts an import run in the given state and returns its id. */
export async function insertImport(store: Store, status: ImportStatus): Promise<number> {
  const at = new Date().toISOString()
  const row = await store.db
    .insertInto('imports')
    .values({
      kind: 'orders',
      file_name: 'contract.csv',
      file_sha256: uniqueKey('sha'),
      status,
      actor: 'contract-test',
      started_at: at,
      heartbeat_at: at,
      finished_at: status === 'running' ? null : at,
      read_count: 0,
      inserted_count: 0,
      updated_count: 0,
      unchanged_count: 0,
      rejected_count: 0,
      rejects_file: null,
      error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A placed order row for `customerId` with a fresh key. */
export function orderFor(customerId: string, orderedOn: string, amountMinor: number) {
  return {
    order_key: uniqueKey('id:'),
    customer_id: customerId,
    ordered_on: orderedOn,
    amount_minor: amountMinor,
    currency: 'EUR',
    status: 'placed' as const,
  }
}
