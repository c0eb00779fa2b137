import { createReadStream } from 'node:fs'
import { ValidationError } from '../../domain/errors.js'
import type { ImportKind, RecordByKind, RejectedRecord } from '../../domain/records.js'
import type { DecimalMark } from '../fields/amounts.js'
import { currencyExponent } from '../fields/currency.js'
import type { DateOrder } from '../fields/dates.js'
import { CsvRecordSplitter } from '../formats/csv-records.js'
import type { MapperContext } from '../mapping/cells.js'
import { resolveColumns } from '../mapping/columns.js'
import { FileConventions, type ReadingOptions } from '../mapping/conventions.js'
import { createRecordMapper, isProblem, type RecordMapper } from '../mapping/record-mapper.js'
import { FirstSeen } from './first-seen.js'
import { RepeatMarks } from './repeat-marks.js'
import { scanConventions } from './scan-conventions.js'

/** What to parse and how: the file, its kind, the column map and the reading conventions. */
export interface ParseOptions {
  readonly kind: ImportKind
  readonly path: string
  /** the name used in messages (the path as the user gave it) */
  readonly fileName: string
  readonly map: Readonly<Record<string, string>>
  readonly dateOrder: DateOrder | null
  readonly decimal: DecimalMark | null
  readonly currency: string
  readonly timeZone: string
  readonly batchSize?: number
}

/** A run of parsed records and rejects, with the running totals of records and bytes read. */
export interface ParsedBatch<TKind extends ImportKind> {
  readonly records: RecordByKind[TKind][]
  readonly rejects: RejectedRecord[]
  /** the customers these records name that no earlier record of the file named, in file order */
  readonly newCustomerIds: string[]
  /** one per record: 0 when its key is met for the first time in the file, 1 when it may repeat */
  readonly maybeRepeats: Uint8Array
  /** records read so far (accepted and rejected, header excluded) */
  readonly read: number
  readonly bytesRead: number
}

const CHUNK_BYTES = 512 * 1024
const DEFAULT_BATCH_SIZE = 16_384

/**
 * Streams a CSV file through the splitter and the kind's mapper, handing over batches as they fill;
 * awaiting `onBatch` holds reading back, so memory stays flat. Returns the records read.
 * @throws ValidationError for a missing required column, an unreadable header, or a date order or
 * decimal mark the file does not settle
 */
export async function parseCsvFile<TKind extends ImportKind>(
  options: ParseOptions,
  onBatch: (batch: ParsedBatch<TKind>) => Promise<void> | void,
): Promise<{ read: number; bytesRead: number }> {
  const state = {
    records: [] as RecordByKind[TKind][],
    rejects: [] as RejectedRecord[],
    newCustomerIds: [] as string[],
    maybeRepeats: [] as (0 | 1)[],
    read: 0,
  }
  const marks = new RepeatMarks()
  // every kind but customers names the customer it belongs to
  const customers = options.kind === 'customers' ? null : new FirstSeen()
  let mapper: RecordMapper<TKind> | undefined
  const splitter = new CsvRecordSplitter({
    header: (names) => {
      mapper = createMapper(options, names)
    },
    record: (fields, line) => {
      const result = mapper?.(fields, line)
      if (result === undefined || isProblem(result)) {
        return result
      }
      state.maybeRepeats.push(marks.mark(result))
      state.records.push(result)
      if (customers?.isFirst(result.customerId) === true) {
        state.newCustomerIds.push(result.customerId)
      }
      state.read++
      return undefined
    },
    reject: (rejected) => {
      state.rejects.push(rejected)
      state.read++
    },
  })
  let bytesRead = 0
  const flush = async (): Promise<void> => {
    const { records, rejects, newCustomerIds, read } = state
    // typed, so the worker can hand its buffer over instead of copying it
    const maybeRepeats = Uint8Array.from(state.maybeRepeats)
    const batch = { records, rejects, newCustomerIds, maybeRepeats, read, bytesRead }
    state.records = []
    state.rejects = []
    state.newCustomerIds = []
    state.maybeRepeats = []
    await onBatch(batch)
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  try {
    for await (const chunk of createReadStream(options.path, { highWaterMark: CHUNK_BYTES })) {
      const bytes = chunk as Buffer
      bytesRead += bytes.length
      splitter.push(bytes)
      if (state.records.length + state.rejects.length >= batchSize) {
        await flush()
      }
    }
    splitter.end()
  } catch (error) {
    throw nameTheFile(error, options.fileName)
  }
  await flush()
  return { read: state.read, bytesRead }
}

function createMapper<TKind extends ImportKind>(
  options: ParseOptions,
  header: readonly string[],
): RecordMapper<TKind> {
  const kind = options.kind as TKind
  const columns = resolveColumns(
    kind,
    header.map((name) => name.trim()),
    options.map,
    options.fileName,
  )
  const reading: ReadingOptions = {
    fileName: options.fileName,
    dateOrder: options.dateOrder,
    decimal: options.decimal,
    currency: options.currency,
    exponent: currencyExponent(options.currency),
    timeZone: options.timeZone,
  }
  const conventions = new FileConventions(reading, scanConventions(options.path))
  const context: MapperContext = { columns, conventions, options: reading }
  return createRecordMapper(kind, context)
}

/** puts the file name in front of a message that lacks it */
function nameTheFile(error: unknown, fileName: string): unknown {
  if (error instanceof ValidationError && !error.message.startsWith(fileName)) {
    return new ValidationError(`${fileName}: ${error.message}`, {
      cause: error,
      issues: error.issues,
    })
  }
  return error
}
