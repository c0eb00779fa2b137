import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { oracleSplitCsv } from '../../test-support/csv-oracle.js'
import { splitBytes } from '../../test-support/csv-split.js'

const encode = (text: string): Uint8Array => new TextEncoder().encode(text)

function writeField(value: string): string {
  return /[",\r\n]/.test(value) || value === '' ? `"${value.replaceAll('"', '""')}"` : value
}

function writeCsv(rows: string[][], lineEnd: string): string {
  return rows.map((row) => row.map(writeField).join(',')).join(lineEnd) + lineEnd
}

const fieldText = fc.string({
  unit: fc.constantFrom('a', 'b', 'é', '€', '😀', '"', ',', '\r', '\n', ' ', '1', '\u3000'),
  maxLength: 8,
})

const table = fc.integer({ min: 2, max: 5 }).chain((columns) =>
  fc.array(fc.array(fieldText, { minLength: columns, maxLength: columns }), {
    minLength: 1,
    maxLength: 30,
  }),
)

const lineFeeds = (row: string[]): number => row.join('').split('\n').length - 1

describe('CsvRecordSplitter', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, reporting start lines', () => {
    const csv = 'id,note,amount\r\n1,"a, ""b""",2\r\n2,"x\r\ny",3\r\n3,plain,4'
    const result = splitBytes(encode(`\uFEFF${csv}`))
    expect(result.header).toEqual(['id', 'note', 'amount'])
    expect(result.records).toEqual([
      { line: 2, fields: ['1', 'a, "b"', '2'] },
      { line: 3, fields: ['2', 'x\r\ny', '3'] },
      { line: 5, fields: ['3', 'plain', '4'] },
    ])
    expect(result.rejects).toEqual([])
  })

  it('rejects a stray quote at its start line and still reads the next valid row (F6)', () => {
    const csv = 'id,name\n1,"broken\n2,fine\n3,also fine\n'
    const result = splitBytes(encode(csv))
    expect(result.rejects.map((r) => [r.line, r.code])).toEqual([[2, 'unterminated_quote']])
    expect(result.rejects[0]?.raw).toBe('1,"broken')
    expect(result.records.map((r) => r.fields[0])).toEqual(['2', '3'])
  })

  it('rejects a quote still open after 10 physical lines but accepts one closed on the 10th', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `l${i}`).join('\n')
    const eleven = Array.from({ length: 11 }, (_, i) => `l${i}`).join('\n')
    const ok = splitBytes(encode(`a,b\n1,"${ten}"\n2,x\n`))
    expect(ok.records.map((r) => r.line)).toEqual([2, 12])
    const bad = splitBytes(encode(`a,b\n1,"${eleven}"\n2,x\n`))
    expect(bad.rejects[0]).toMatchObject({ line: 2, code: 'unterminated_quote' })
    expect(bad.records.map((r) => r.line)).toEqual([13])
  })

  it('rejects wrong field counts and invalid UTF-8 at their start lines', () => {
    const bytes = new Uint8Array([...encode('a,b\n1,2,3\n2,'), 0xff, 0xfe, ...encode('\n3,ok\n')])
    const result = splitBytes(bytes)
    expect(result.rejects.map((r) => [r.line, r.code])).toEqual([
      [2, 'wrong_field_count'],
      [3, 'invalid_utf8'],
    ])
    expect(result.records).toEqual([{ line: 4, fields: ['3', 'ok'] }])
  })

  it('resumes on the line after the start when the sink refuses a multi-line record', () => {
    const csv = 'a,b\n1,"x\n2,y"\n'
    const result = splitBytes(encode(csv), [], (fields) => fields[0] !== '1')
    expect(result.rejects.map((r) => r.line)).toEqual([2])
    expect(result.rejects[0]?.raw).toBe('1,"x\n2,y"')
    expect(result.records).toEqual([{ line: 3, fields: ['2', 'y"'] }])
  })

  it('round-trips random field content through the writer, with CRLF or LF', () => {
    fc.assert(
      fc.property(table, fc.boolean(), (rows, crlf) => {
        fc.pre(rows.every((row) => lineFeeds(row) < 10))
        const result = splitBytes(encode(writeCsv(rows, crlf ? '\r\n' : '\n')))
        expect([result.header, ...result.records.map((r) => r.fields)]).toEqual(rows)
        expect(result.rejects).toEqual([])
      }),
      { numRuns: 500 },
    )
  })

  it('gives the same records and rejects however the bytes are cut into chunks', () => {
    const bytesArb = fc
      .uint8Array({ maxLength: 300 })
      .chain((noise) =>
        fc.tuple(
          fc.array(fc.constantFrom(...'ab,"\r\n é1'.split(''), '\uFEFF'), { maxLength: 300 }),
          fc.constant(noise),
        ),
      )
    fc.assert(
      fc.property(bytesArb, fc.array(fc.nat(600), { maxLength: 20 }), ([chars, noise], cuts) => {
        const text = encode(chars.join(''))
        const bytes = mix(text, noise)
        const whole = safeSplit(bytes, [])
        expect(safeSplit(bytes, cuts)).toEqual(whole)
      }),
      { numRuns: 1000 },
    )
  })

  it('agrees with the independent oracle on randomly corrupted files', () => {
    fc.assert(
      fc.property(
        table,
        corruption(),
        fc.array(fc.nat(2000), { maxLength: 8 }),
        (rows, edits, cuts) => {
          const bytes = applyEdits(encode(writeCsv(rows, '\n')), edits)
          const split = safeSplit(bytes, cuts)
          const oracle = oracleSplitCsv(bytes)
          if (split === 'no header') {
            return
          }
          expect(split.records).toEqual(oracle.records)
          expect(split.rejects.map((r) => [r.line, r.code])).toEqual(
            oracle.rejects.map((r) => [r.line, r.code]),
          )
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('never loses a valid simple row to a stray quote elsewhere', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        (count, strays) => {
          const rows = Array.from({ length: count }, (_, i) => `c${i},2024-01-01,${i}.50`)
          const broken = new Set(strays.map((stray) => stray % count))
          const lines = rows.map((row, i) => (broken.has(i) ? row.replace(',', ',"') : row))
          const result = splitBytes(encode(`customer,date,amount\n${lines.join('\n')}\n`))
          const readIds = result.records.map((r) => r.fields[0])
          expect(readIds).toEqual(rows.map((_, i) => `c${i}`).filter((_, i) => !broken.has(i)))
          expect(result.rejects.map((r) => r.line)).toEqual(
            [...broken].sort((a, b) => a - b).map((i) => i + 2),
          )
        },
      ),
    )
  })
})

function safeSplit(bytes: Uint8Array, cuts: readonly number[]) {
  try {
    const result = splitBytes(bytes, cuts)
    return { ...result, rejects: result.rejects.map((r) => ({ line: r.line, code: r.code })) }
  } catch {
    return 'no header' as const
  }
}

function mix(text: Uint8Array, noise: Uint8Array): Uint8Array {
  const out: number[] = []
  text.forEach((byte, i) => {
    out.push(byte)
    const extra = noise[i]
    if (extra !== undefined && extra > 240) {
      out.push(extra)
    }
  })
  return new Uint8Array(out)
}

type Edit = { at: number; bytes: number[]; remove: number }

function corruption() {
  return fc.array(
    fc.record({
      at: fc.nat(),
      bytes: fc.array(fc.constantFrom(34, 44, 10, 13, 0xff, 0xc3, 97), { maxLength: 2 }),
      remove: fc.nat(2),
    }),
    { maxLength: 4 },
  )
}

function applyEdits(input: Uint8Array, edits: Edit[]): Uint8Array {
  let bytes = [...input]
  for (const edit of edits) {
    const at = bytes.length === 0 ? 0 : edit.at % bytes.length
    bytes = [...bytes.slice(0, at), ...edit.bytes, ...bytes.slice(at + edit.remove)]
  }
  return new Uint8Array(bytes)
}
