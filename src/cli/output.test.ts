import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ValidationError } from '../domain/errors.js'
import {
  type Column,
  formatMinor,
  outputFormat,
  renderCsv,
  renderRows,
  renderTable,
} from './output.js'

interface Row {
  readonly name: string
  readonly amount: number
}

const COLUMNS: readonly Column<Row>[] = [
  { key: 'name', header: 'Name', value: (row) => row.name },
  {
    key: 'amount_minor',
    header: 'Amount',
    value: (row) => row.amount,
    display: (row) => formatMinor(row.amount),
    align: 'right',
  },
]

/** RFC 4180 cells of one CSV text, read independently of the code under test. */
function csvCells(text: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index)
    if (quoted && char === '"' && text.charAt(index + 1) === '"') {
      cell += '"'
      index++
    } else if (char === '"') {
      quoted = !quoted
    } else if (!quoted && (char === ',' || char === '\n')) {
      cells.push(cell.replace(/\r$/, ''))
      cell = ''
    } else {
      cell += char
    }
  }
  return cells
}

describe('CLI output', () => {
  it('aligns a table: text to the left, numbers to the right, headings first', () => {
    const table = renderTable(
      [
        { name: 'Acme', amount: 123456 },
        { name: 'Bo', amount: 5 },
      ],
      COLUMNS,
    )
    expect(table).toBe('Name    Amount\nAcme  1,234.56\nBo        0.05\n')
  })

  it('keeps raw values and machine names in JSON', () => {
    const json = renderRows([{ name: 'Acme', amount: 123456 }], COLUMNS, 'json')
    expect(JSON.parse(json)).toEqual([{ name: 'Acme', amount_minor: 123456 }])
  })

  it('never lets a CSV text cell start a formula, and reads back to the value or its quoted form', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.oneof(
              fc.string(),
              fc.constantFrom('=1+1', '+1555', '-x', '@a', '\tx', '\rx', ' =1', '＝1', '"a,b"\n'),
            ),
            amount: fc.integer({ min: -1e9, max: 1e9 }),
          }),
          { maxLength: 8 },
        ),
        (rows) => {
          const cells = csvCells(renderCsv(rows, COLUMNS))
          expect(cells.slice(0, 2)).toEqual(['name', 'amount_minor'])
          rows.forEach((row, index) => {
            const name = cells[2 + index * 2] ?? ''
            expect([row.name, `'${row.name}`]).toContain(name)
            const plainNumber = /^-?\d+(\.\d+)?$/.test(name)
            expect(plainNumber || !/^[=+\-@\t\r\n＝＋－＠]/.test(name)).toBe(true)
            if (!plainNumber && /^\s*[=+\-@＝＋－＠]/.test(row.name)) {
              expect(name).toBe(`'${row.name}`)
            }
            expect(cells[3 + index * 2]).toBe(String(row.amount))
          })
        },
      ),
    )
  })

  it('shows control characters in a table as escapes, so stored text cannot drive the terminal', () => {
    const table = renderTable([{ name: 'evil\u001b[2J', amount: 0 }], COLUMNS)
    expect(table).toContain('evil\\u001b[2J')
    expect(table).not.toContain('\u001b')
  })

  it('formats minor units with separators and sign', () => {
    expect(formatMinor(0)).toBe('0.00')
    expect(formatMinor(-123456789)).toBe('-1,234,567.89')
  })

  it('refuses --json and --csv together', () => {
    expect(() => outputFormat({ json: true, csv: true })).toThrow(ValidationError)
    expect(outputFormat({})).toBe('table')
  })
})
