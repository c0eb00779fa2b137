/**
 * A seeded generator of orders CSV files with known damage (TESTPLAN T1 fixtures): about 1 % of
 * rows are malformed in every way the plan names, and the generator keeps the truth about each.
 */

/** What went wrong on purpose in a row, as the import should report it. */
export type Damage =
  | 'unterminated_quote'
  | 'wrong_field_count'
  | 'invalid_utf8'
  | 'bad_date'
  | 'bad_amount'
  | 'wrong_currency'
  | 'duplicate_key_conflict'

/** The truth about a generated file. */
export interface BadCsvTruth {
  /** keys of the records that must be stored (`id:<order id>`), each once */
  validKeys: string[]
  /** the damaged rows: start line and the reject code the import must give */
  rejects: { line: number; code: Damage }[]
  /** exact repeats of an earlier row (same order id, same content): `unchanged` */
  repeats: number
  /** records in the file (header excluded) */
  records: number
}

export interface BadCsvOptions {
  readonly rows: number
  readonly seed: number
  /** share of damaged rows, default 0.01 */
  readonly damageRate?: number
  readonly crlf?: boolean
  readonly bom?: boolean
  /** first order number, so a second file can continue the first (a superset) */
  readonly firstOrder?: number
}

/** A small, fast, seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DAMAGES: readonly Damage[] = [
  'unterminated_quote',
  'wrong_field_count',
  'invalid_utf8',
  'bad_date',
  'bad_amount',
  'wrong_currency',
  'duplicate_key_conflict',
]

export const BAD_CSV_HEADER = [
  'order_id',
  'customer_id',
  'ordered_on',
  'amount',
  'currency',
  'status',
  'note',
]

interface Row {
  cells: string[]
  bytes?: number[]
  code?: Damage
}

/** Builds the file's bytes and its truth. */
export function generateBadOrdersCsv(options: BadCsvOptions): {
  bytes: Uint8Array
  truth: BadCsvTruth
} {
  const random = seededRandom(options.seed)
  const rate = options.damageRate ?? 0.01
  const eol = options.crlf === true ? '\r\n' : '\n'
  const chunks: Uint8Array[] = []
  const encoder = new TextEncoder()
  const truth: BadCsvTruth = { validKeys: [], rejects: [], repeats: 0, records: 0 }
  const written: string[][] = []
  let line = 1
  const emit = (text: string, extra?: number[]): void => {
    chunks.push(encoder.encode(text))
    if (extra !== undefined) {
      chunks.push(new Uint8Array(extra))
    }
  }
  emit(`${options.bom === true ? '\uFEFF' : ''}${BAD_CSV_HEADER.join(',')}${eol}`)
  line++
  const first = options.firstOrder ?? 1
  for (let i = 0; i < options.rows; i++) {
    const orderNumber = first + i
    const cells = validCells(random, orderNumber)
    const damage = random() < rate ? DAMAGES[Math.floor(random() * DAMAGES.length)] : undefined
    if (damage === undefined && written.length > 0 && random() < 0.002) {
      const repeat = written[Math.floor(random() * written.length)] ?? cells
      line += writeRow({ cells: repeat }, emit, eol)
      truth.repeats++
      truth.records++
      continue
    }
    const row = damage === undefined ? { cells } : damageRow(damage, cells, written, random)
    if (damage === undefined) {
      truth.validKeys.push(`id:${cells[0]}`)
      written.push(cells)
    } else {
      truth.rejects.push({ line, code: row.code ?? damage })
    }
    truth.records++
    line += writeRow(row, emit, eol)
  }
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0)
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.length
  }
  return { bytes, truth }
}

function validCells(random: () => number, orderNumber: number): string[] {
  const customer = `C${Math.floor(random() * 5000)}`
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 1500) * 86_400_000)
  const amount = (Math.floor(random() * 100_000) / 100).toFixed(2)
  const status = random() < 0.05 ? 'cancelled' : random() < 0.5 ? 'paid' : 'placed'
  const noteRoll = random()
  const note =
    noteRoll < 0.02
      ? '"line one\nline two, with comma"'
      : noteRoll < 0.05
        ? '"says ""hi"", twice"'
        : noteRoll < 0.06
          ? 'Zoë – café'
          : ''
  return [`O${orderNumber}`, customer, day.toISOString().slice(0, 10), amount, 'USD', status, note]
}

function damageRow(
  damage: Damage,
  cells: string[],
  written: string[][],
  random: () => number,
): Row {
  // a rejected record resumes on the line after its start (SPEC), so damaged rows stay on one line
  const copy = [...cells.slice(0, 6), '']
  switch (damage) {
    case 'unterminated_quote':
      copy[6] = '"never closed'
      return { cells: copy }
    case 'wrong_field_count':
      return { cells: [...copy, 'extra'] }
    case 'invalid_utf8':
      copy[6] = 'bad'
      return { cells: copy, bytes: [0xff, 0xfe, 0x41] }
    case 'bad_date':
      copy[2] = random() < 0.5 ? '2024-13-45' : 'someday'
      return { cells: copy }
    case 'bad_amount':
      copy[3] = 'twelve'
      return { cells: copy }
    case 'wrong_currency':
      copy[4] = 'EUR'
      return { cells: copy }
    case 'duplicate_key_conflict': {
      const earlier = written[Math.floor(random() * written.length)]
      if (earlier === undefined) {
        copy[3] = 'twelve'
        return { cells: copy, code: 'bad_amount' }
      }
      const changed = [...earlier]
      changed[3] = (Number(earlier[3]) + 1).toFixed(2)
      return { cells: changed }
    }
  }
}

/** writes one row (the note cell is written as given, already quoted when it needs quotes); returns its physical lines */
function writeRow(row: Row, emit: (text: string, extra?: number[]) => void, eol: string): number {
  const text = row.cells.join(',')
  if (row.bytes === undefined) {
    emit(`${text}${eol}`)
  } else {
    emit(text, row.bytes)
    emit(eol)
  }
  return text.split('\n').length
}
