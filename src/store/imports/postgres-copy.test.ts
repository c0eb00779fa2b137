import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { copyField, copyLine } from './postgres-copy.js'

// the reading side of COPY's text format, as PostgreSQL documents it, to check the writing side
function parseCopyLine(line: string): (string | null)[] {
  return line
    .replace(/\n$/, '')
    .split('\t')
    .map((field) =>
      field === '\\N'
        ? null
        : field.replace(/\\(.)/g, (_match, escaped: string) => {
            const unescaped: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\' }
            return unescaped[escaped] ?? escaped
          }),
    )
}

describe('COPY text format', () => {
  it('escapes the characters that end a field or a row, and writes null as \\N', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e')
    expect(copyField(null)).toBe('\\N')
    expect(copyField('\\N')).toBe('\\\\N')
    expect(copyField(-12)).toBe('-12')
  })

  it('a row of any text, numbers and nulls reads back as written', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null))
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => {
        const line = copyLine(cells)
        expect(line.endsWith('\n')).toBe(true)
        expect(line.slice(0, -1)).not.toMatch(/[\n\r]/)
        expect(parseCopyLine(line)).toEqual(
          cells.map((value) => (typeof value === 'number' ? String(value) : value)),
        )
      }),
      { numRuns: 500 },
    )
  })
})
