import { invertPositiveDefinite } from './cholesky.js'
import type { Objective } from './objective.js'

/** Options of {@link numericalHessian}. */
export interface HessianOptions {
  /** difference the analytic gradient (true, default) or the values alone (false) */
  readonly useGradient?: boolean
  /**
   * with the gradient: 'central' (2n gradients, error O(h²), default) or 'forward' (n + 1, or n
   * when `gradientAtX` is given; error O(h), ample for standard errors)
   */
  readonly scheme?: 'central' | 'forward'
  /** the gradient at x when already known (forward scheme) */
  readonly gradientAtX?: Float64Array
}

/** ε^(1/3) and ε^(1/4): the steps that balance truncation and rounding (N&W 2006, §8.1). */
const GRADIENT_STEP = 6e-6
/** forward differences of a gradient summed over many rows: between ε^(1/2) and ε^(1/3) */
const FORWARD_STEP = 1e-6
const VALUE_STEP = 1e-4

function stepFor(x: Float64Array, i: number, relative: number): number {
  return relative * Math.max(Math.abs(x[i]!), 1)
}

function fromGradient(
  objective: Objective,
  x: Float64Array,
  options: HessianOptions,
): Float64Array {
  const n = x.length
  const hessian = new Float64Array(n * n)
  const point = Float64Array.from(x)
  const plus = new Float64Array(n)
  const forward = options.scheme === 'forward'
  let minus = new Float64Array(n)
  if (forward) {
    minus = options.gradientAtX === undefined ? minus : Float64Array.from(options.gradientAtX)
    if (options.gradientAtX === undefined) {
      objective(point, minus)
    }
  }
  for (let j = 0; j < n; j++) {
    const h = stepFor(x, j, forward ? FORWARD_STEP : GRADIENT_STEP)
    point[j] = x[j]! + h
    objective(point, plus)
    if (!forward) {
      point[j] = x[j]! - h
      objective(point, minus)
    }
    point[j] = x[j]!
    for (let i = 0; i < n; i++) {
      hessian[i * n + j] = (plus[i]! - minus[i]!) / (forward ? h : 2 * h)
    }
  }
  // average the two estimates of each off-diagonal entry
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = 0.5 * (hessian[i * n + j]! + hessian[j * n + i]!)
      hessian[i * n + j] = mean
      hessian[j * n + i] = mean
    }
  }
  return hessian
}

function valueAt(objective: Objective, x: Float64Array, moves: [number, number, number, number]) {
  const [i, hi, j, hj] = moves
  const point = Float64Array.from(x)
  point[i] = point[i]! + hi
  point[j] = point[j]! + hj
  return objective(point, null)
}

function fromValues(objective: Objective, x: Float64Array): Float64Array {
  const n = x.length
  const hessian = new Float64Array(n * n)
  const center = objective(x, null)
  for (let i = 0; i < n; i++) {
    const hi = stepFor(x, i, VALUE_STEP)
    const twicePlus = valueAt(objective, x, [i, hi, i, hi])
    const twiceMinus = valueAt(objective, x, [i, -hi, i, -hi])
    hessian[i * n + i] = (twicePlus - 2 * center + twiceMinus) / (4 * hi * hi)
    for (let j = 0; j < i; j++) {
      const hj = stepFor(x, j, VALUE_STEP)
      const value =
        (valueAt(objective, x, [i, hi, j, hj]) -
          valueAt(objective, x, [i, hi, j, -hj]) -
          valueAt(objective, x, [i, -hi, j, hj]) +
          valueAt(objective, x, [i, -hi, j, -hj])) /
        (4 * hi * hj)
      hessian[i * n + j] = value
      hessian[j * n + i] = value
    }
  }
  return hessian
}

/**
 * Hessian of `objective` at `x` (row-major n×n) by finite differences: of the analytic gradient
 * (central: 2n gradient evaluations, error O(h²); forward: n or n + 1, error O(h)) or of the
 * values alone (central, 2n² + 1 evaluations). Entries are NaN or ±Infinity when the objective is
 * not finite near `x`.
 */
export function numericalHessian(
  objective: Objective,
  x: Float64Array,
  options: HessianOptions = {},
): Float64Array {
  return options.useGradient === false
    ? fromValues(objective, x)
    : fromGradient(objective, x, options)
}

/**
 * Standard errors from the Hessian of a negative log-likelihood (the observed information):
 * √diag(H⁻¹), each multiplied by `jacobianDiagonal[i]` when given — the delta method for a
 * coordinate-wise transform, e.g. the parameter itself when the fit ran in log-parameters
 * (d e^θ/dθ = e^θ). Null when H is not positive definite (no proper maximum, or a flat
 * direction). O(n³).
 *
 * @example
 * ```ts
 * const se = standardErrors(numericalHessian(negLogLik, logParams), params) // natural scale
 * ```
 */
export function standardErrors(
  hessian: Float64Array,
  jacobianDiagonal?: Float64Array,
): Float64Array | null {
  const n = Math.round(Math.sqrt(hessian.length))
  const covariance = invertPositiveDefinite(hessian, n)
  if (covariance === null) {
    return null
  }
  const errors = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const scale = jacobianDiagonal === undefined ? 1 : Math.abs(jacobianDiagonal[i]!)
    errors[i] = Math.sqrt(covariance[i * n + i]!) * scale
    if (!Number.isFinite(errors[i]!)) {
      return null
    }
  }
  return errors
}
