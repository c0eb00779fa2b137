import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AnalyticsInputError } from '../errors.js'
import { differenceInterval, wilsonInterval } from './newcombe.js'

const proportion = fc
  .integer({ min: 1, max: 400 })
  .chain((trials) =>
    fc.record({ successes: fc.integer({ min: 0, max: trials }), trials: fc.constant(trials) }),
  )

describe('differenceInterval (Newcombe 1998, method 10)', () => {
  // Newcombe 1998, Statistics in Medicine 17:873, Table II, method 10: examples (a), (b), (d)–(h)
  const published: [number, number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
    [5, 56, 0, 29, 0.0893, -0.0381, 0.1926],
    [0, 10, 0, 20, 0, -0.1611, 0.2775],
    [0, 10, 0, 10, 0, -0.2775, 0.2775],
    [10, 10, 0, 20, 1, 0.6791, 1],
    [10, 10, 0, 10, 1, 0.6075, 1],
  ]
  it.each(published)('%i/%i vs %i/%i matches Table II', (x1, n1, x2, n2, d, lower, upper) => {
    const found = differenceInterval({ successes: x1, trials: n1 }, { successes: x2, trials: n2 })
    expect(found.estimate).toBeCloseTo(d, 4)
    expect(found.lower).toBeCloseTo(lower, 4)
    expect(found.upper).toBeCloseTo(upper, 4)
  })

  it('contains the estimate and stays within [-1, 1]', () => {
    fc.assert(
      fc.property(proportion, proportion, (one, two) => {
        const found = differenceInterval(one, two)
        expect(found.lower).toBeLessThanOrEqual(found.estimate + 1e-12)
        expect(found.upper).toBeGreaterThanOrEqual(found.estimate - 1e-12)
        expect(found.lower).toBeGreaterThanOrEqual(-1)
        expect(found.upper).toBeLessThanOrEqual(1)
      }),
    )
  })

  it('narrows as both arms grow at the same rates', () => {
    fc.assert(
      fc.property(proportion, proportion, fc.integer({ min: 2, max: 20 }), (one, two, k) => {
        const small = differenceInterval(one, two)
        const big = differenceInterval(
          { successes: one.successes * k, trials: one.trials * k },
          { successes: two.successes * k, trials: two.trials * k },
        )
        expect(big.upper - big.lower).toBeLessThan(small.upper - small.lower + 1e-12)
      }),
    )
  })

  it('refuses an empty arm or more successes than trials', () => {
    expect(() =>
      differenceInterval({ successes: 0, trials: 0 }, { successes: 1, trials: 2 }),
    ).toThrow(AnalyticsInputError)
    expect(() => wilsonInterval({ successes: 3, trials: 2 })).toThrow(/successes/)
  })
})

describe('wilsonInterval', () => {
  it('matches Newcombe 1998 (Statistics in Medicine 17:857) Table I, 81/263', () => {
    const found = wilsonInterval({ successes: 81, trials: 263 })
    expect(found.lower).toBeCloseTo(0.2553, 4)
    expect(found.upper).toBeCloseTo(0.3662, 4)
  })
})
