import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCsvRecords, previewCsv, sniffDelimiter, suggestMapping } from './csv-preview.js'

// RFC 4180 writer, the independent oracle for the parser
const quote = (field: string, delimiter: string) =>
  /["\r\n]/.test(field) || field.includes(delimiter) || field === ''
    ? `"${field.replace(/"/g, '""')}"`
    : field

describe('parseCsvRecords', () => {
  it('reads back any table an RFC 4180 writer wrote, quotes, delimiters and line breaks included', () => {
    const table = fc.array(fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 2 }), {
      minLength: 1,
      maxLength: 6,
    })
    fc.assert(
      fc.property(table, fc.constantFrom(',', ';', '\t'), fc.boolean(), (rows, delimiter, crlf) => {
        const text = rows
          .map((row) => row.map((field) => quote(field, delimiter)).join(delimiter))
          .join(crlf ? '\r\n' : '\n')
        const parsed = parseCsvRecords(`${text}\n`, { delimiter, maxRecords: 100, complete: false })
        expect(parsed).toEqual(rows)
      }),
      { numRuns: 300 },
    )
  })

  it('drops a record cut off at the end of a partial read but keeps it when the text is the whole file', () => {
    expect(
      parseCsvRecords('a,b\n1,2', { delimiter: ',', maxRecords: 10, complete: false }),
    ).toEqual([['a', 'b']])
    expect(parseCsvRecords('a,b\n1,2', { delimiter: ',', maxRecords: 10, complete: true })).toEqual(
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    )
  })
})

describe('previewCsv', () => {
  it('strips a byte-order mark, finds a semicolon delimiter and keeps at most maxRows rows', () => {
    const preview = previewCsv(
      '\uFEFFCust No;Date;Total\nA;2024-01-01;1,50\nB;2024-01-02;2\nC;x;3\n',
      {
        maxRows: 2,
        complete: true,
      },
    )
    expect(preview.delimiter).toBe(';')
    expect(preview.headers).toEqual(['Cust No', 'Date', 'Total'])
    expect(preview.rows).toEqual([
      ['A', '2024-01-01', '1,50'],
      ['B', '2024-01-02', '2'],
    ])
  })

  it('ignores delimiters inside quotes when it sniffs', () => {
    expect(sniffDelimiter('"a;b;c;d",e,f')).toBe(',')
  })
})

describe('suggestMapping', () => {
  it('matches headers to fields by name or alias, ignoring case and punctuation, one column per field', () => {
    const fields = [
      { name: 'customer_id', aliases: ['cust no', 'customer'] },
      { name: 'ordered_on', aliases: ['order date'] },
      { name: 'amount', aliases: ['total'] },
      { name: 'currency', aliases: [] },
    ]
    expect(suggestMapping(fields, ['CUST-NO', 'Order_Date', 'Total', 'Notes'])).toEqual({
      customer_id: 'CUST-NO',
      ordered_on: 'Order_Date',
      amount: 'Total',
    })
  })
})
