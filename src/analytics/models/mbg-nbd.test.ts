import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readCdnowSummary } from '../../test-support/cdnow-summary.js'
import { expectClose } from '../../test-support/expect-close.js'
import { AnalyticsInputError } from '../errors.js'
import { fitMbgNbd, mbgNbd, mbgNbdProbabilityAlive } from './mbg-nbd.js'
import { probabilityAliveAt } from './probability-alive-at.js'

const cdnow = readCdnowSummary()
const fit = fitMbgNbd(cdnow)

describe('fitMbgNbd on CDNOW', () => {
  it('reproduces the BTYDplus estimates within one unit of the last printed digit', () => {
    expect(fit.converged).toBe(true)
    const published = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }
    for (const [name, value] of Object.entries(published)) {
      expectClose(fit.params[name]!, value, { absTol: 0.001 })
    }
    expect(fit.standardErrors).not.toBeNull()
  })
})

describe('MBG/NBD predictions', () => {
  it('can call a one-time buyer gone, and more surely the longer ago they bought', () => {
    const recent = mbgNbdProbabilityAlive(fit.params, 0, 0, 4)
    const longAgo = mbgNbdProbabilityAlive(fit.params, 0, 0, 104)
    expect(recent).toBeLessThan(1)
    expect(longAgo).toBeLessThan(recent)
    expect(longAgo).toBeLessThan(0.3)
  })

  it('keeps P(alive) in [0, 1] and rising with recency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 1e4, noNaN: true }),
        (x, u, v, age) => {
          const [older, newer] = u < v ? [u * age, v * age] : [v * age, u * age]
          const newerAlive = mbgNbd.probabilityAlive(fit.params, x, newer, age)
          const olderAlive = mbgNbd.probabilityAlive(fit.params, x, older, age)
          expect(newerAlive).toBeGreaterThanOrEqual(olderAlive)
          expect(olderAlive).toBeGreaterThanOrEqual(0)
          expect(newerAlive).toBeLessThanOrEqual(1)
        },
      ),
    )
  })

  it('expects a new customer to make fewer purchases than a BG/NBD-like customer alive at the start', () => {
    const t = 39
    const newCustomer = mbgNbd.expectedTransactionsNew(fit.params, t)
    expect(newCustomer).toBeGreaterThan(0)
    // E[X(t)] ≤ E[λ]·t·P(alive at 0) = (r/α)·t·b/(a+b)
    const p = fit.params
    expect(newCustomer).toBeLessThan(((p['r']! / p['alpha']!) * t * p['b']!) / (p['a']! + p['b']!))
  })

  it('rejects only one-time buyers as insufficient data', () => {
    const summary = {
      length: 2,
      frequency: new Float64Array(2),
      recency: new Float64Array(2),
      age: Float64Array.from([3, 4]),
      weights: Float64Array.from([5, 5]),
    }
    expect(() => fitMbgNbd(summary)).toThrow(AnalyticsInputError)
  })
})

describe('probabilityAliveAt', () => {
  it('falls as the customer stays silent longer, starting from today’s P(alive)', () => {
    const history = { x: 3, recency: 20, age: 30 }
    const now = probabilityAliveAt(mbgNbd, fit.params, history, 0)
    expect(now).toBe(mbgNbdProbabilityAlive(fit.params, 3, 20, 30))
    expect(probabilityAliveAt(mbgNbd, fit.params, history, 26)).toBeLessThan(now)
    expect(() => probabilityAliveAt(mbgNbd, fit.params, history, -1)).toThrow(AnalyticsInputError)
  })
})
