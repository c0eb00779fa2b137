import type { Objective } from '../optimize/objective.js'
import { logBeta } from '../special/log-beta.js'

/** Discrete-time histories: x transactions in n opportunities, the last in period t_x. */
export interface DiscreteRfmSummary {
  readonly length: number
  /** repeat transactions x, 0..n */
  readonly frequency: Float64Array
  /** the period t_x (1..n) of the last transaction, 0 when x = 0 */
  readonly recency: Float64Array
  /** transaction opportunities n */
  readonly periods: Float64Array
  readonly weights: Float64Array
}

/** BG/BB parameters: transaction probability p ~ Beta(alpha, beta), dropout θ ~ Beta(gamma, delta). */
export interface BgBbParams {
  readonly alpha: number
  readonly beta: number
  readonly gamma: number
  readonly delta: number
}

function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) {
    return b
  }
  const high = Math.max(a, b)
  return high + Math.log1p(Math.exp(-Math.abs(a - b)))
}

/**
 * ln L(α, β, γ, δ | x, t_x, n) of one history (Fader, Hardie & Shang 2010, "Customer-Base
 * Analysis in a Discrete-Time Noncontractual Setting", Marketing Science 29(6), §2):
 *   B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *   + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
 * summed in log-space. O(n − t_x).
 */
export function bgBbLogLikelihood(p: BgBbParams, x: number, recency: number, n: number): number {
  const logBetaAlpha = logBeta(p.alpha, p.beta)
  const logBetaGamma = logBeta(p.gamma, p.delta)
  let total =
    logBeta(p.alpha + x, p.beta + n - x) -
    logBetaAlpha +
    logBeta(p.gamma, p.delta + n) -
    logBetaGamma
  for (let i = 0; i < n - recency; i++) {
    const term =
      logBeta(p.alpha + x, p.beta + recency - x + i) -
      logBetaAlpha +
      logBeta(p.gamma + 1, p.delta + recency + i) -
      logBetaGamma
    total = logAddExp(total, term)
  }
  return total
}

/** The negative log-likelihood of BG/BB in ln(α, β, γ, δ), value only. O(Σ rows·n). */
export function createBgBbObjective(summary: DiscreteRfmSummary): Objective {
  return (theta) => {
    const p = {
      alpha: Math.exp(theta[0]!),
      beta: Math.exp(theta[1]!),
      gamma: Math.exp(theta[2]!),
      delta: Math.exp(theta[3]!),
    }
    let sum = 0
    for (let k = 0; k < summary.length; k++) {
      const w = summary.weights[k]!
      if (w > 0) {
        sum +=
          w * bgBbLogLikelihood(p, summary.frequency[k]!, summary.recency[k]!, summary.periods[k]!)
      }
    }
    return -sum
  }
}
