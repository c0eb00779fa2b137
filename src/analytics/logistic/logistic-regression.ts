import { invertPositiveDefinite } from '../optimize/cholesky.js'

/** A fitted logistic regression: log-odds = intercept + Σ weights[j] × x[j]. */
export interface LogisticFit {
  readonly intercept: number
  readonly weights: readonly number[]
  readonly iterations: number
  readonly converged: boolean
  /** the penalised log-likelihood at the fit */
  readonly logLikelihood: number
}

/** How hard the weights are pulled toward 0 (the intercept never is), and when to stop. */
export interface LogisticOptions {
  /** L2 penalty λ: the fit maximises log L − λ/2 × Σ (weights − center)² */
  readonly l2: number
  /**
   * what the weights are pulled toward (default 0): a prior's effects make this a Gaussian prior
   * on the weights around them (MAP estimation), so little data leaves the prior's effects
   */
  readonly center?: readonly number[]
  readonly maxIterations?: number
  readonly tolerance?: number
}

/**
 * Fits an L2-regularised logistic regression by iteratively reweighted least squares: Newton's
 * method on the penalised log-likelihood, β ← β + (XᵀWX + λD)⁻¹ (Xᵀ(y − p) − λD(β − c)), W =
 * diag(p(1 − p)), D the identity without the intercept, c the center (0 by default) (Hastie, Tibshirani & Friedman 2009, The Elements of
 * Statistical Learning, §4.4.1 and §4.4.4). The penalty keeps the Hessian positive definite, so
 * separable data converges too. O(iterations × n × k²) for n rows of k features.
 * @example fitLogistic([[0], [1], [2], [3]], [0, 0, 1, 1], { l2: 0.1 }).weights[0] // > 0
 */
export function fitLogistic(
  rows: readonly (readonly number[])[],
  outcomes: readonly number[],
  options: LogisticOptions,
): LogisticFit {
  const k = (rows[0]?.length ?? 0) + 1
  const beta = new Float64Array(k)
  const maxIterations = options.maxIterations ?? 50
  const tolerance = options.tolerance ?? 1e-9
  let iterations = 0
  let converged = false
  while (iterations < maxIterations && !converged) {
    iterations += 1
    const { gradient, hessian } = newtonTerms(rows, outcomes, beta, options)
    const inverse = invertPositiveDefinite(hessian, k)
    if (inverse === null) {
      break
    }
    let largest = 0
    const step = new Float64Array(k)
    for (let i = 0; i < k; i += 1) {
      let sum = 0
      for (let j = 0; j < k; j += 1) {
        sum += inverse[i * k + j]! * gradient[j]!
      }
      step[i] = sum
      largest = Math.max(largest, Math.abs(sum))
    }
    for (let i = 0; i < k; i += 1) {
      beta[i] = beta[i]! + step[i]!
    }
    converged = largest < tolerance
  }
  return {
    intercept: beta[0]!,
    weights: Array.from(beta.subarray(1)),
    iterations,
    converged,
    logLikelihood: penalisedLogLikelihood(rows, outcomes, beta, options),
  }
}

/** P(y = 1) of one row under a fit. */
export function predictLogistic(
  fit: Pick<LogisticFit, 'intercept' | 'weights'>,
  row: readonly number[],
): number {
  let sum = fit.intercept
  for (let j = 0; j < row.length; j += 1) {
    sum += (fit.weights[j] ?? 0) * row[j]!
  }
  return 1 / (1 + Math.exp(-sum))
}

// gradient of the penalised log-likelihood and the negative Hessian (XᵀWX + λD), row-major
function newtonTerms(
  rows: readonly (readonly number[])[],
  outcomes: readonly number[],
  beta: Float64Array,
  options: LogisticOptions,
): { gradient: Float64Array; hessian: Float64Array } {
  const { l2 } = options
  const k = beta.length
  const gradient = new Float64Array(k)
  const hessian = new Float64Array(k * k)
  const x = new Float64Array(k)
  for (let n = 0; n < rows.length; n += 1) {
    const row = rows[n]!
    x[0] = 1
    for (let j = 1; j < k; j += 1) {
      x[j] = row[j - 1]!
    }
    let eta = 0
    for (let j = 0; j < k; j += 1) {
      eta += beta[j]! * x[j]!
    }
    const p = 1 / (1 + Math.exp(-eta))
    const residual = outcomes[n]! - p
    const weight = p * (1 - p)
    for (let i = 0; i < k; i += 1) {
      gradient[i] = gradient[i]! + residual * x[i]!
      for (let j = 0; j <= i; j += 1) {
        hessian[i * k + j] = hessian[i * k + j]! + weight * x[i]! * x[j]!
      }
    }
  }
  for (let i = 0; i < k; i += 1) {
    for (let j = 0; j < i; j += 1) {
      hessian[j * k + i] = hessian[i * k + j]!
    }
    if (i > 0) {
      gradient[i] = gradient[i]! - l2 * (beta[i]! - (options.center?.[i - 1] ?? 0))
      hessian[i * k + i] = hessian[i * k + i]! + l2
    }
  }
  // a tiny ridge on the intercept too keeps an all-one or all-zero sample invertible
  hessian[0] = hessian[0]! + 1e-9
  return { gradient, hessian }
}

function penalisedLogLikelihood(
  rows: readonly (readonly number[])[],
  outcomes: readonly number[],
  beta: Float64Array,
  options: LogisticOptions,
): number {
  const fit = { intercept: beta[0]!, weights: Array.from(beta.subarray(1)) }
  let total = 0
  for (let n = 0; n < rows.length; n += 1) {
    const p = Math.min(Math.max(predictLogistic(fit, rows[n]!), 1e-15), 1 - 1e-15)
    total += outcomes[n] === 1 ? Math.log(p) : Math.log(1 - p)
  }
  let penalty = 0
  fit.weights.forEach((weight, j) => {
    penalty += (weight - (options.center?.[j] ?? 0)) ** 2
  })
  return total - (options.l2 / 2) * penalty
}
