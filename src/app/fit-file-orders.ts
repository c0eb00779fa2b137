import { ValidationError } from '../domain/errors.js'
import { dayNumber, isoDay } from './analyze-days.js'
import { type CustomerHistories, createHistoryFolder } from './analyze-histories.js'
import { type CsvTable, findColumn, requireColumn } from './fit-file-csv.js'

const CUSTOMER_COLUMNS = ['customer_id', 'customer', 'id', 'cust']
const DATE_COLUMNS = ['date', 'ordered_on', 'order_date']
const AMOUNT_COLUMNS = ['amount', 'value', 'dollar_value', 'sales', 'revenue']

interface OrderLine {
  readonly customerId: string
  readonly day: number
  readonly amount: number
}

/**
 * Folds an order file (customer, date, optional amount in major units) into histories at the
 * calibration end, with the holdout up to `holdoutEnd` when given. Same-day orders merge;
 * negative amounts are refunds (netted, never a purchase day); orders after the last end are
 * left out. Dates are `YYYY-MM-DD` or `YYYYMMDD`.
 * @throws ValidationError for a missing column, a bad date or amount, or a holdout end before the calibration end
 */
export function historiesFromOrders(
  table: CsvTable,
  options: { readonly calibrationEnd: string; readonly holdoutEnd?: string | undefined },
): CustomerHistories {
  const calibrationEndDay = dayNumber(options.calibrationEnd, 'calibration end')
  const holdoutEndDay =
    options.holdoutEnd === undefined ? null : dayNumber(options.holdoutEnd, 'holdout end')
  if (holdoutEndDay !== null && holdoutEndDay <= calibrationEndDay) {
    throw new ValidationError(
      `the holdout end ${options.holdoutEnd} must be after the calibration end ${options.calibrationEnd}`,
    )
  }
  const lastDay = holdoutEndDay ?? calibrationEndDay
  const lines = readOrderLines(table).filter((line) => line.day <= lastDay)
  if (lines.length === 0) {
    throw new ValidationError(
      `${table.file} has no orders on or before ${isoDay(lastDay)}: nothing to fit`,
    )
  }
  lines.sort((left, right) =>
    left.customerId === right.customerId
      ? left.day - right.day
      : left.customerId < right.customerId
        ? -1
        : 1,
  )
  const windowStartDay = lines.reduce((first, line) => Math.min(first, line.day), Infinity)
  const folder = createHistoryFolder(
    holdoutEndDay === null ? null : { endDay: calibrationEndDay, holdoutEndDay, windowStartDay },
  )
  foldMergedDays(lines, folder)
  return folder.finish()
}

function foldMergedDays(
  lines: readonly OrderLine[],
  folder: ReturnType<typeof createHistoryFolder>,
): void {
  let index = 0
  while (index < lines.length) {
    const first = lines[index] as OrderLine
    let spend = 0
    let refund = 0
    let purchases = 0
    while (index < lines.length) {
      const line = lines[index] as OrderLine
      if (line.customerId !== first.customerId || line.day !== first.day) {
        break
      }
      spend += Math.max(line.amount, 0)
      refund += Math.min(line.amount, 0)
      purchases += line.amount >= 0 ? 1 : 0
      index += 1
    }
    folder.add(first.customerId, first.day, spend, refund, purchases)
  }
}

function readOrderLines(table: CsvTable): OrderLine[] {
  const customerColumn = requireColumn(table, CUSTOMER_COLUMNS)
  const dateColumn = requireColumn(table, DATE_COLUMNS)
  const amountColumn = findColumn(table, AMOUNT_COLUMNS)
  return table.records.map((record, row) => {
    const where = `${table.file} line ${table.lines[row]}`
    const customerId = (record[customerColumn] ?? '').trim()
    if (customerId === '') {
      throw new ValidationError(`${where}: the customer is empty`)
    }
    const rawDate = (record[dateColumn] ?? '').trim()
    const isoDate = /^\d{8}$/.test(rawDate)
      ? `${rawDate.slice(0, 4)}-${rawDate.slice(4, 6)}-${rawDate.slice(6)}`
      : rawDate
    const day = dayNumber(isoDate, `${where}: date`)
    const rawAmount = amountColumn < 0 ? '0' : (record[amountColumn] ?? '').trim()
    const amount = Number(rawAmount)
    if (rawAmount === '' || !Number.isFinite(amount)) {
      throw new ValidationError(`${where}: amount "${rawAmount}" is not a number`)
    }
    return { customerId, day, amount }
  })
}
