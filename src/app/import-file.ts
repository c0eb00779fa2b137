import { basename, dirname, extname, join } from 'node:path'
import { ComebackError, ValidationError } from '../domain/errors.js'
import type { ImportKind } from '../domain/records.js'
import {
  type DecimalMark,
  type ParseOptions,
  parseDateOrder,
  parseInWorker,
  RejectsReport,
  sniffFile,
  type WorkerBatch,
} from '../ingest/index.js'
import { beginImport, getSetting, type ImportSession, type Store } from '../store/index.js'
import { afterOrdersImported } from './bounties/accrue-earnings.js'
import { fileSha256 } from './import-file-hash.js'
import { type ImportTally, newTally, tallyOutcome } from './import-tally.js'
import { nextWriteSize } from './import-write-size.js'
import { afterIncidentsRecorded } from './keep/watch-reasons.js'
import { forgetReimportedPeople } from './privacy/reimported-people.js'

const FIRST_WRITE_SIZE = 16_384

/** How far an import has got, for a progress bar. */
export interface ImportProgress {
  readonly bytesRead: number
  readonly totalBytes: number
  readonly read: number
}

/** What to import and how (SPEC: CSV, currency, time zone). */
export interface ImportFileOptions<TKind extends ImportKind> {
  readonly kind: TKind
  readonly path: string
  /** field → header name, as `--map customer_id="Cust No"` */
  readonly map?: Readonly<Record<string, string>>
  /** `DD/MM/YYYY` or `MM/DD/YYYY` (any separator), for numeric dates the file does not settle */
  readonly dateFormat?: string
  readonly decimal?: DecimalMark
  /** the company currency; default the `company.currency` setting, else USD */
  readonly currency?: string
  /** the company time zone; default the `company.timeZone` setting, else UTC */
  readonly timeZone?: string
  /** who runs it, for the imports table */
  readonly actor: string
  /** where the rejected-rows report goes; default `<file>.rejects.csv` beside the input */
  readonly rejectsPath?: string
  readonly onProgress?: (progress: ImportProgress) => void
  /** told when booking the bounty earnings of newly imported orders failed (the import stands) */
  readonly onAccrualError?: (error: unknown) => void
  /** told when checking new incidents against won-back customers' watched reasons failed */
  readonly onWatchError?: (error: unknown) => void
}

/** What an import did; the four outcomes add up to `read`. */
export interface ImportFileResult {
  readonly importId: number
  readonly read: number
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly rejected: number
  /** the rejected-rows report, or null when nothing was rejected */
  readonly rejectsFile: string | null
}

/**
 * Imports one CSV file: parsed in a worker thread while batches are written, rejects stored and
 * reported, the count invariant checked (inserted + updated + unchanged + rejected = read), then
 * published at once. On any failure the import is marked failed, nothing of it becomes visible,
 * and the error names the file.
 * @example const result = await importFile(store, { kind: 'orders', path: 'orders.csv', actor: 'cli:admin' })
 */
export async function importFile<TKind extends ImportKind>(
  store: Store,
  options: ImportFileOptions<TKind>,
): Promise<ImportFileResult> {
  const { sizeBytes } = await sniffFile(options.path)
  const parse = await parseOptionsFor(store, options)
  const session = await beginImport(store, {
    kind: options.kind,
    fileName: basename(options.path),
    fileSha256: await fileSha256(options.path),
    actor: options.actor,
  })
  const report = new RejectsReport(options.rejectsPath ?? defaultRejectsPath(options.path))
  let tally: ImportTally
  try {
    tally = await writeAll(session, report, parse, { options, sizeBytes })
    await report.close()
    await session.publish()
  } catch (error) {
    await report.close().catch(() => undefined)
    await session.fail(describe(error)).catch(() => undefined)
    throw nameTheFile(error, options.path)
  }
  if (options.kind === 'orders') {
    // pay for victories: earnings accrue when the won-back customer's orders arrive (issue 7);
    // the hook never throws, and the next import or `comeback bounty accrue` catches up
    await afterOrdersImported(store, options.onAccrualError)
  }
  if (options.kind === 'incidents') {
    // seal the deal: a new incident of a reason a won-back customer left over alerts the owner
    await afterIncidentsRecorded(store, options.onWatchError)
  }
  if (options.kind === 'customers' || options.kind === 'contacts') {
    // an erased person brought back by the file is forgotten again at once (TESTPLAN T23)
    await forgetReimportedPeople(store)
  }
  return { importId: session.id, ...tally, rejectsFile: report.path }
}

async function writeAll<TKind extends ImportKind>(
  session: ImportSession<TKind>,
  report: RejectsReport,
  parse: ParseOptions,
  context: { options: ImportFileOptions<TKind>; sizeBytes: number },
): Promise<ImportTally> {
  const tally = newTally()
  const sizer = { size: FIRST_WRITE_SIZE }
  const batches = parseInWorker<TKind>(parse)
  for (;;) {
    const step = await batches.next()
    if (step.done === true) {
      tally.read = step.value.read
      break
    }
    const { records, rejects, newCustomerIds, maybeRepeats, read, bytesRead } = step.value
    if (rejects.length > 0) {
      await session.reject(rejects)
      await report.add(rejects)
      tally.rejected += rejects.length
    }
    await writeInSlices(
      session,
      { records, newCustomerIds, maybeRepeats },
      { tally, report, sizer },
    )
    context.options.onProgress?.({ bytesRead, totalBytes: context.sizeBytes, read })
  }
  const held = await session.finishWriting()
  tallyOutcome(tally, held)
  await report.add(held.conflicts)
  checkInvariant(tally)
  return tally
}

/** writes records in slices sized so each write holds the lock about TARGET_WRITE_MS */
async function writeInSlices<TKind extends ImportKind>(
  session: ImportSession<TKind>,
  batch: Pick<WorkerBatch<TKind>, 'records' | 'newCustomerIds' | 'maybeRepeats'>,
  context: { tally: ImportTally; report: RejectsReport; sizer: { size: number } },
): Promise<void> {
  const { records, newCustomerIds, maybeRepeats } = batch
  let start = 0
  while (start < records.length) {
    const slice = records.slice(start, start + context.sizer.size)
    const began = performance.now()
    // the batch's new customers go with its first slice, made sure of before any of its orders
    const outcome = await session.write(slice, {
      newCustomerIds: start === 0 ? newCustomerIds : [],
      maybeRepeats: maybeRepeats.subarray(start, start + slice.length),
    })
    // the pace of this slice, scaled to a full slice (the last slice of a batch may be short)
    const fullSliceMs = ((performance.now() - began) * context.sizer.size) / slice.length
    context.sizer.size = nextWriteSize(context.sizer.size, fullSliceMs)
    tallyOutcome(context.tally, outcome)
    await context.report.add(outcome.conflicts)
    start += slice.length
  }
}

/** every record ends as exactly one outcome (TESTPLAN T1); anything else is a bug, so the import fails */
function checkInvariant(tally: ImportTally): void {
  const accounted = tally.inserted + tally.updated + tally.unchanged + tally.rejected
  if (accounted !== tally.read) {
    throw new ComebackError(
      'INTERNAL',
      `the import does not add up: ${tally.read} records read but ${accounted} accounted for (inserted ${tally.inserted}, updated ${tally.updated}, unchanged ${tally.unchanged}, rejected ${tally.rejected}); nothing was published`,
    )
  }
}

async function parseOptionsFor<TKind extends ImportKind>(
  store: Store,
  options: ImportFileOptions<TKind>,
): Promise<ParseOptions> {
  const currency = (
    options.currency ?? (await getSetting(store, 'company.currency', 'USD'))
  ).toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ValidationError(`currency ${currency} is not an ISO 4217 code such as USD or EUR`)
  }
  const timeZone = options.timeZone ?? (await getSetting(store, 'company.timeZone', 'UTC'))
  checkTimeZone(timeZone)
  return {
    kind: options.kind,
    path: options.path,
    fileName: options.path,
    map: options.map ?? {},
    dateOrder: dateOrderOption(options.dateFormat),
    decimal: options.decimal ?? null,
    currency,
    timeZone,
  }
}

function dateOrderOption(dateFormat: string | undefined): ParseOptions['dateOrder'] {
  if (dateFormat === undefined || /^y/i.test(dateFormat.trim())) {
    return null
  }
  const order = parseDateOrder(dateFormat)
  if (order === null) {
    throw new ValidationError(
      `--date-format ${dateFormat}: use DD/MM/YYYY or MM/DD/YYYY (ISO dates need no option)`,
    )
  }
  return order
}

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
  } catch (error) {
    throw new ValidationError(
      `time zone ${timeZone} is not an IANA time zone such as Europe/Paris`,
      {
        cause: error,
      },
    )
  }
}

/** `orders.csv` → `orders.rejects.csv`, beside the input */
function defaultRejectsPath(path: string): string {
  const extension = extname(path)
  return join(dirname(path), `${basename(path, extension)}.rejects.csv`)
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function nameTheFile(error: unknown, path: string): ComebackError {
  if (error instanceof ComebackError) {
    return error.message.includes(path)
      ? error
      : new ComebackError(error.code, `${path}: ${error.message}`, {
          cause: error,
          issues: error.issues,
        })
  }
  return new ComebackError('INTERNAL', `importing ${path} failed: ${describe(error)}`, {
    cause: error,
  })
}
