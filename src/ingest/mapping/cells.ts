import type { RejectCode } from '../../domain/records.js'
import { isCurrencyCode } from '../fields/currency.js'
import { readEmail, readFlag } from '../fields/values.js'
import type { CsvRecordProblem } from '../formats/csv-records.js'
import type { ColumnIndex } from './columns.js'
import type { FileConventions, ReadingOptions } from './conventions.js'

/** Everything a kind's mapper needs besides the record: columns, conventions, settings. */
export interface MapperContext {
  readonly columns: ColumnIndex
  readonly conventions: FileConventions
  readonly options: ReadingOptions
}

/** A record's fields with the context to read them; helpers throw RowRejection, caught by `mapRow`. */
export interface Row {
  readonly fields: readonly string[]
  readonly line: number
  readonly context: MapperContext
}

/** Thrown inside a mapper for a bad cell and turned back into data by `mapRow` at once. */
export class RowRejection extends Error {
  readonly problem: CsvRecordProblem

  constructor(field: string | null, code: RejectCode, message: string) {
    super(message)
    this.problem = { field, code, message }
  }
}

/** Runs a mapper over one row: the record, or the problem that rejects it. */
export function mapRow<T>(row: Row, read: (row: Row) => T): T | CsvRecordProblem {
  try {
    return read(row)
  } catch (error) {
    if (error instanceof RowRejection) {
      return error.problem
    }
    throw error
  }
}

/** The column a field comes from, or -1 when the file has none. */
export function columnOf(context: MapperContext, name: string): number {
  return context.columns[name] ?? -1
}

/** The raw text of a field, or '' when the file has no column for it. */
export function cell(row: Row, name: string): string {
  const at = row.context.columns[name] ?? -1
  return at === -1 ? '' : (row.fields[at] ?? '')
}

/** True when the file has a column for the field. */
export function hasColumn(row: Row, name: string): boolean {
  return (row.context.columns[name] ?? -1) !== -1
}

/** A trimmed text field that must not be empty. */
export function requiredText(row: Row, name: string): string {
  const value = cell(row, name).trim()
  if (value === '') {
    throw new RowRejection(name, 'missing_value', `${name} is empty`)
  }
  return value
}

/** A trimmed text field; empty is null. */
export function optionalText(row: Row, name: string): string | null {
  const value = cell(row, name).trim()
  return value === '' ? null : value
}

/** A required date as `YYYY-MM-DD`. */
export function requiredDate(row: Row, name: string): string {
  const text = cell(row, name)
  if (text.trim() === '') {
    throw new RowRejection(name, 'missing_value', `${name} is empty`)
  }
  const date = row.context.conventions.date(text, row.context.columns[name] ?? -1)
  if (date === 'invalid' || date === 'ambiguous') {
    throw new RowRejection(name, 'bad_date', `${name} "${text}" is not a date`)
  }
  return date
}

/** An optional date; empty is null. */
export function optionalDate(row: Row, name: string): string | null {
  return cell(row, name).trim() === '' ? null : requiredDate(row, name)
}

/**
 * A money amount in the company currency's minor units; empty is `fallback` (or a rejection when
 * none); another currency, named by the amount or the currency column, is `wrong_currency`.
 */
export function money(row: Row, name: string, fallback?: number): number {
  const text = cell(row, name)
  if (text.trim() === '') {
    if (fallback === undefined) {
      throw new RowRejection(name, 'missing_value', `${name} is empty`)
    }
    return fallback
  }
  const reading = row.context.conventions.amount(text, row.context.columns[name] ?? -1)
  if (typeof reading === 'string') {
    throw new RowRejection(name, 'bad_amount', `${name} "${text}" is not an amount`)
  }
  checkCurrency(row, name, reading.currency)
  return reading.minor
}

/** the currency column and a mark in the amount must both be the company currency, when given */
export function checkCurrency(row: Row, amountField: string, fromAmount: string | null): void {
  const expected = row.context.options.currency
  const raw = cell(row, 'currency')
  if ((raw === expected || raw === '') && (fromAmount === null || fromAmount === expected)) {
    return
  }
  const column = raw.trim().toUpperCase()
  if (column !== '' && !isCurrencyCode(column)) {
    throw new RowRejection('currency', 'bad_value', `currency "${column}" is not an ISO 4217 code`)
  }
  for (const [field, code] of [
    ['currency', column],
    [amountField, fromAmount ?? ''],
  ] as const) {
    if (code !== '' && code !== expected) {
      throw new RowRejection(
        field,
        'wrong_currency',
        `${code} is not the company currency ${expected}`,
      )
    }
  }
}

/** A lower-cased email, or null when empty. */
export function email(row: Row, name: string): string | null {
  const value = readEmail(cell(row, name))
  if (value === 'invalid') {
    throw new RowRejection(
      name,
      'bad_email',
      `${name} "${cell(row, name)}" is not an email address`,
    )
  }
  return value
}

/** A yes/no field; empty is false. */
export function flag(row: Row, name: string): boolean {
  const value = readFlag(cell(row, name))
  if (value === 'invalid') {
    throw new RowRejection(name, 'bad_value', `${name} "${cell(row, name)}" is not yes or no`)
  }
  return value
}
