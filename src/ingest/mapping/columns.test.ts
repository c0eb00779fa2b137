import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveColumns } from './columns.js'
import { OccurrenceCounter } from './occurrence-counter.js'

describe('resolveColumns', () => {
  it('recognises common header names for orders', () => {
    const columns = resolveColumns(
      'orders',
      ['Invoice', 'Cust No', 'Created At', 'Revenue', 'Currency'],
      {},
      'x.csv',
    )
    expect(columns).toMatchObject({
      order_id: 0,
      customer_id: 1,
      ordered_on: 2,
      amount: 3,
      currency: 4,
      status: -1,
    })
  })

  it('prefers --map over detection and names a mapped header that is not there', () => {
    const header = ['Client', 'Customer', 'Date', 'Total']
    expect(resolveColumns('orders', header, { customer_id: 'client' }, 'x.csv')).toMatchObject({
      customer_id: 0,
    })
    expect(() => resolveColumns('orders', header, { customer_id: 'Nope' }, 'x.csv')).toThrow(
      /x\.csv: --map customer_id="Nope" names no column/,
    )
    expect(() => resolveColumns('orders', header, { colour: 'Date' }, 'x.csv')).toThrow(
      /no field colour/,
    )
  })

  it('names the file and the missing required field', () => {
    expect(() => resolveColumns('orders', ['Customer', 'Date'], {}, 'f.csv')).toThrow(
      /f\.csv: no column for amount/,
    )
  })
})

describe('OccurrenceCounter', () => {
  it('counts each key from 1, like a map would', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 3000 }), (keys) => {
        const counter = new OccurrenceCounter()
        const reference = new Map<string, number>()
        for (const key of keys) {
          const expected = (reference.get(key) ?? 0) + 1
          reference.set(key, expected)
          expect(counter.next(key)).toBe(expected)
        }
      }),
      { numRuns: 50 },
    )
  })
})
