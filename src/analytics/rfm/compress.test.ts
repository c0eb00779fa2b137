import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RfmSummary } from '../types.js'
import { compressRfm, compressRfmWithIndex } from './compress.js'
import { distinctRows } from './distinct-rows.js'

const row = fc.tuple(
  fc.integer({ min: 0, max: 4 }),
  fc.constantFrom(0, 0.5, 1 / 7, 2, 3.25),
  fc.constantFrom(3.25, 5, 38.86),
  fc.integer({ min: 0, max: 3 }),
)

function summaryOf(rows: [number, number, number, number][]): RfmSummary {
  return {
    length: rows.length,
    frequency: Float64Array.from(rows, (r) => r[0]),
    recency: Float64Array.from(rows, (r) => r[1]),
    age: Float64Array.from(rows, (r) => r[2]),
    weights: Float64Array.from(rows, (r) => r[3]),
  }
}

const keyOf = (s: RfmSummary, i: number) => `${s.frequency[i]}|${s.recency[i]}|${s.age[i]}`

describe('compressRfmWithIndex', () => {
  it('keeps one row per distinct triple, in first-seen order, with the weights added up', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 300 }), (rows) => {
        const input = summaryOf(rows)
        const { summary, rowOf } = compressRfmWithIndex(input)
        const expected = new Map<string, number>()
        for (let i = 0; i < input.length; i++) {
          const key = keyOf(input, i)
          expected.set(key, (expected.get(key) ?? 0) + input.weights[i]!)
        }
        expect(summary.length).toBe(expected.size)
        expect(Array.from({ length: summary.length }, (_, k) => keyOf(summary, k))).toEqual([
          ...expected.keys(),
        ])
        for (let k = 0; k < summary.length; k++) {
          expect(summary.weights[k]).toBe(expected.get(keyOf(summary, k)))
        }
        for (let i = 0; i < input.length; i++) {
          expect(keyOf(summary, rowOf[i]!)).toBe(keyOf(input, i))
        }
      }),
    )
  })

  it('counts −0 and +0 as the same recency', () => {
    const input = summaryOf([
      [0, -0, 5, 1],
      [0, 0, 5, 2],
    ])
    expect(compressRfm(input).length).toBe(1)
    expect(compressRfm(input).weights[0]).toBe(3)
  })
})

describe('distinctRows', () => {
  it('groups columns with many distinct values (the hashed path) exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed
        const next = () => {
          state = (Math.imul(state, 48271) + 11) % 2147483647
          return state
        }
        const n = 6000
        const a = Float64Array.from({ length: n }, () => (next() % 1500) / 7)
        const b = Float64Array.from({ length: n }, () => (next() % 1500) * 1.5)
        const groups = distinctRows([a, b], n)
        const seen = new Map<string, number>()
        let mismatches = 0
        for (let i = 0; i < n; i++) {
          const key = `${a[i]}|${b[i]}`
          const code = seen.get(key) ?? seen.size
          seen.set(key, code)
          mismatches += groups.rowOf[i] === code ? 0 : 1
        }
        expect(mismatches).toBe(0)
        expect(groups.count).toBe(seen.size)
      }),
      { numRuns: 5 },
    )
  })
})
