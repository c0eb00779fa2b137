import type { ImportKind, RecordByKind } from './records.js'

/**
 * The key an import matches a record on: its `key`, or a customer's id. The store's tables say the
 * same per kind (`RECORD_TABLES[kind].keyOf`, which a test holds to this); the parse worker uses
 * this one to mark repeats before the records reach the store.
 * @example recordKey({ customerId: 'C1', … }) // 'C1'
 */
export function recordKey(record: RecordByKind[ImportKind]): string {
  return 'key' in record ? record.key : record.customerId
}
