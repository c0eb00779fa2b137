import fc from 'fast-check'
import { expect, it } from 'vitest'
import type { CustomerRecord, OrderRecord } from '../../domain/records.js'
import { RepeatMarks } from './repeat-marks.js'

const order = (key: string, line: number): OrderRecord => ({
  line,
  key,
  orderId: null,
  customerId: 'C1',
  orderedOn: '2024-01-01',
  amountMinor: 100,
  currency: 'EUR',
  status: 'placed',
})

it('marks the first record of a key 0 and every later one 1, whatever the order', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), (keys) => {
      const marks = new RepeatMarks()
      const met = new Set<string>()
      keys.forEach((key, line) => {
        const mark = marks.mark(order(key, line))
        // a 1 for a key never met would only hold a record back; a 0 for a repeat would lose it
        if (met.has(key)) {
          expect(mark).toBe(1)
        } else {
          expect(mark).toBe(0)
        }
        met.add(key)
      })
    }),
  )
})

it("keys a customer by its id, so a customers file's repeats are marked too", () => {
  const marks = new RepeatMarks()
  const customer = (customerId: string): CustomerRecord => ({
    line: 2,
    customerId,
    name: null,
    segment: null,
    territory: null,
    ownerEmail: null,
  })
  expect([customer('A'), customer('B'), customer('A')].map((r) => marks.mark(r))).toEqual([0, 0, 1])
})
