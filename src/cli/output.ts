import { formatCsvRow } from '../domain/csv-cell.js'
import { ValidationError } from '../domain/errors.js'

/** How a command prints what it lists: an aligned table for people, JSON or CSV for programs. */
export type OutputFormat = 'table' | 'json' | 'csv'

/** A value a cell can hold; numbers stay numbers in JSON and CSV. */
export type CellValue = string | number | boolean | null

/** One column: its machine name (JSON key, CSV header), its table heading and how to read it. */
export interface Column<TRow> {
  readonly key: string
  readonly header: string
  readonly value: (row: TRow) => CellValue
  /** how the table shows the value (money, dates …); JSON and CSV get the raw value */
  readonly display?: (row: TRow) => string
  readonly align?: 'left' | 'right'
}

/** The format asked for by `--json` / `--csv` (at most one of them). */
export function outputFormat(options: {
  readonly json?: boolean
  readonly csv?: boolean
}): OutputFormat {
  if (options.json === true && options.csv === true) {
    throw new ValidationError('choose one output format: --json or --csv, not both')
  }
  if (options.json === true) {
    return 'json'
  }
  return options.csv === true ? 'csv' : 'table'
}

/** Renders rows in a format: a JSON array of objects keyed by column, RFC 4180 CSV, or a table. */
export function renderRows<TRow>(
  rows: readonly TRow[],
  columns: readonly Column<TRow>[],
  format: OutputFormat,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(
        rows.map((row) => rowObject(row, columns)),
        null,
        2,
      )}\n`
    case 'csv':
      return renderCsv(rows, columns)
    case 'table':
      return renderTable(rows, columns)
  }
}

/** Spreadsheet-safe CSV with a header row (TESTPLAN T14: formula-looking text gets a `'`). */
export function renderCsv<TRow>(rows: readonly TRow[], columns: readonly Column<TRow>[]): string {
  const lines = [formatCsvRow(columns.map((column) => column.key))]
  for (const row of rows) {
    lines.push(formatCsvRow(columns.map((column) => csvValue(column.value(row)))))
  }
  return lines.join('')
}

/** An aligned plain-text table with a heading row; control characters in cells are made visible. */
export function renderTable<TRow>(rows: readonly TRow[], columns: readonly Column<TRow>[]): string {
  const cells = rows.map((row) => columns.map((column) => displayValue(row, column)))
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => (line[index] ?? '').length)),
  )
  const formatLine = (line: readonly string[]): string =>
    line
      .map((cell, index) => {
        const width = widths[index] ?? cell.length
        return columns[index]?.align === 'right' ? cell.padStart(width) : cell.padEnd(width)
      })
      .join('  ')
      .trimEnd()
  const heading = formatLine(columns.map((column) => column.header))
  return `${[heading, ...cells.map(formatLine)].join('\n')}\n`
}

/** Label–value lines for one record, labels aligned. */
export function renderFields(fields: readonly (readonly [string, CellValue])[]): string {
  const width = Math.max(0, ...fields.map(([label]) => label.length))
  return fields
    .map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${printable(textOf(value))}`)
    .join('\n')
    .concat('\n')
}

/** Integer minor units as a decimal amount with thousands separators: 1234567 → "12,345.67". */
export function formatMinor(amountMinor: number): string {
  const sign = amountMinor < 0 ? '-' : ''
  const absolute = Math.abs(Math.round(amountMinor))
  const whole = Math.floor(absolute / 100).toLocaleString('en-US')
  return `${sign}${whole}.${String(absolute % 100).padStart(2, '0')}`
}

/** Writes text to standard output. */
export function writeOut(text: string): void {
  process.stdout.write(text)
}

/** Writes one note for people to standard error, so standard output stays machine-readable. */
export function writeNote(text: string): void {
  process.stderr.write(`${text}\n`)
}

function rowObject<TRow>(row: TRow, columns: readonly Column<TRow>[]): Record<string, CellValue> {
  const object: Record<string, CellValue> = {}
  for (const column of columns) {
    object[column.key] = column.value(row)
  }
  return object
}

function csvValue(value: CellValue): string | number | null {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : value
}

function displayValue<TRow>(row: TRow, column: Column<TRow>): string {
  return printable(column.display === undefined ? textOf(column.value(row)) : column.display(row))
}

function textOf(value: CellValue): string {
  if (value === null) {
    return ''
  }
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)
}

// a terminal must not receive raw control characters from stored data (escape sequences)
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) =>
    char === '\t' ? ' ' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
