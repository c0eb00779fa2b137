import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../../test-support/expect-close.js'
import { logBeta } from '../special/log-beta.js'
import { aliveExpectedTransactions, type BgFamilyParams } from './bg-family-expectation.js'

/**
 * The same expectation by another route: given alive at T with x repeat purchases, λ ~ Gamma(r+x,
 * α+T) and p ~ Beta(a, b+x+s), and an alive customer buys (1 − e^(−λpt))/p times in expectation
 * before dropping out; integrating λ out leaves a 1-D integral over p, done here by Simpson's rule
 * after the substitution p = v^(4/a), which turns p^(a−1) dp into the smooth (4/a)·v³ dv.
 */
function byQuadrature(p: BgFamilyParams, shift: number, x: number, age: number, t: number): number {
  const beta = p.b + x + shift
  const scale = p.alpha + age
  const exponent = p.r + x
  const intervals = 20_000
  const logNorm = Math.log(4 / p.a) - logBeta(p.a, beta)
  const integrand = (v: number) => {
    if (v === 0) {
      return 0
    }
    const prob = v ** (4 / p.a)
    const perAlive = -Math.expm1(-exponent * Math.log1p((prob * t) / scale)) / prob
    return perAlive * v ** 3 * (1 - prob) ** (beta - 1)
  }
  let sum = integrand(0) + integrand(1)
  for (let i = 1; i < intervals; i++) {
    sum += (i % 2 === 1 ? 4 : 2) * integrand(i / intervals)
  }
  return Math.exp(logNorm) * (sum / (3 * intervals))
}

const params = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
  a: fc.double({ min: 0.3, max: 4, noNaN: true }),
  b: fc.double({ min: 1.2, max: 10, noNaN: true }),
})

describe('aliveExpectedTransactions', () => {
  it('agrees with direct integration over the dropout probability for BG/NBD and MBG/NBD', () => {
    fc.assert(
      fc.property(
        params,
        fc.constantFrom(0, 1),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 200, noNaN: true }),
        (p, shift, x, age, t) => {
          const closed = aliveExpectedTransactions(p, shift, { x, age }, t)
          expectClose(closed, byQuadrature(p, shift, x, age, t), { relTol: 1e-5 })
        },
      ),
      { numRuns: 60 },
    )
  })

  it('is continuous through a = 1, where the closed form is 0/0', () => {
    const p = { r: 0.5, alpha: 5, a: 1, b: 2 }
    const atOne = aliveExpectedTransactions(p, 0, { x: 3, age: 30 }, 52)
    expectClose(atOne, byQuadrature(p, 0, 3, 30, 52), { relTol: 1e-6 })
    const nearOne = aliveExpectedTransactions({ ...p, a: 1 + 2e-4 }, 0, { x: 3, age: 30 }, 52)
    expectClose(atOne, nearOne, { relTol: 1e-3 })
  })

  it('is 0 for no time ahead and finite for frequent buyers and long horizons', () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
    expect(aliveExpectedTransactions(p, 0, { x: 5, age: 30 }, 0)).toBe(0)
    const heavy = aliveExpectedTransactions(p, 0, { x: 800, age: 1000 }, 3650)
    expect(Number.isFinite(heavy) && heavy > 0).toBe(true)
    expectClose(heavy, byQuadrature(p, 0, 800, 1000, 3650), { relTol: 1e-5 })
  })
})
