import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readDonations } from '../../test-support/cdnow-summary.js'
import { expectClose } from '../../test-support/expect-close.js'
import { AnalyticsInputError } from '../errors.js'
import {
  bgBbExpectedTransactions,
  bgBbExpectedTransactionsNew,
  bgBbProbabilityAlive,
  fitBgBb,
} from './bg-bb.js'

const donations = readDonations()
const fit = fitBgBb(donations)

describe('fitBgBb on the donations data', () => {
  it('reproduces the published estimates of Fader, Hardie & Shang (2010)', () => {
    expect(fit.converged).toBe(true)
    expect(fit.n).toBe(11104)
    const published = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }
    for (const [name, value] of Object.entries(published)) {
      expectClose(fit.params[name]!, value, { absTol: 0.001 })
    }
    expectClose(fit.logLikelihood, -33225.6, { absTol: 0.1 })
  })

  it('expects about the 24,615 repeat donations observed in the 6 years', () => {
    const expected = bgBbExpectedTransactionsNew(fit.params, 6) * 11104
    expect(Math.abs(expected - 24615) / 24615).toBeLessThan(0.01)
  })
})

describe('BG/BB predictions', () => {
  it('keep P(alive) in [0, 1], falling as more periods pass without a donation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        (n, x0, extra) => {
          const x = Math.min(x0, n)
          const recency = x === 0 ? 0 : n
          const now = bgBbProbabilityAlive(fit.params, x, recency, n)
          const later = bgBbProbabilityAlive(fit.params, x, recency, n + extra)
          expect(now).toBeGreaterThanOrEqual(0)
          expect(now).toBeLessThanOrEqual(1)
          expect(later).toBeLessThanOrEqual(now + 1e-12)
        },
      ),
    )
  })

  it('expect more future donations from a donor who gave every year than from one who stopped', () => {
    const loyal = bgBbExpectedTransactions(fit.params, 5, { x: 6, recency: 6, n: 6 })
    const lapsed = bgBbExpectedTransactions(fit.params, 5, { x: 1, recency: 1, n: 6 })
    expect(loyal).toBeGreaterThan(lapsed)
    expect(loyal).toBeLessThan(5)
  })

  it('rejects a history that cannot happen', () => {
    expect(() => bgBbProbabilityAlive(fit.params, 3, 2, 6)).toThrow(AnalyticsInputError)
    const bad = { ...donations, recency: donations.recency.map((v, i) => (i === 3 ? 9 : v)) }
    expect(() => fitBgBb(bad)).toThrow(/row 3/)
  })
})
