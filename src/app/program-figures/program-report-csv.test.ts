import fc from 'fast-check'
import { expect, it } from 'vitest'
import { caseDialects, describeWorld } from '../cases/__fixtures__/case-world.js'
import { HISTORY_TODAY, historySpec, writeHistory } from './__fixtures__/program-history.js'
import { FIGURE_DIMENSIONS } from './dimensions.js'
import { programFiguresAs } from './program-figures.js'
import { programReportCsv, REPORT_COLUMNS, reportLines } from './program-report-csv.js'

const targets = await caseDialects()

/** A plain RFC 4180 reader, written apart from the writer so that each checks the other. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i)
    if (quoted) {
      if (char === '"' && text.charAt(i + 1) === '"') {
        cell += '"'
        i += 1
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
      i += 1
    } else {
      cell += char
    }
  }
  return rows
}

// TESTPLAN T14: what a spreadsheet reads as a formula, also full-width and after leading whitespace
const RISKY = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']
const NUMBER = /^-?\d+(?:\.\d+)?$/
const risky = (text: string) =>
  !NUMBER.test(text) &&
  (RISKY.includes(text.charAt(0)) || RISKY.includes(text.trimStart().charAt(0)))

const hostile = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '\u3000', '\t'),
    fc.constantFrom(...RISKY, 'a', '"', ','),
    fc.string({ maxLength: 12 }),
  )
  .map(([space, first, rest]) => `${space}${first}${rest}`)
const phoneLike = fc.integer({ min: 1_000_000, max: 9_999_999 }).map((n) => `+1555${n}`)
const name = fc.oneof(hostile, phoneLike, fc.constantFrom('-12.5', '=HYPERLINK("x")', '@SUM(A1)'))

describeWorld('the program report CSV (TESTPLAN T14)', targets, (current) => {
  it('writes no text cell a spreadsheet runs, and reads back as written, for hostile segment, reason and staff names', async () => {
    const { store } = current()
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(name, { minLength: 5, maxLength: 5, selector: (text) => text.trim() }),
        fc.array(name, { minLength: 6, maxLength: 6 }),
        async (labels, people) => {
          const [segA = '', segB = '', r1 = '', r2 = '', r3 = ''] = labels
          const spec = historySpec({ segments: [segA, segB], reasons: [r1, r2, r3] })
          const written = await writeHistory(store, spec, people)
          const vp = {
            userId: written.people.vp,
            role: 'vp' as const,
            teamUserIds: new Set<number>(),
          }
          for (const by of FIGURE_DIMENSIONS) {
            const figures = await programFiguresAs(store, vp, { today: HISTORY_TODAY, by })
            const rows = parseCsv(programReportCsv(figures))
            const header = rows[0] ?? []
            const expectedHeader = REPORT_COLUMNS.map((column) => column.key)
            expect(header).toEqual(expectedHeader.map((key) => (risky(key) ? `'${key}` : key)))
            const lines = reportLines(figures)
            expect(rows.length).toBe(lines.length + 1)
            for (const [index, line] of lines.entries()) {
              const cells = rows[index + 1] ?? []
              expect(cells.length).toBe(REPORT_COLUMNS.length)
              for (const [column, spec] of REPORT_COLUMNS.entries()) {
                const value = spec.value(line)
                const cell = cells[column] ?? ''
                if (typeof value === 'string') {
                  expect(cell).toBe(risky(value) ? `'${value}` : value)
                } else {
                  expect(cell).toBe(value === null ? '' : String(value))
                }
                if (risky(cell)) {
                  expect(cell.startsWith("'")).toBe(true)
                }
              }
            }
            if (by === 'segment') {
              const groups = rows.slice(1).map((row) => row[1] ?? '')
              for (const segment of [segA, segB]) {
                expect(groups).toContain(risky(segment) ? `'${segment}` : segment)
              }
            }
          }
        },
      ),
      { numRuns: 8 },
    )
  })
})
