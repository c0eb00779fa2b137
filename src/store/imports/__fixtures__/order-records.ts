import type { OrderRecord, OrderStatus } from '../../../domain/records.js'

/** What `orderRecords` makes: how many, and the prefix that keeps one test's keys apart. */
export interface OrderRecordsOptions {
  readonly prefix: string
  readonly count: number
  /** distinct customers the orders spread over (default: one per ten orders) */
  readonly customers?: number
  /** the first order number (default 0), so a superset can extend a set */
  readonly start?: number
  readonly status?: OrderStatus
}

/**
 * Deterministic orders with order ids `<prefix>-<n>` for customers `<prefix>-c<k>`, one per line
 * from line 2 (after a header), amounts varying with n.
 * @example orderRecords({ prefix: 'a1', count: 3 })
 */
export function orderRecords(options: OrderRecordsOptions): OrderRecord[] {
  const customers = options.customers ?? Math.max(1, Math.floor(options.count / 10))
  const start = options.start ?? 0
  const records: OrderRecord[] = []
  for (let n = start; n < start + options.count; n += 1) {
    const orderId = `${options.prefix}-${n}`
    records.push({
      line: n + 2,
      key: `id:${orderId}`,
      orderId,
      customerId: `${options.prefix}-c${n % customers}`,
      orderedOn: `2024-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
      amountMinor: 1000 + ((n * 37) % 9000),
      currency: 'EUR',
      status: options.status ?? 'placed',
    })
  }
  return records
}

/** Splits `items` into consecutive batches of `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size))
  }
  return result
}
