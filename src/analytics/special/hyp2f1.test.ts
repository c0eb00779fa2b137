import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../../test-support/expect-close.js'
import { logHyp2f1, logHyp2f1Gradient } from './hyp2f1.js'

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/special-values.json', import.meta.url), 'utf8'),
) as { logHyp2f1: [number, number, number, number, number][] }

/** central difference of ln 2F1 in argument `index`, over the step the doubles really took */
function slopeByDifference(args: readonly number[], index: number, step: number): number {
  const up = [...args]
  const down = [...args]
  up[index] = args[index]! + step
  down[index] = args[index]! - step
  const rise =
    logHyp2f1(up[0]!, up[1]!, up[2]!, up[3]!) - logHyp2f1(down[0]!, down[1]!, down[2]!, down[3]!)
  return rise / (up[index]! - down[index]!)
}

function expectGradientMatchesDifferences(a: number, b: number, c: number, z: number): void {
  const gradient = new Float64Array(4)
  const value = logHyp2f1Gradient(a, b, c, z, gradient)
  expectClose(value, logHyp2f1(a, b, c, z), { relTol: 1e-14, absTol: 1e-14 })
  const args = [a, b, c, z]
  const zStep = 1e-5 * Math.min(Math.abs(z) + 1e-3, 1 - z)
  for (let i = 0; i < 4; i++) {
    const step = i === 3 ? zStep : 1e-6 * args[i]!
    const slope = slopeByDifference(args, i, step)
    expectClose(gradient[i]!, slope, { relTol: 2e-5, absTol: 2e-5 })
  }
}

describe('logHyp2f1', () => {
  it('matches mpmath to 1e-10 relative at Pareto/NBD, BG/NBD and generic arguments', () => {
    const cases = fixture.logHyp2f1
    expect(cases.length).toBeGreaterThan(400)
    // the fixture reaches a > 1000, z = 0.999999 and z = −1e6
    expect(cases.some(([a, , , z]) => a > 1000 && z === 0.999999)).toBe(true)
    expect(cases.some(([, , , z]) => z === -1e6)).toBe(true)
    for (const [a, b, c, z, expected] of cases) {
      expectClose(logHyp2f1(a, b, c, z), expected, { relTol: 1e-10 })
    }
  })

  it('gives −ln(1 − z)/z for 2F1(1, 1; 2; z) from z = −1e6 to 1 − 1e-12', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1 - 1e-12, noNaN: true }), (z) => {
        fc.pre(Math.abs(z) > 1e-300)
        const expected = Math.log(-Math.log1p(-z) / z)
        expectClose(logHyp2f1(1, 1, 2, z), expected, { relTol: 1e-11, absTol: 1e-14 })
      }),
    )
  })

  it('gives (1 − z)^(−a) for 2F1(a, b; b; z)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: -100, max: 0.9999, noNaN: true }),
        (a, b, z) => {
          expectClose(logHyp2f1(a, b, b, z), -a * Math.log1p(-z), { relTol: 1e-11, absTol: 1e-12 })
        },
      ),
    )
  })

  it('is symmetric in a and b', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 300, noNaN: true }),
        fc.double({ min: 0.01, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 0.99999, noNaN: true }),
        (a, b, z) => {
          const c = Math.max(a, b) + 1
          expectClose(logHyp2f1(a, b, c, z), logHyp2f1(b, a, c, z), {
            relTol: 1e-11,
            absTol: 1e-13,
          })
        },
      ),
    )
  })

  it('stays finite for customers with up to 5,000 orders and z up to 1 − 1e-12', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0, max: 1 - 1e-12, noNaN: true }),
        fc.boolean(),
        (x, z, rateBranch) => {
          const a = 0.553 + 0.606 + x
          const b = rateBranch ? 0.606 + 1 : 0.553 + x
          expect(Number.isFinite(logHyp2f1(a, b, a + 1, z))).toBe(true)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('returns NaN outside its domain, and a NaN gradient', () => {
    const gradient = new Float64Array(4)
    expect(logHyp2f1(1, 1, 2, 1)).toBeNaN()
    expect(logHyp2f1(1, 1, 2, 1.5)).toBeNaN()
    expect(logHyp2f1(0, 1, 2, 0.5)).toBeNaN()
    expect(logHyp2f1(1, -1, 2, 0.5)).toBeNaN()
    expect(logHyp2f1(1, 1, 0, 0.5)).toBeNaN()
    expect(logHyp2f1(1, 1, 2, Number.NaN)).toBeNaN()
    expect(logHyp2f1(Number.POSITIVE_INFINITY, 1, 2, 0.5)).toBeNaN()
    // z < 0 with c below both a and b: 2F1 can be negative there
    expect(logHyp2f1Gradient(2, 2, 1, -2, gradient)).toBeNaN()
    expect(Array.from(gradient).every(Number.isNaN)).toBe(true)
  })
})

describe('logHyp2f1Gradient', () => {
  it('matches central differences on the Gauss series and Euler branches', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 200, noNaN: true }),
        fc.double({ min: 0.05, max: 200, noNaN: true }),
        fc.double({ min: 0.001, max: 0.95, noNaN: true }),
        (a, b, z) => expectGradientMatchesDifferences(a, b, Math.max(a, b) + 0.7, z),
      ),
      { numRuns: 50 },
    )
  })

  it('matches central differences on the quadrature branch near z = 1', () => {
    for (const [a, b, c] of [
      [1001.159, 0.606, 1002.159],
      [5.2, 1.606, 6.2],
      [0.243, 2.426, 2.219],
      [0.5, 0.5, 1.5],
    ] as const) {
      for (const z of [0.9995, 0.999999]) {
        expectGradientMatchesDifferences(a, b, c, z)
      }
    }
  })

  it('matches central differences after Pfaff’s transformation for z < 0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 200, noNaN: true }),
        fc.double({ min: 0.05, max: 200, noNaN: true }),
        fc.double({ min: -1e4, max: -0.01, noNaN: true }),
        (a, b, z) => expectGradientMatchesDifferences(a, b, a + 1, z),
      ),
      { numRuns: 50 },
    )
  })

  it('gives ∂/∂z = ab/c at z = 0', () => {
    const gradient = new Float64Array(4)
    expect(logHyp2f1Gradient(3, 5, 7, 0, gradient)).toBe(0)
    expectClose(gradient[3]!, 15 / 7, { relTol: 1e-15 })
  })
})
