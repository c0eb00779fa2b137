/**
 * A function to minimise: returns its value at `x` and, when `gradient` is not null, writes the
 * gradient there. A non-finite value means "outside the domain" and is treated as +Infinity.
 */
export type Objective = (x: Float64Array, gradient: Float64Array | null) => number

/**
 * Thrown by an objective to end the search, e.g. when its parameters run towards a boundary
 * where the problem has no proper minimum: the optimiser returns the best point evaluated so far
 * with `converged: false` and this error's message as the reason, instead of spending its budget.
 */
export class MinimizationStop extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'MinimizationStop'
  }
}

/** The outcome of a minimisation; `converged: false` always comes with a reason. */
export interface MinimizeResult {
  /** the best point found (a fresh array) */
  readonly x: Float64Array
  /** the objective at `x` */
  readonly value: number
  readonly converged: boolean
  /** why it stopped, in words ("gradient below tolerance", "line search failed", …) */
  readonly reason: string
  /** iterations of all the methods run, added up */
  readonly iterations: number
  /** objective evaluations of all the methods run, added up (never above the budget) */
  readonly evaluations: number
  /** BFGS's final inverse Hessian approximation (row-major n×n), when BFGS ran last */
  readonly inverseHessian?: Float64Array
  /** the gradient at `x`, when BFGS ran last */
  readonly gradient?: Float64Array
}

/** Largest |g_i|·max(|x_i|, 1) / max(|f|, 1): the gradient made scale-free, as R's `nlm` does. */
export function scaledGradientNorm(x: Float64Array, gradient: Float64Array, value: number): number {
  const scale = Math.max(Math.abs(value), 1)
  let largest = 0
  for (let i = 0; i < x.length; i++) {
    const scaled = (Math.abs(gradient[i]!) * Math.max(Math.abs(x[i]!), 1)) / scale
    if (!(scaled <= largest)) {
      largest = scaled
    }
  }
  return largest
}

/** True when every entry is a finite number. */
export function isFiniteVector(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      return false
    }
  }
  return true
}
