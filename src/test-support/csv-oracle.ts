/**
 * An independent, deliberately simple reading of SPEC's CSV record rule, used only by tests to
 * check the fast splitter (TESTPLAN T1): split the bytes into physical lines, then read each record
 * character by character from its start line; a rejected record resumes on the line after its start.
 */

export interface OracleRecord {
  readonly line: number
  readonly fields: string[]
}

export interface OracleReject {
  readonly line: number
  readonly code: 'unterminated_quote' | 'wrong_field_count' | 'invalid_utf8' | 'refused'
}

export interface OracleResult {
  readonly header: string[]
  readonly records: OracleRecord[]
  readonly rejects: OracleReject[]
  readonly physicalLines: number
}

const lenient = new TextDecoder('utf-8')
const strict = new TextDecoder('utf-8', { fatal: true })

/** Splits a whole CSV file; `accept` may refuse an intact record, as a field mapper would. */
export function oracleSplitCsv(
  bytes: Uint8Array,
  accept: (fields: string[], line: number) => boolean = () => true,
): OracleResult {
  const lines = physicalLines(bytes)
  const result: OracleResult = { header: [], records: [], rejects: [], physicalLines: lines.length }
  let fieldCount = -1
  let i = 0
  while (i < lines.length) {
    const text = lines[i]?.text ?? ''
    if (text === '' || text === '\r') {
      i++
      continue
    }
    const read = readRecord(lines, i)
    const line = i + 1
    let code: OracleReject['code'] | undefined
    if (read.fields === undefined) {
      code = 'unterminated_quote'
    } else if (lines.slice(i, i + read.used).some((physical) => !physical.valid)) {
      code = 'invalid_utf8'
    } else if (fieldCount < 0) {
      fieldCount = read.fields.length
      result.header.push(...read.fields)
    } else if (read.fields.length !== fieldCount) {
      code = 'wrong_field_count'
    } else if (!accept(read.fields, line)) {
      code = 'refused'
    } else {
      result.records.push({ line, fields: read.fields })
    }
    if (code !== undefined) {
      result.rejects.push({ line, code })
      i++
    } else {
      i += read.used
    }
  }
  return result
}

interface PhysicalLine {
  readonly text: string
  readonly valid: boolean
}

function physicalLines(input: Uint8Array): PhysicalLine[] {
  const hasBom = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf
  const bytes = hasBom ? input.subarray(3) : input
  const lines: PhysicalLine[] = []
  let start = 0
  for (let at = 0; at <= bytes.length; at++) {
    if (at === bytes.length || bytes[at] === 10) {
      if (at === bytes.length && start === at) {
        break
      }
      const piece = bytes.subarray(start, at)
      lines.push({ text: lenient.decode(piece), valid: isValid(piece) })
      start = at + 1
    }
  }
  return lines
}

function isValid(piece: Uint8Array): boolean {
  try {
    strict.decode(piece)
    return true
  } catch {
    return false
  }
}

type State = 'start' | 'unquoted' | 'quoted' | 'after-quote'

/** reads one record from line `first`: its fields (undefined when the quoting is broken) and the lines it used */
function readRecord(lines: PhysicalLine[], first: number): { fields?: string[]; used: number } {
  const fields: string[] = []
  let cell = ''
  let state: State = 'start'
  let used = 1
  let text = lines[first]?.text ?? ''
  let k = 0
  for (;;) {
    if (k === text.length) {
      if (state === 'quoted') {
        if (used === 10 || first + used >= lines.length) {
          return { used }
        }
        cell += '\n'
        text = lines[first + used]?.text ?? ''
        used++
        k = 0
        continue
      }
      if (state !== 'after-quote' && cell.endsWith('\r')) {
        cell = cell.slice(0, -1)
      }
      fields.push(cell)
      return { fields, used }
    }
    const char = text.charAt(k)
    if (state === 'start') {
      if (char === '"') {
        state = 'quoted'
      } else if (char === ',') {
        fields.push('')
      } else {
        cell = char
        state = 'unquoted'
      }
    } else if (state === 'unquoted') {
      if (char === ',') {
        fields.push(cell)
        cell = ''
        state = 'start'
      } else {
        cell += char
      }
    } else if (state === 'quoted') {
      if (char === '"' && text.charAt(k + 1) === '"') {
        cell += '"'
        k++
      } else if (char === '"') {
        state = 'after-quote'
      } else {
        cell += char
      }
    } else if (char === ',') {
      fields.push(cell)
      cell = ''
      state = 'start'
    } else if (!(char === '\r' && k === text.length - 1)) {
      return { used }
    }
    k++
  }
}
