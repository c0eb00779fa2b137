import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../../test-support/expect-close.js'
import { logHyp2f1 } from './hyp2f1.js'
import { logHyp2f1One } from './hyp2f1-one.js'

const oneFixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/hyp2f1-one-values.json', import.meta.url), 'utf8'),
) as { rows: [number, number, number, number][] }

const generalFixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/special-values.json', import.meta.url), 'utf8'),
) as { logHyp2f1: [number, number, number, number, number][] }

/** ln 2F1(1, p; p+q; 1−ε) by the general function, for moderate arguments */
function general(p: number, q: number, oneMinusZ: number): number {
  return logHyp2f1(1, p, p + q, 1 - oneMinusZ)
}

/**
 * ∂/∂p, ∂/∂q or ∂/∂z (index 0, 1, 2) of logHyp2f1One by a central difference in the logarithm of
 * p, q or 1 − z: a relative step keeps the difference clear of rounding for p = 4e-6 or 1 − z = 1e-7
 */
function slopeByDifference(args: [number, number, number], index: number): number {
  const step = 1e-3
  const up: [number, number, number] = [...args]
  const down: [number, number, number] = [...args]
  up[index] = args[index]! * Math.exp(step)
  down[index] = args[index]! * Math.exp(-step)
  const rise =
    logHyp2f1One(up[0], up[1], up[2], null) - logHyp2f1One(down[0], down[1], down[2], null)
  const slopeInLog = rise / (2 * step)
  // z = 1 − (1 − z): d/dz = −d/d(1 − z)
  return index === 2 ? -slopeInLog / args[2] : slopeInLog / args[index]!
}

function expectGradientMatchesDifferences(p: number, q: number, oneMinusZ: number): void {
  const gradient = new Float64Array(3)
  const value = logHyp2f1One(p, q, oneMinusZ, gradient)
  expectClose(value, logHyp2f1One(p, q, oneMinusZ, null), { relTol: 1e-13, absTol: 1e-13 })
  for (let i = 0; i < 3; i++) {
    const slope = slopeByDifference([p, q, oneMinusZ], i)
    expectClose(gradient[i]!, slope, { relTol: 1e-5, absTol: 1e-6 })
  }
}

describe('logHyp2f1One', () => {
  it('matches mpmath to 1e-13 for p up to 1e10, q up to 1e5 and 1 − z down to 1e-12', () => {
    const rows = oneFixture.rows
    expect(rows.length).toBeGreaterThan(700)
    expect(rows.some(([p, , eps]) => p >= 1e8 && eps <= 1e-9)).toBe(true)
    expect(rows.some(([, q, eps]) => q === 1 && eps === 1e-12)).toBe(true)
    for (const [p, q, eps, expected] of rows) {
      expectClose(logHyp2f1One(p, q, eps, null), expected, { relTol: 1e-13, absTol: 1e-13 })
    }
  })

  it('agrees through Euler’s transformation with the mpmath 2F1(m, b; m + 1; z) of the Pareto/NBD', () => {
    const cases = generalFixture.logHyp2f1.filter(([a, b, c, z]) => c === a + 1 && z > 0 && b < c)
    expect(cases.length).toBeGreaterThan(100)
    for (const [a, b, , z, expected] of cases) {
      // 2F1(a, b; a + 1; z) = (1 − z)^(1−b) 2F1(1, a + 1 − b; a + 1; z)
      const eps = 1 - z
      const value = (1 - b) * Math.log(eps) + logHyp2f1One(a + 1 - b, b, eps, null)
      expectClose(value, expected, { relTol: 1e-12, absTol: 1e-12 })
    }
  })

  it('satisfies (1 − z)·F(p, q) = 1 − z·q·F(p, q + 1)/(p + q) on every branch', () => {
    // Σ zⁿ(p)ₙ/(p+q)ₙ telescopes through (p+n)/(p+q+n) = 1 − q/(p+q+n)
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 9, noNaN: true }),
        fc.double({ min: -2, max: 3, noNaN: true }),
        fc.double({ min: -11, max: -0.3, noNaN: true }),
        (logP, logQ, logEps) => {
          const [p, q, eps] = [10 ** logP, 10 ** logQ, 10 ** logEps]
          fc.pre(p + q > 1.01)
          const left = Math.log(eps) + logHyp2f1One(p, q, eps, null)
          const ratio = ((1 - eps) * q * Math.exp(logHyp2f1One(p, q + 1, eps, null))) / (p + q)
          // the right side cancels when the ratio is near 1: compare the sides, not their logs
          expectClose(Math.exp(left), 1 - ratio, {
            relTol: 1e-11 / Math.max(1 - ratio, 1e-3),
            absTol: 1e-14,
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('matches the general logHyp2f1 where its series is short', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 300, noNaN: true }),
        fc.double({ min: 0.01, max: 300, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (p, q, eps) => {
          fc.pre(p + q > 1)
          expectClose(logHyp2f1One(p, q, eps, null), general(p, q, eps), {
            relTol: 1e-12,
            absTol: 1e-13,
          })
        },
      ),
    )
  })

  it('has a gradient that matches central differences on the series, connection and quadrature branches', () => {
    for (const [p, q, eps] of [
      [2.553, 0.606, 0.4], // series
      [0.606, 2.553, 1e-6], // connection formula
      [1.3, 0.2, 1e-9], // connection formula, q < 1
      [5e5, 9, 1e-5], // quadrature, p large
      [0.7, 3, 1e-7], // quadrature, q an integer
      [4e-6, 1.8, 1e-5], // never dropping out
      [5e5, 1e4, 1e-3], // quadrature, both large
    ] as const) {
      expectGradientMatchesDifferences(p, q, eps)
    }
  })

  it('keeps ∂/∂q to 1e-10 where q is next to an integer, where the connection formula has poles', () => {
    // mpmath.diff of ln hyp2f1(1, p, p + q, 1 − ε) in q at 30 digits
    const gradient = new Float64Array(3)
    for (const [p, q, eps, expected] of [
      [0.1, 5.999999598872845, 0.1, -0.003341049648151577],
      [1.1, 5.999999598872845, 0.1, -0.029937284780888054],
      [0.1, 6.999999598872845, 0.05, -0.002537897803650287],
    ] as const) {
      logHyp2f1One(p, q, eps, gradient)
      expectClose(gradient[1]!, expected, { relTol: 1e-10 })
    }
  })

  it('is 0 with ∂/∂z = p/(p + q) at z = 0, and NaN outside its domain', () => {
    const gradient = new Float64Array(3)
    expect(logHyp2f1One(3, 4, 1, gradient)).toBe(0)
    expectClose(gradient[2]!, 3 / 7, { relTol: 1e-15 })
    expect(logHyp2f1One(0, 1, 0.5, null)).toBeNaN()
    expect(logHyp2f1One(1, -1, 0.5, null)).toBeNaN()
    expect(logHyp2f1One(1, 1, 0, null)).toBeNaN()
    expect(logHyp2f1One(1, 1, 1.5, null)).toBeNaN()
    expect(logHyp2f1One(Number.POSITIVE_INFINITY, 1, 0.5, gradient)).toBeNaN()
    expect(Array.from(gradient).every(Number.isNaN)).toBe(true)
  })
})
