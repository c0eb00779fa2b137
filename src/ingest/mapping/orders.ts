import type { OrderRecord } from '../../domain/records.js'
import { readOrderStatus } from '../fields/values.js'
import type { CsvRecordProblem } from '../formats/csv-records.js'
import {
  cell,
  checkCurrency,
  columnOf,
  hasColumn,
  type MapperContext,
  mapRow,
  type Row,
  RowRejection,
  requiredDate,
  requiredText,
} from './cells.js'
import { OccurrenceCounter } from './occurrence-counter.js'

/**
 * Maps order rows. The key (SPEC: files without an order id) is `id:<order id>` when the file has
 * an order id column, otherwise `k:<customer>|<date>|<amountMinor>|<n>`, n counting rows with the
 * same customer, date and amount so far in the file: re-importing the file gives the same keys, and
 * a repeated identical row is a second real order. A negative amount is a refund row (`refunded`).
 */
export function createOrderMapper(
  context: MapperContext,
): (fields: readonly string[], line: number) => OrderRecord | CsvRecordProblem {
  const counter = new OccurrenceCounter()
  const withIds = columnOf(context, 'order_id') !== -1
  const read = (row: Row): OrderRecord => {
    const orderId = withIds ? requiredText(row, 'order_id') : null
    const customerId = requiredText(row, 'customer_id')
    const orderedOn = requiredDate(row, 'ordered_on')
    const amountMinor = orderAmount(row)
    const status = orderStatus(row, amountMinor)
    const key =
      orderId === null
        ? `k:${customerId}|${orderedOn}|${amountMinor}|${counter.next(`${customerId}|${orderedOn}|${amountMinor}`)}`
        : `id:${orderId}`
    const currency = context.options.currency
    return { line: row.line, key, orderId, customerId, orderedOn, amountMinor, currency, status }
  }
  return (fields, line) => mapRow({ fields, line, context }, read)
}

function orderAmount(row: Row): number {
  const text = cell(row, 'amount')
  if (text.trim() === '') {
    throw new RowRejection('amount', 'missing_value', 'amount is empty')
  }
  const reading = row.context.conventions.amount(text, columnOf(row.context, 'amount'))
  if (typeof reading === 'string') {
    throw new RowRejection('amount', 'bad_amount', `amount "${text}" is not an amount`)
  }
  if (reading.currency !== null || hasColumn(row, 'currency')) {
    checkCurrency(row, 'amount', reading.currency)
  }
  return reading.minor
}

function orderStatus(row: Row, amountMinor: number): OrderRecord['status'] {
  const text = cell(row, 'status')
  const status = readOrderStatus(text)
  if (status === 'invalid') {
    throw new RowRejection(
      'status',
      'bad_value',
      `status "${text}" is not placed, cancelled or refunded`,
    )
  }
  return amountMinor < 0 && status === 'placed' ? 'refunded' : status
}
