import {
  createBudget,
  type EvaluationBudget,
  isBudgetStop,
  stoppedResult,
  withBudget,
} from './budget.js'
import { createLineSearchWork, type LineSearchWork, lineSearch } from './line-search.js'
import {
  isFiniteVector,
  type MinimizeResult,
  type Objective,
  scaledGradientNorm,
} from './objective.js'

/** Options of {@link bfgs}. */
export interface BfgsOptions {
  readonly maxIterations: number
  /** stop when the scaled gradient (see `scaledGradientNorm`) is at most this */
  readonly gradientTolerance: number
  /** largest change of any coordinate in one step (the parameters are logs: 5 is a factor e^5) */
  readonly maxStepLength: number
  /** a starting inverse Hessian (row-major n×n), e.g. from a fit on a sample; default the identity */
  readonly initialInverseHessian?: Float64Array | undefined
  /** a cap on objective evaluations, line searches included; default none (only the iterations) */
  readonly maxEvaluations?: number
  /** an evaluation budget shared with other methods (`minimize`'s); overrides `maxEvaluations` */
  readonly budget?: EvaluationBudget
}

/** Below this scaled gradient a point where no step decreases f counts as a minimum. */
const PRECISION_LIMITED_TOLERANCE = 1e-4

interface BfgsState {
  readonly n: number
  readonly x: Float64Array
  readonly gradient: Float64Array
  /** inverse Hessian approximation, row-major n×n */
  readonly inverseHessian: Float64Array
  readonly hy: Float64Array
  value: number
  /** true until the first update rescales the identity (N&W eq. 6.20) */
  fresh: boolean
  iterations: number
}

function resetInverseHessian(state: BfgsState): void {
  state.inverseHessian.fill(0)
  for (let i = 0; i < state.n; i++) {
    state.inverseHessian[i * state.n + i] = 1
  }
  state.fresh = true
}

/** direction = −H·g; returns the slope g·direction. */
function searchDirection(state: BfgsState, direction: Float64Array): number {
  const { n, inverseHessian, gradient } = state
  let slope = 0
  for (let i = 0; i < n; i++) {
    let sum = 0
    for (let j = 0; j < n; j++) {
      sum += inverseHessian[i * n + j]! * gradient[j]!
    }
    direction[i] = -sum
    slope -= sum * gradient[i]!
  }
  return slope
}

/** BFGS update of the inverse Hessian with s = step, y = change of gradient (N&W eq. 6.17). */
function updateInverseHessian(state: BfgsState, s: Float64Array, y: Float64Array): void {
  const { n, inverseHessian: h, hy } = state
  let sy = 0
  let yy = 0
  let ss = 0
  for (let i = 0; i < n; i++) {
    sy += s[i]! * y[i]!
    yy += y[i]! * y[i]!
    ss += s[i]! * s[i]!
  }
  if (!(sy > 1e-12 * Math.sqrt(ss * yy))) {
    // curvature condition fails (rounding near the optimum): keep the old approximation
    return
  }
  if (state.fresh) {
    const scale = sy / yy
    for (let i = 0; i < n; i++) {
      h[i * n + i] = scale
    }
    state.fresh = false
  }
  let yhy = 0
  for (let i = 0; i < n; i++) {
    let sum = 0
    for (let j = 0; j < n; j++) {
      sum += h[i * n + j]! * y[j]!
    }
    hy[i] = sum
    yhy += sum * y[i]!
  }
  const outer = (sy + yhy) / (sy * sy)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] = h[i * n + j]! + outer * s[i]! * s[j]! - (hy[i]! * s[j]! + s[i]! * hy[j]!) / sy
    }
  }
}

/** Accepts the line search's point: records s and y, moves the state there. */
function acceptStep(
  state: BfgsState,
  work: LineSearchWork,
  s: Float64Array,
  y: Float64Array,
): void {
  for (let i = 0; i < state.n; i++) {
    s[i] = work.point[i]! - state.x[i]!
    y[i] = work.gradient[i]! - state.gradient[i]!
  }
  state.x.set(work.point)
  state.gradient.set(work.gradient)
  state.value = work.value
}

/** First trial step (unit, or 1/|p| on a fresh identity) and the largest allowed step. */
function startStep(state: BfgsState, direction: Float64Array, maxStepLength: number) {
  let largest = 0
  for (let i = 0; i < state.n; i++) {
    largest = Math.max(largest, Math.abs(direction[i]!))
  }
  const maxStep = maxStepLength / largest
  const unit = state.fresh ? Math.min(1, 1 / largest) : 1
  return { step: Math.min(unit, maxStep), maxStep }
}

function result(
  state: BfgsState,
  budget: EvaluationBudget,
  outcome: { converged: boolean; reason: string },
): MinimizeResult {
  return {
    x: Float64Array.from(state.x),
    value: state.value,
    converged: outcome.converged,
    reason: outcome.reason,
    iterations: state.iterations,
    evaluations: budget.used,
    inverseHessian: Float64Array.from(state.inverseHessian),
    gradient: Float64Array.from(state.gradient),
  }
}

/** A stop for a point where no step decreases f: a minimum if the gradient is small enough. */
function precisionLimited(gradientNorm: number, what: string) {
  const converged = gradientNorm <= PRECISION_LIMITED_TOLERANCE
  const norm = gradientNorm.toExponential(1)
  const reason = converged
    ? `no further decrease at machine precision (scaled gradient ${norm})`
    : `${what} (scaled gradient ${norm})`
  return { converged, reason }
}

/** The iterations of {@link bfgs} from an evaluated start; returns why they stopped. */
function iterate(objective: Objective, state: BfgsState, options: BfgsOptions) {
  const work = createLineSearchWork(state.n)
  const s = new Float64Array(state.n)
  const y = new Float64Array(state.n)
  for (; state.iterations < options.maxIterations; state.iterations++) {
    const gradientNorm = scaledGradientNorm(state.x, state.gradient, state.value)
    if (gradientNorm <= options.gradientTolerance) {
      const reason = `scaled gradient ${gradientNorm.toExponential(1)} below tolerance`
      return { converged: true, reason }
    }
    work.origin.set(state.x)
    let slope = searchDirection(state, work.direction)
    if (!(slope < 0)) {
      resetInverseHessian(state)
      slope = searchDirection(state, work.direction)
    }
    const { step, maxStep } = startStep(state, work.direction, options.maxStepLength)
    if (!lineSearch(objective, work, { value: state.value, slope, step, maxStep })) {
      if (!state.fresh) {
        resetInverseHessian(state)
        continue
      }
      return precisionLimited(gradientNorm, 'line search failed')
    }
    acceptStep(state, work, s, y)
    updateInverseHessian(state, s, y)
  }
  return { converged: false, reason: `no convergence in ${options.maxIterations} iterations` }
}

function initialState(initial: Float64Array, options: BfgsOptions): BfgsState {
  const n = initial.length
  const state: BfgsState = {
    n,
    x: Float64Array.from(initial),
    gradient: new Float64Array(n),
    inverseHessian: new Float64Array(n * n),
    hy: new Float64Array(n),
    value: 0,
    fresh: true,
    iterations: 0,
  }
  resetInverseHessian(state)
  if (options.initialInverseHessian?.length === n * n) {
    state.inverseHessian.set(options.initialInverseHessian)
    state.fresh = false
  }
  return state
}

/**
 * Minimises a smooth objective with its gradient by BFGS on the inverse Hessian with a strong
 * Wolfe line search (Nocedal & Wright 2006, Algorithm 6.1). Restarts from a scaled identity
 * once when the line search fails. Stops at `maxEvaluations` (or when the objective throws
 * `MinimizationStop`) with the best point evaluated, `converged: false`.
 * O(iterations · (n² + evaluation)).
 */
export function bfgs(
  objective: Objective,
  initial: Float64Array,
  options: BfgsOptions,
): MinimizeResult {
  const budget = options.budget ?? createBudget(initial, options.maxEvaluations ?? Infinity)
  const counted = withBudget(objective, budget)
  const state = initialState(initial, options)
  try {
    state.value = counted(state.x, state.gradient)
    if (!Number.isFinite(state.value) || !isFiniteVector(state.gradient)) {
      const reason = 'objective or gradient not finite at the initial point'
      return result(state, budget, { converged: false, reason })
    }
    return result(state, budget, iterate(counted, state, options))
  } catch (error) {
    if (!isBudgetStop(error)) {
      throw error
    }
    return stoppedResult(budget, state.iterations)
  }
}
