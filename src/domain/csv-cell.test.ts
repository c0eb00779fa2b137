import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatCsvCell, formatCsvRow, isFormulaRisk } from './csv-cell.js'

/** a minimal RFC 4180 reader, written separately from the writer so each checks the other */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i)
    if (quoted) {
      if (char === '"' && text.charAt(i + 1) === '"') {
        cell += '"'
        i++
      } else if (char === '"') {
        quoted = false
      } else {
        cell += char
      }
    } else if (char === '"') {
      quoted = true
    } else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text.charAt(i + 1) === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else {
      cell += char
    }
  }
  return rows
}

const RISKY_FIRST = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']
const riskyText = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '\u3000', '\u00a0'),
    fc.constantFrom(...RISKY_FIRST),
    fc.string({ unit: 'grapheme' }),
  )
  .map(([space, first, rest]) => `${space}${first}${rest}`)
const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), riskyText, fc.string())

describe('formatCsvCell', () => {
  it('prefixes formulas, also after leading whitespace and in full-width form', () => {
    expect(formatCsvCell('=1+1')).toBe("'=1+1")
    expect(formatCsvCell(' =1+1')).toBe("' =1+1")
    expect(formatCsvCell('＝1+1')).toBe("'＝1+1")
    expect(formatCsvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(formatCsvCell('\tx')).toBe("'\tx")
    expect(formatCsvCell('+15550000101')).toBe("'+15550000101")
  })

  it('writes numbers and numeric text as numbers without a prefix', () => {
    expect(formatCsvCell(-12.5)).toBe('-12.5')
    expect(formatCsvCell('-12.5')).toBe('-12.5')
    expect(formatCsvCell(42)).toBe('42')
    expect(formatCsvCell(null)).toBe('')
  })

  it('quotes cells holding quotes, commas and line breaks as RFC 4180 says', () => {
    expect(formatCsvCell('a "b", c')).toBe('"a ""b"", c"')
    expect(formatCsvCell('=a,b')).toBe(`"'=a,b"`)
    expect(formatCsvCell('line\r\nbreak')).toBe('"line\r\nbreak"')
  })

  it('never lets a text cell start with a formula character unless it is prefixed', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const [parsed] = parseCsv(formatCsvRow([text]))
        const cell = parsed?.[0] ?? ''
        const visible = cell.trimStart().charAt(0)
        const risky = RISKY_FIRST.includes(cell.charAt(0)) || RISKY_FIRST.includes(visible)
        if (risky && !/^-?\d+(?:\.\d+)?$/.test(cell)) {
          expect(cell.startsWith("'")).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('round-trips through an RFC 4180 reader as x, or as a prefixed x when risky', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 6 }), (cells) => {
        const [parsed] = parseCsv(formatCsvRow(cells))
        expect(parsed).toHaveLength(cells.length)
        cells.forEach((cell, index) => {
          const expected = isFormulaRisk(cell) ? `'${cell}` : cell
          expect(parsed?.[index]).toBe(expected)
        })
      }),
      { numRuns: 2000 },
    )
  })

  it('round-trips numbers as their decimal text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const [parsed] = parseCsv(formatCsvRow([value]))
        expect(Number(parsed?.[0])).toBe(value === 0 ? 0 : value)
      }),
    )
  })

  it('covers the header row the same way', () => {
    expect(formatCsvRow(['line', '=field', 'code'])).toBe("line,'=field,code\r\n")
  })
})
