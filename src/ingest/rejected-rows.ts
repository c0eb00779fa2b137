import { type FileHandle, open } from 'node:fs/promises'
import { formatCsvRow } from '../domain/csv-cell.js'
import { ComebackError } from '../domain/errors.js'
import type { RejectedRecord } from '../domain/records.js'

/** The rejected-rows report's columns, in order. */
export const REJECTS_REPORT_COLUMNS = ['line', 'field', 'code', 'message', 'raw'] as const

/**
 * The rejected-rows report of one import: a spreadsheet-safe CSV (TESTPLAN T14) with the start
 * line, the field, the reason code, a message and the raw record. The file is created at the first
 * reject, so an import without rejects leaves none. Holds an open file until `close`.
 * @example const report = new RejectsReport('orders.rejects.csv'); await report.add(rows); await report.close()
 */
export class RejectsReport {
  readonly #path: string
  #file: FileHandle | undefined
  #count = 0

  constructor(path: string) {
    this.#path = path
  }

  /** The report's path once it holds a row, else null. */
  get path(): string | null {
    return this.#count > 0 ? this.#path : null
  }

  get count(): number {
    return this.#count
  }

  /** Appends rejected records, in the order given. */
  async add(rows: readonly RejectedRecord[]): Promise<void> {
    if (rows.length === 0) {
      return
    }
    const file = this.#file ?? (await this.#create())
    const text = rows
      .map((row) => formatCsvRow([row.line, row.field, row.code, row.message, row.raw]))
      .join('')
    await file.write(text)
    this.#count += rows.length
  }

  /** Flushes and closes the report (a no-op when nothing was rejected). */
  async close(): Promise<void> {
    const file = this.#file
    this.#file = undefined
    if (file !== undefined) {
      await file.sync()
      await file.close()
    }
  }

  async #create(): Promise<FileHandle> {
    try {
      this.#file = await open(this.#path, 'w')
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new ComebackError(
        'INVALID_INPUT',
        `cannot write the rejected-rows report ${this.#path} (${reason}); choose another place with --rejects PATH`,
        { cause: error },
      )
    }
    await this.#file.write(formatCsvRow(REJECTS_REPORT_COLUMNS))
    return this.#file
  }
}
