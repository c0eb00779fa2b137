import { bfgs } from './bfgs.js'
import { createBudget, type EvaluationBudget } from './budget.js'
import { nelderMead } from './nelder-mead.js'
import type { MinimizeResult, Objective } from './objective.js'

/** Options of {@link minimize}; every field has a default. */
export interface MinimizeOptions {
  /** iterations per method run; default 200 (BFGS), 500·n (Nelder–Mead) */
  readonly maxIterations?: number
  /**
   * convergence when max_i |g_i|·max(|x_i|, 1) / max(|f|, 1) is at most this (the relative
   * gradient of R's `nlm`); default 1e-8
   */
  readonly gradientTolerance?: number
  /** false when the objective cannot fill `gradient`: Nelder–Mead only; default true */
  readonly useGradient?: boolean
  /**
   * BFGS's starting inverse Hessian (row-major n×n), e.g. a fit on a sample's `inverseHessian`
   * scaled by sample size / full size; default a scaled identity
   */
  readonly initialInverseHessian?: Float64Array
  /**
   * objective evaluations allowed to all the methods together, line searches included; when they
   * are spent the search stops with the best point evaluated and `converged: false`. Default
   * 250·(n + 1), several times what BFGS needs on a well-posed problem.
   */
  readonly maxEvaluations?: number
}

const DEFAULT_GRADIENT_TOLERANCE = 1e-8
const DEFAULT_EVALUATIONS_PER_UNKNOWN = 250
const MAX_STEP_LENGTH = 5

function valueOnly(objective: Objective): Objective {
  return (x) => objective(x, null)
}

function withGradient(
  objective: Objective,
  initial: Float64Array,
  options: MinimizeOptions,
  budget: EvaluationBudget,
): MinimizeResult {
  const bfgsOptions = {
    maxIterations: options.maxIterations ?? 200,
    gradientTolerance: options.gradientTolerance ?? DEFAULT_GRADIENT_TOLERANCE,
    maxStepLength: MAX_STEP_LENGTH,
    budget,
  }
  const first = bfgs(objective, initial, {
    ...bfgsOptions,
    initialInverseHessian: options.initialInverseHessian,
  })
  if (first.converged || budget.stopReason !== null) {
    return first
  }
  // BFGS stalled or ran out: let the simplex find the basin, then polish with BFGS again
  const simplexStart = Number.isFinite(first.value) ? first.x : initial
  const simplex = nelderMead(valueOnly(objective), simplexStart, { budget })
  const polished = budget.stopReason === null ? bfgs(objective, simplex.x, bfgsOptions) : simplex
  const iterations = first.iterations + simplex.iterations + polished.iterations
  const evaluations = budget.used
  const reason = `BFGS: ${first.reason}; after Nelder–Mead fallback: ${polished.reason}`
  if (polished.value <= simplex.value || !Number.isFinite(simplex.value)) {
    return { ...polished, reason, iterations, evaluations }
  }
  return { x: simplex.x, value: simplex.value, converged: false, reason, iterations, evaluations }
}

function withoutGradient(
  objective: Objective,
  initial: Float64Array,
  options: MinimizeOptions,
  budget: EvaluationBudget,
): MinimizeResult {
  const nmOptions = {
    budget,
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  }
  const first = nelderMead(objective, initial, nmOptions)
  if (budget.stopReason !== null) {
    return first
  }
  // a restart from the best vertex rebuilds a collapsed simplex (a known Nelder–Mead failure)
  const second = nelderMead(objective, first.x, nmOptions)
  const iterations = first.iterations + second.iterations
  const evaluations = budget.used
  const best = second.value <= first.value ? second : first
  const stable = Math.abs(first.value - second.value) <= 1e-10 * Math.max(Math.abs(second.value), 1)
  const converged = first.converged && second.converged && stable
  const reason = converged
    ? 'Nelder–Mead: simplex collapsed twice at the same point'
    : `Nelder–Mead: ${second.converged ? 'restart moved the optimum' : second.reason}`
  return { x: best.x, value: best.value, converged, reason, iterations, evaluations }
}

/**
 * Finds a local minimum of `objective` from `initial`: BFGS with a strong Wolfe line search when
 * gradients are available, falling back to Nelder–Mead (then BFGS again) when BFGS fails, and
 * Nelder–Mead with one restart when they are not. A non-finite objective value is treated as
 * +Infinity, so searches back off from outside the domain; fit parameters in unconstrained form
 * (logs of positive parameters). Never throws for a bad objective: `converged` is false and
 * `reason` says why. Never evaluates the objective more than `maxEvaluations` times; an objective
 * may end the search early by throwing `MinimizationStop` (the best point so far is returned).
 *
 * @example
 * ```ts
 * const rosenbrock: Objective = (x, g) => {
 *   const [a, b] = [x[0]!, x[1]!]
 *   if (g) { g[0] = -2 * (1 - a) - 400 * a * (b - a * a); g[1] = 200 * (b - a * a) }
 *   return (1 - a) ** 2 + 100 * (b - a * a) ** 2
 * }
 * minimize(rosenbrock, new Float64Array([-1.2, 1])).x // ≈ [1, 1]
 * ```
 */
export function minimize(
  objective: Objective,
  initial: Float64Array,
  options: MinimizeOptions = {},
): MinimizeResult {
  if (initial.length === 0) {
    return {
      x: new Float64Array(0),
      value: objective(initial, null),
      converged: true,
      reason: 'no unknowns',
      iterations: 0,
      evaluations: 1,
    }
  }
  const maxEvaluations =
    options.maxEvaluations ?? DEFAULT_EVALUATIONS_PER_UNKNOWN * (initial.length + 1)
  const budget = createBudget(initial, maxEvaluations)
  return options.useGradient === false
    ? withoutGradient(objective, initial, options, budget)
    : withGradient(objective, initial, options, budget)
}
