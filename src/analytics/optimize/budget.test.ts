import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bfgs } from './bfgs.js'
import { minimize } from './minimize.js'
import { nelderMead } from './nelder-mead.js'
import { MinimizationStop, type MinimizeResult, type Objective } from './objective.js'

/** The objective with its calls counted in `calls.count`. */
function counted(objective: Objective): { objective: Objective; calls: { count: number } } {
  const calls = { count: 0 }
  return {
    calls,
    objective: (x, gradient) => {
      calls.count++
      return objective(x, gradient)
    },
  }
}

/** (x−5)² summed, but NaN outside a box of half-width 0.01 around 5: undefined almost everywhere */
const mostlyUndefined: Objective = (x, gradient) => {
  let sum = 0
  for (let i = 0; i < x.length; i++) {
    if (!(Math.abs(x[i]! - 5) < 0.01)) {
      return Number.NaN
    }
    sum += (x[i]! - 5) ** 2
    if (gradient !== null) {
      gradient[i] = 2 * (x[i]! - 5)
    }
  }
  return sum
}

/** −ln(1 + x²) + (y − x)²: a valley descending forever, its gradient never small */
const endlessValley: Objective = (v, gradient) => {
  const [x, y] = [v[0]!, v[1]!]
  if (gradient !== null) {
    gradient[0] = (-2 * x) / (1 + x * x) - 2 * (y - x)
    gradient[1] = 2 * (y - x)
  }
  return -Math.log1p(x * x) + (y - x) ** 2
}

/**
 * a bowl with deterministic noise of relative size 1e-9 in its value and 1e-4 in its gradient,
 * like a likelihood summed with rounding: no point where the gradient vanishes
 */
const noisyBowl: Objective = (v, gradient) => {
  const [x, y] = [v[0]!, v[1]!]
  const phase = 1e5 * x + 3e5 * y
  if (gradient !== null) {
    gradient[0] = 2 * (x - 1) + 1e-4 * Math.cos(phase)
    gradient[1] = 2 * (y + 2) + 3e-4 * Math.cos(phase)
  }
  return 1 + (x - 1) ** 2 + (y + 2) ** 2 + 1e-9 * Math.sin(phase)
}

function expectStoppedWithin(result: MinimizeResult, calls: number, budget: number): void {
  expect(calls).toBeLessThanOrEqual(budget)
  expect(result.evaluations).toBe(calls)
  expect(result.x.every(Number.isFinite)).toBe(true)
  if (!result.converged) {
    expect(result.reason.length).toBeGreaterThan(0)
  }
}

describe('the evaluation budget of minimize', () => {
  it('stops on an objective that is NaN almost everywhere within its budget, with a reason', () => {
    const { objective, calls } = counted(mostlyUndefined)
    const result = minimize(objective, Float64Array.from([0, 0, 0]), { maxEvaluations: 300 })
    expectStoppedWithin(result, calls.count, 300)
    expect(result.converged).toBe(false)
  })

  it('stops in a valley that descends forever, by iterations or budget, never by convergence', () => {
    for (const useGradient of [true, false]) {
      const { objective, calls } = counted(endlessValley)
      const result = minimize(objective, Float64Array.from([1, 0]), {
        maxEvaluations: 400,
        useGradient,
      })
      expectStoppedWithin(result, calls.count, 400)
      expect(result.converged).toBe(false)
    }
  })

  it('uses 250 evaluations per unknown plus 250 when no budget is given', () => {
    const { objective, calls } = counted(endlessValley)
    const result = minimize(objective, Float64Array.from([1, 0]), {
      maxIterations: 100_000,
      useGradient: false,
    })
    expect(calls.count).toBe(750)
    expect(result.reason).toMatch(/evaluation budget of 750 spent/)
  })

  it('ends a search on a noisy objective near its minimum, long before the budget', () => {
    const { objective, calls } = counted(noisyBowl)
    const result = minimize(objective, Float64Array.from([30, 40]), { maxEvaluations: 10_000 })
    expect(calls.count).toBeLessThan(1000)
    expect(result.x[0]).toBeCloseTo(1, 3)
    expect(result.x[1]).toBeCloseTo(-2, 3)
  })

  it('returns the best point so far, with the reason, when the objective throws MinimizationStop', () => {
    const stopAtFive: Objective = (v, gradient) => {
      if (v[0]! > 5) {
        throw new MinimizationStop('x ran past 5')
      }
      return endlessValley(v, gradient)
    }
    const { objective, calls } = counted(stopAtFive)
    const result = minimize(objective, Float64Array.from([1, 0]))
    expect(result.converged).toBe(false)
    expect(result.reason).toBe('x ran past 5')
    expect(result.x[0]).toBeLessThanOrEqual(5)
    expect(result.value).toBe(endlessValley(result.x, null))
    expect(result.evaluations).toBe(calls.count)
  })

  it('lets a stray exception through unchanged', () => {
    const broken: Objective = () => {
      throw new RangeError('bug in the objective')
    }
    expect(() => minimize(broken, Float64Array.from([1]))).toThrow(RangeError)
  })

  it('caps BFGS and Nelder–Mead called on their own', () => {
    const bounded = counted(endlessValley)
    const viaBfgs = bfgs(bounded.objective, Float64Array.from([1, 0]), {
      maxIterations: 10_000,
      gradientTolerance: 1e-8,
      maxStepLength: 5,
      maxEvaluations: 37,
    })
    expectStoppedWithin(viaBfgs, bounded.calls.count, 37)
    expect(viaBfgs.reason).toMatch(/budget of 37/)
    const simplex = counted(mostlyUndefined)
    const viaSimplex = nelderMead(simplex.objective, Float64Array.from([0, 0]), {
      maxEvaluations: 41,
    })
    expectStoppedWithin(viaSimplex, simplex.calls.count, 41)
  })

  it('never evaluates past any budget, whatever the pathological objective', () => {
    const objectives = [mostlyUndefined, endlessValley, noisyBowl]
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(0, 1, 2),
        fc.boolean(),
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 2, maxLength: 2 }),
        (budget, which, useGradient, start) => {
          const { objective, calls } = counted(objectives[which]!)
          const result = minimize(objective, Float64Array.from(start), {
            maxEvaluations: budget,
            useGradient,
          })
          expectStoppedWithin(result, calls.count, budget)
        },
      ),
      { numRuns: 60 },
    )
  })
})
