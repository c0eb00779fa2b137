import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readCdnowSummary } from '../../test-support/cdnow-summary.js'
import { expectClose } from '../../test-support/expect-close.js'
import { AnalyticsInputError } from '../errors.js'
import { compressRfm } from '../rfm/compress.js'
import type { RfmSummary } from '../types.js'
import { bgNbd, bgNbdExpectedTransactions, bgNbdProbabilityAlive, fitBgNbd } from './bg-nbd.js'

const cdnow = readCdnowSummary()
const fit = fitBgNbd(cdnow)
/** Fader, Hardie & Lee 2005, Table 1 (BG/NBD on the CDNOW sample) */
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }

function permuted(summary: RfmSummary, seed: number): RfmSummary {
  const order = Array.from({ length: summary.length }, (_, i) => i)
  let state = seed
  for (let i = order.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    const j = state % (i + 1)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const pick = (column: Float64Array) => Float64Array.from(order, (i) => column[i]!)
  return {
    length: summary.length,
    frequency: pick(summary.frequency),
    recency: pick(summary.recency),
    age: pick(summary.age),
    weights: pick(summary.weights),
  }
}

function rows(values: [number, number, number][]): RfmSummary {
  return {
    length: values.length,
    frequency: Float64Array.from(values, (v) => v[0]),
    recency: Float64Array.from(values, (v) => v[1]),
    age: Float64Array.from(values, (v) => v[2]),
    weights: new Float64Array(values.length).fill(1),
  }
}

describe('fitBgNbd on CDNOW', () => {
  it('reproduces the published estimates within one unit of the last printed digit', () => {
    expect(fit.converged).toBe(true)
    for (const [name, value] of Object.entries(PUBLISHED)) {
      expectClose(fit.params[name]!, value, { absTol: 0.001 })
    }
    expectClose(fit.logLikelihood, -9582.4, { absTol: 0.1 })
    expect(fit.n).toBe(2357)
    expect(fit.distinctRows).toBeLessThan(2357)
  })

  it('gives standard errors close to those lifetimes prints for CDNOW (0.01, 0.38, 0.19, 0.71)', () => {
    const lifetimes = { r: 0.0126, alpha: 0.378, a: 0.186, b: 0.705 }
    for (const [name, value] of Object.entries(lifetimes)) {
      expectClose(fit.standardErrors![name]!, value, { relTol: 0.05 })
    }
  })

  it('gives the same fit whatever the row order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const again = fitBgNbd(permuted(cdnow, seed))
        for (const name of Object.keys(PUBLISHED)) {
          expectClose(again.params[name]!, fit.params[name]!, { relTol: 1e-5 })
        }
      }),
      { numRuns: 3 },
    )
  })

  it('gives the same fit on the compressed summary as on one row per customer', () => {
    const compressed = compressRfm(cdnow)
    expect(compressed.length).toBe(fit.distinctRows)
    const again = fitBgNbd(compressed)
    for (const name of Object.keys(PUBLISHED)) {
      expectClose(again.params[name]!, fit.params[name]!, { relTol: 1e-6 })
    }
    expectClose(again.logLikelihood, fit.logLikelihood, { relTol: 1e-9 })
  })

  it('gives the same customers the same ranking in days as in weeks', () => {
    const inDays: RfmSummary = {
      ...cdnow,
      recency: cdnow.recency.map((v) => v * 7),
      age: cdnow.age.map((v) => v * 7),
    }
    const daysFit = fitBgNbd(inDays)
    expectClose(daysFit.params['alpha']!, 7 * fit.params['alpha']!, { relTol: 1e-5 })
    expectClose(daysFit.params['r']!, fit.params['r']!, { relTol: 1e-5 })
    for (let i = 0; i < cdnow.length; i += 97) {
      const x = cdnow.frequency[i]!
      const weeks = bgNbdExpectedTransactions(fit.params, 39, {
        x,
        recency: cdnow.recency[i]!,
        age: cdnow.age[i]!,
      })
      const days = bgNbdExpectedTransactions(daysFit.params, 273, {
        x,
        recency: inDays.recency[i]!,
        age: inDays.age[i]!,
      })
      expectClose(days, weeks, { relTol: 1e-4 })
    }
  })
})

describe('BG/NBD predictions', () => {
  it('keeps P(alive) within [0, 1] and finite for any possible history, however extreme', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        (x, share, age) => {
          const recency = x === 0 ? 0 : share * age
          const alive = bgNbdProbabilityAlive(fit.params, x, recency, age)
          expect(alive).toBeGreaterThanOrEqual(0)
          expect(alive).toBeLessThanOrEqual(1)
          const expected = bgNbdExpectedTransactions(fit.params, 52, { x, recency, age })
          expect(Number.isFinite(expected) && expected >= 0).toBe(true)
        },
      ),
    )
  })

  it('raises P(alive) when the last purchase is more recent, other things equal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        (x, u, v, age) => {
          const [older, newer] = u < v ? [u * age, v * age] : [v * age, u * age]
          expect(bgNbdProbabilityAlive(fit.params, x, newer, age)).toBeGreaterThanOrEqual(
            bgNbdProbabilityAlive(fit.params, x, older, age),
          )
        },
      ),
    )
  })

  it('says a one-time buyer is alive, as the model is built to (known BG/NBD property)', () => {
    expect(bgNbdProbabilityAlive(fit.params, 0, 0, 500)).toBe(1)
  })

  it('predicts the 1,882 repeat purchases of the 39-week CDNOW holdout within 15 %', () => {
    let total = 0
    for (let i = 0; i < cdnow.length; i++) {
      total += bgNbd.expectedTransactions(
        fit.params,
        39,
        cdnow.frequency[i]!,
        cdnow.recency[i]!,
        cdnow.age[i]!,
      )
    }
    // 1,882 merged repeat purchase days in 1997-10-01..1998-06-30 (data README)
    expect(Math.abs(total - 1882) / 1882).toBeLessThan(0.15)
  })
})

describe('fitBgNbd input checks', () => {
  const cases: [string, RfmSummary, 'invalid_input' | 'insufficient_data'][] = [
    [
      'a negative frequency',
      rows([
        [-1, 0, 5],
        [1, 2, 5],
      ]),
      'invalid_input',
    ],
    [
      'a NaN recency',
      rows([
        [1, Number.NaN, 5],
        [1, 2, 5],
      ]),
      'invalid_input',
    ],
    [
      'recency beyond age',
      rows([
        [1, 6, 5],
        [1, 2, 5],
      ]),
      'invalid_input',
    ],
    [
      'a fractional frequency',
      rows([
        [1.5, 2, 5],
        [1, 2, 5],
      ]),
      'invalid_input',
    ],
    [
      'an infinite age',
      rows([
        [1, 2, Number.POSITIVE_INFINITY],
        [1, 2, 5],
      ]),
      'invalid_input',
    ],
    ['no customers', rows([]), 'insufficient_data'],
    [
      'only one-time buyers',
      rows([
        [0, 0, 5],
        [0, 0, 8],
      ]),
      'insufficient_data',
    ],
    ['one customer', rows([[3, 4, 5]]), 'insufficient_data'],
  ]
  for (const [what, summary, kind] of cases) {
    it(`rejects ${what} with ${kind}`, () => {
      let error: unknown
      try {
        fitBgNbd(summary)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(AnalyticsInputError)
      expect((error as AnalyticsInputError).kind).toBe(kind)
      expect((error as AnalyticsInputError).message).toMatch(/^fit bgnbd: /)
    })
  }

  it('reports no convergence, with finite numbers and a reason, when every customer looks the same', () => {
    const same: RfmSummary = { ...rows([[3, 9, 10]]), weights: Float64Array.from([50]) }
    const degenerate = fitBgNbd(same)
    expect(degenerate.converged).toBe(false)
    expect(degenerate.reason).toMatch(/do not identify/)
    expect(Object.values(degenerate.params).every(Number.isFinite)).toBe(true)
    expect(Number.isFinite(degenerate.logLikelihood)).toBe(true)
  })

  it('rejects a prediction for an impossible history instead of returning NaN', () => {
    expect(() => bgNbdProbabilityAlive(fit.params, 2, 9, 5)).toThrow(AnalyticsInputError)
    expect(() => bgNbdProbabilityAlive({ r: 1 }, 2, 1, 5)).toThrow(/alpha/)
  })
})
