import { type Actor, can } from '../domain/access-policy.js'
import { formatCsvRow } from '../domain/csv-cell.js'
import { ForbiddenError } from '../domain/errors.js'
import type { Store } from '../store/index.js'
import { type AuditContext, auditAuth } from './auth/audit.js'

/** How an export is written: spreadsheet-safe CSV (TESTPLAN T14) or a JSON array. */
export type ExportFormat = 'csv' | 'json'

/** A cell of an export: text, a number, or empty. */
export type ExportValue = string | number | null

/** One column of an export: its key (the JSON field and CSV header) and how to read it. */
export interface ExportColumn<TRow> {
  readonly key: string
  readonly value: (row: TRow) => ExportValue
}

/** An export ready to stream: its download name, media type and text, piece by piece. */
export interface ExportFile {
  readonly fileName: string
  readonly mediaType: 'text/csv' | 'application/json'
  readonly chunks: AsyncIterable<string>
}

/** How to export: the format, who is asking (for the audit log) and the bulk limit. */
export interface ExportOptions {
  readonly format: ExportFormat
  readonly audit: AuditContext
  /** rows with a name or contact a role without bulk rights may export at once; default 100 */
  readonly maxPiiRows?: number
}

/** What one export reads: the scoped pages of rows, how to write them, which filters were used. */
export interface ExportSource<TRow> {
  /** the audit log's object type, and the start of the file name */
  readonly objectType: 'lost_list' | 'customer_list'
  readonly columns: readonly ExportColumn<TRow>[]
  /** pages of rows the actor may read, in order */
  readonly pages: AsyncIterable<readonly TRow[]>
  /** whether a row carries personal data (a name or a contact) */
  readonly hasPii: (row: TRow) => boolean
  /** the names of the filters the caller set (never their values, which may be personal) */
  readonly filterNames: readonly string[]
}

/** SPEC: bulk exports of personal data beyond this many rows need the admin, VP or analyst role. */
export const DEFAULT_MAX_PII_ROWS = 100

/**
 * Turns a scoped source into an export file. A role without the `contact_export` right (manager,
 * rep) may export at most `maxPiiRows` rows that carry a name or contact: its rows are read ahead,
 * and past the limit the export is refused (ForbiddenError, audited as `denied_export`) before a
 * byte is sent. Every export that runs is audited once it ends, as `export` with its format, row
 * count and filter names (TESTPLAN T18, T20): the values themselves never reach the log.
 * @throws ForbiddenError for a bulk export the role may not make
 * @example const file = await buildExport(store, actor, source, { format: 'csv', audit })
 */
export async function buildExport<TRow>(
  store: Store,
  actor: Actor,
  source: ExportSource<TRow>,
  options: ExportOptions,
): Promise<ExportFile> {
  const maxPiiRows = options.maxPiiRows ?? DEFAULT_MAX_PII_ROWS
  const pages = can(actor, 'read', { type: 'contact_export' })
    ? source.pages
    : await readAheadWithin(source, maxPiiRows, async () => {
        await auditAuth(store, options.audit, {
          action: 'denied_export',
          objectType: source.objectType,
          fields: source.filterNames.map((name) => `filter:${name}`),
        })
        throw new ForbiddenError(
          `exporting more than ${maxPiiRows} records with names or contacts needs the admin, VP or analyst role: narrow the filters`,
        )
      })
  const write = options.format === 'csv' ? csvChunks : jsonChunks
  return {
    fileName: `${source.objectType.replace('_', '-')}.${options.format}`,
    mediaType: options.format === 'csv' ? 'text/csv' : 'application/json',
    chunks: audited(
      (counted) => write(source.columns, pages, counted),
      async (rows, complete) => {
        await auditAuth(store, options.audit, {
          action: 'export',
          objectType: source.objectType,
          fields: [
            `format:${options.format}`,
            `rows:${rows}`,
            ...(complete ? [] : ['incomplete']),
            ...source.filterNames.map((name) => `filter:${name}`),
          ],
        })
      },
    ),
  }
}

// reads every page while the personal rows stay within the limit; past it, `refuse` throws
async function readAheadWithin<TRow>(
  source: ExportSource<TRow>,
  maxPiiRows: number,
  refuse: () => Promise<never>,
): Promise<AsyncIterable<readonly TRow[]>> {
  const pages: (readonly TRow[])[] = []
  let personal = 0
  for await (const page of source.pages) {
    personal += page.filter(source.hasPii).length
    if (personal > maxPiiRows) {
      return await refuse()
    }
    pages.push(page)
  }
  return (async function* replay() {
    yield* pages
  })()
}

/** Rows counted as they pass, so the audit entry says how many left. */
interface Counted {
  rows: number
}

async function* csvChunks<TRow>(
  columns: readonly ExportColumn<TRow>[],
  pages: AsyncIterable<readonly TRow[]>,
  counted: Counted = { rows: 0 },
): AsyncGenerator<string, void, undefined> {
  yield formatCsvRow(columns.map((column) => column.key))
  for await (const page of pages) {
    if (page.length > 0) {
      yield page.map((row) => formatCsvRow(columns.map((column) => column.value(row)))).join('')
      counted.rows += page.length
    }
  }
}

async function* jsonChunks<TRow>(
  columns: readonly ExportColumn<TRow>[],
  pages: AsyncIterable<readonly TRow[]>,
  counted: Counted = { rows: 0 },
): AsyncGenerator<string, void, undefined> {
  yield '['
  for await (const page of pages) {
    const lines = page.map((row) => {
      const record = Object.fromEntries(columns.map((column) => [column.key, column.value(row)]))
      return JSON.stringify(record)
    })
    if (lines.length > 0) {
      yield `${counted.rows === 0 ? '\n' : ',\n'}${lines.join(',\n')}`
      counted.rows += page.length
    }
  }
  yield '\n]\n'
}

type ChunkWriter = (counted: Counted) => AsyncGenerator<string, void, undefined>

// the audit entry is written once the file ends, or when the reader stops early (then `incomplete`)
function audited(
  write: ChunkWriter,
  onEnd: (rows: number, complete: boolean) => Promise<void>,
): AsyncIterable<string> {
  return {
    async *[Symbol.asyncIterator]() {
      const counted: Counted = { rows: 0 }
      let complete = false
      try {
        yield* write(counted)
        complete = true
      } finally {
        await onEnd(counted.rows, complete)
      }
    },
  }
}
