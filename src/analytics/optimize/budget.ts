import { MinimizationStop, type Objective } from './objective.js'

/**
 * A cap on the objective evaluations of one minimisation, shared by every method it runs, with
 * the best finite point seen so far: when the cap is reached, or the objective throws
 * `MinimizationStop`, the methods stop and report that point.
 */
export interface EvaluationBudget {
  readonly maxEvaluations: number
  used: number
  /** why the search was ended early, or null while it may go on */
  stopReason: string | null
  readonly best: {
    x: Float64Array
    value: number
    /** the gradient at `x`, when that evaluation asked for one */
    gradient: Float64Array | null
  }
}

/** Thrown through the methods' loops when the budget ends the search; caught by the methods. */
const SPENT = Symbol('evaluation budget spent')

/**
 * A budget of `maxEvaluations` evaluations (at least 1; `Infinity` for none) for a search from
 * `initial`, which stands as the best point until a finite value is seen.
 */
export function createBudget(initial: Float64Array, maxEvaluations: number): EvaluationBudget {
  return {
    maxEvaluations: Math.max(1, Math.floor(maxEvaluations)),
    used: 0,
    stopReason: null,
    best: { x: Float64Array.from(initial), value: Number.NaN, gradient: null },
  }
}

function remember(
  budget: EvaluationBudget,
  x: Float64Array,
  value: number,
  gradient: Float64Array | null,
): void {
  const { best } = budget
  if (!Number.isFinite(value) || !(value < best.value || Number.isNaN(best.value))) {
    return
  }
  best.x.set(x)
  best.value = value
  best.gradient = gradient === null ? null : Float64Array.from(gradient)
}

/**
 * The objective with every call counted against `budget`: a call past the cap, or one that throws
 * `MinimizationStop`, records the reason and throws a sentinel that only {@link isBudgetStop}
 * recognises. Any other error propagates unchanged.
 */
export function withBudget(objective: Objective, budget: EvaluationBudget): Objective {
  return (x, gradient) => {
    if (budget.stopReason !== null) {
      throw SPENT
    }
    if (budget.used >= budget.maxEvaluations) {
      budget.stopReason = `evaluation budget of ${budget.maxEvaluations} spent`
      throw SPENT
    }
    budget.used++
    let value: number
    try {
      value = objective(x, gradient)
    } catch (error) {
      if (error instanceof MinimizationStop) {
        budget.stopReason = error.message
        throw SPENT
      }
      throw error
    }
    remember(budget, x, value, gradient)
    return value
  }
}

/** True for the sentinel {@link withBudget} throws; rethrow anything else. */
export function isBudgetStop(error: unknown): boolean {
  return error === SPENT
}

/** The best point of a stopped search as a result, `converged: false` with the stop's reason. */
export function stoppedResult(budget: EvaluationBudget, iterations: number) {
  const { best } = budget
  return {
    x: Float64Array.from(best.x),
    value: Number.isNaN(best.value) ? Number.POSITIVE_INFINITY : best.value,
    converged: false,
    reason: budget.stopReason ?? 'stopped',
    iterations,
    evaluations: budget.used,
    ...(best.gradient === null ? {} : { gradient: Float64Array.from(best.gradient) }),
  }
}
