import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  REASON_GROUPS,
  reasonGroupOf,
  type WinBackFactors,
  withoutFactor,
} from './win-back-factors.js'
import { priorCoefficients, probabilityOf, scoreWinBack } from './win-back-prior.js'
import { describeWinBackDrivers } from './win-back-words.js'

const bounds = { min: 0.02, max: 0.8 }
const prior = priorCoefficients(0.3)

const factorsArbitrary: fc.Arbitrary<WinBackFactors> = fc.record({
  reasonGroup: fc.constantFrom(...REASON_GROUPS),
  reasonFixed: fc.boolean(),
  decisionMakerChanged: fc.boolean(),
  tenureYears: fc.option(fc.double({ min: 0, max: 30, noNaN: true })),
  relativeValue: fc.option(fc.double({ min: 0.001, max: 100, noNaN: true })),
  yearsSinceLoss: fc.double({ min: 0, max: 10, noNaN: true }),
  incidents: fc.integer({ min: 0, max: 20 }),
  failedAttempts: fc.integer({ min: 0, max: 6 }),
})

const p = (factors: WinBackFactors) => scoreWinBack(factors, prior, bounds).probability

describe('the win-back prior', () => {
  it('is the base rate when nothing is known', () => {
    const nothing = scoreWinBack(
      {
        reasonGroup: 'unknown',
        reasonFixed: false,
        decisionMakerChanged: false,
        tenureYears: null,
        relativeValue: null,
        yearsSinceLoss: 0,
        incidents: 0,
        failedAttempts: 0,
      },
      prior,
      bounds,
    )
    expect(nothing.probability).toBeCloseTo(0.3, 9)
    expect(nothing.drivers).toEqual([])
  })

  it('always stays within its bounds', () => {
    fc.assert(
      fc.property(factorsArbitrary, (factors) => {
        const probability = p(factors)
        return probability >= bounds.min && probability <= bounds.max
      }),
    )
  })

  it('moves each factor its documented way (monotone)', () => {
    fc.assert(
      fc.property(factorsArbitrary, fc.double({ min: 0, max: 5, noNaN: true }), (f, more) => {
        const up = [
          p({ ...f, reasonFixed: true }) >= p({ ...f, reasonFixed: false }),
          p({ ...f, decisionMakerChanged: true }) >= p({ ...f, decisionMakerChanged: false }),
          p({ ...f, tenureYears: (f.tenureYears ?? 0) + more }) >=
            p({ ...f, tenureYears: f.tenureYears ?? 0 }),
          p({ ...f, relativeValue: (f.relativeValue ?? 1) * (1 + more) }) >=
            p({ ...f, relativeValue: f.relativeValue ?? 1 }),
        ]
        const down = [
          p({ ...f, yearsSinceLoss: f.yearsSinceLoss + more }) <= p(f),
          p({ ...f, incidents: f.incidents + 1 }) <= p(f),
          p({ ...f, failedAttempts: f.failedAttempts + 1 }) <= p(f),
        ]
        return [...up, ...down].every(Boolean)
      }),
    )
  })

  it('ranks price leavers above service leavers, and an unfixable reason lowest (Kumar et al.)', () => {
    fc.assert(
      fc.property(factorsArbitrary, (f) => {
        const price = p({ ...f, reasonGroup: 'price' })
        const service = p({ ...f, reasonGroup: 'service' })
        const gone = p({ ...f, reasonGroup: 'not_needed' })
        return price >= service && service >= gone
      }),
    )
  })

  it('lists drivers by absolute contribution, biggest first, and names the top ones in words', () => {
    fc.assert(
      fc.property(factorsArbitrary, (f) => {
        const { drivers } = scoreWinBack(f, prior, bounds)
        for (let i = 1; i < drivers.length; i += 1) {
          if (Math.abs(drivers[i - 1]?.points ?? 0) < Math.abs(drivers[i]?.points ?? 0)) {
            return false
          }
        }
        return true
      }),
    )
    const factors: WinBackFactors = {
      reasonGroup: 'price',
      reasonFixed: true,
      decisionMakerChanged: false,
      tenureYears: 2,
      relativeValue: null,
      yearsSinceLoss: 0,
      incidents: 0,
      failedAttempts: 1,
    }
    const score = scoreWinBack(factors, prior, bounds)
    const words = describeWinBackDrivers(factors, score.drivers)
    expect(words).toMatch(
      /^price leaver whose reason is now fixed \(\+\d+ pts\); 1 failed attempt \(−\d+ pts\)$/,
    )
  })

  it("gives each driver's points as P minus P with that factor alone at its reference", () => {
    const learnedLike = { ...prior, unknownReason: [0.3, 0.3, 0.1, 0.1, 0.1, 0.05, 0.05] }
    fc.assert(
      fc.property(factorsArbitrary, (f) => {
        const score = scoreWinBack(f, learnedLike, bounds)
        return score.drivers.every((driver) => {
          const without = probabilityOf(withoutFactor(f, driver.factor), learnedLike, bounds)
          return Math.abs(driver.points - (score.probability - without) * 100) < 1e-9
        })
      }),
    )
  })

  it('groups several reasons by the hardest to answer', () => {
    expect(reasonGroupOf(['price', 'billing'])).toBe('service')
    expect(reasonGroupOf(['poached_on_price'])).toBe('price')
    expect(reasonGroupOf([])).toBe('unknown')
    expect(reasonGroupOf(['no_longer_needed', 'price'])).toBe('not_needed')
  })
})
