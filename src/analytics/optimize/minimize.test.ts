import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../../test-support/expect-close.js'
import { minimize } from './minimize.js'
import { nelderMead } from './nelder-mead.js'
import type { Objective } from './objective.js'

const rosenbrock: Objective = (x, gradient) => {
  const a = x[0]!
  const b = x[1]!
  if (gradient !== null) {
    gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a)
    gradient[1] = 200 * (b - a * a)
  }
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2
}

/** x·ln x − x summed: minimum at x = 1 in every coordinate, undefined (NaN) for x < 0 */
const entropyLike: Objective = (x, gradient) => {
  let sum = 0
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!
    sum += v * Math.log(v) - v
    if (gradient !== null) {
      gradient[i] = Math.log(v)
    }
  }
  return sum
}

describe('minimize', () => {
  it('finds the minimum of the Rosenbrock valley from the classic start with gradients', () => {
    const result = minimize(rosenbrock, Float64Array.from([-1.2, 1]))
    expect(result.converged).toBe(true)
    expectClose(result.x[0]!, 1, { absTol: 1e-6 })
    expectClose(result.x[1]!, 1, { absTol: 1e-6 })
  })

  it('finds the Rosenbrock minimum without gradients by Nelder–Mead', () => {
    const result = minimize(rosenbrock, Float64Array.from([-1.2, 1]), { useGradient: false })
    expect(result.converged).toBe(true)
    expectClose(result.x[0]!, 1, { absTol: 1e-4 })
    expectClose(result.x[1]!, 1, { absTol: 1e-4 })
  })

  it('backs off from a region where the objective is not finite', () => {
    const result = minimize(entropyLike, Float64Array.from([0.001, 30, 5]))
    expect(result.converged).toBe(true)
    for (const v of result.x) {
      expectClose(v, 1, { absTol: 1e-6 })
    }
  })

  it('reports no convergence, with a reason, for an objective that is never finite', () => {
    const result = minimize(() => Number.NaN, Float64Array.from([1, 2]))
    expect(result.converged).toBe(false)
    expect(result.reason).toMatch(/not finite/)
  })

  it('reports no convergence for an unbounded objective instead of returning a number as a minimum', () => {
    const line: Objective = (x, gradient) => {
      if (gradient !== null) {
        gradient[0] = 1
      }
      return x[0]!
    }
    const result = minimize(line, Float64Array.from([0]), { maxIterations: 50 })
    expect(result.converged).toBe(false)
    expect(result.reason.length).toBeGreaterThan(0)
  })

  it('minimises random convex quadratics to their exact solution', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (curvatures, centres) => {
          const quadratic: Objective = (x, gradient) => {
            let sum = 0
            for (let i = 0; i < x.length; i++) {
              const d = x[i]! - centres[i]!
              sum += 0.5 * curvatures[i]! * d * d
              if (gradient !== null) {
                gradient[i] = curvatures[i]! * d
              }
            }
            return sum
          }
          const result = minimize(quadratic, new Float64Array(curvatures.length))
          expect(result.converged).toBe(true)
          for (const [i, v] of result.x.entries()) {
            expectClose(v, centres[i]!, { absTol: 1e-4 })
          }
        },
      ),
      { numRuns: 50 },
    )
  })
})

describe('nelderMead', () => {
  it('stays put at a minimum it starts from', () => {
    const bowl: Objective = (x) => (x[0]! - 3) ** 2 + (x[1]! + 1) ** 2
    const result = nelderMead(bowl, Float64Array.from([3, -1]))
    expect(result.converged).toBe(true)
    expectClose(result.value, 0, { absTol: 1e-12 })
  })
})
