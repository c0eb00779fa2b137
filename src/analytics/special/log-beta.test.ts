import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../../test-support/expect-close.js'
import { logBeta } from './log-beta.js'
import { logGamma } from './log-gamma.js'

describe('logBeta', () => {
  it('gives the closed forms B(2, 3) = 1/12 and B(1/2, 1/2) = π', () => {
    expectClose(logBeta(2, 3), -Math.log(12), { relTol: 1e-14 })
    expectClose(logBeta(0.5, 0.5), Math.log(Math.PI), { relTol: 1e-14 })
  })

  it('equals ln Γ(a) + ln Γ(b) − ln Γ(a + b) where that difference does not cancel', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (a, b) => {
          const byGammas = logGamma(a) + logGamma(b) - logGamma(a + b)
          expectClose(logBeta(a, b), byGammas, { relTol: 1e-11, absTol: 1e-12 })
        },
      ),
    )
  })

  it('is symmetric and NaN for negative arguments', () => {
    expect(logBeta(3.5, 1e6)).toBe(logBeta(1e6, 3.5))
    expect(logBeta(-1, 2)).toBeNaN()
  })
})
