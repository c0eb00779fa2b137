import type { Objective } from '../optimize/objective.js'
import { digamma } from '../special/digamma.js'
import { logGamma } from '../special/log-gamma.js'

/** Distinct (x, m_x) rows of repeat buyers with a positive mean spend, with weights. */
export interface SpendRows {
  readonly length: number
  readonly frequency: Float64Array
  readonly meanSpend: Float64Array
  readonly weights: Float64Array
}

/**
 * The negative log-likelihood of the Gamma-Gamma spend model in θ = ln(p, q, γ), per customer
 * (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value", with m_x the mean of
 * x transactions):
 *   ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + x m_x)
 * with its analytic gradient. O(rows) per call, no allocation.
 */
export function createGammaGammaObjective(rows: SpendRows): Objective {
  return (theta, gradient) => {
    const p = Math.exp(theta[0]!)
    const q = Math.exp(theta[1]!)
    const gamma = Math.exp(theta[2]!)
    const logGammaQ = logGamma(q)
    const logScale = Math.log(gamma)
    let sum = 0
    let dp = 0
    let dq = 0
    let dgamma = 0
    const digammaQ = gradient === null ? 0 : digamma(q)
    for (let k = 0; k < rows.length; k++) {
      const x = rows.frequency[k]!
      const m = rows.meanSpend[k]!
      const w = rows.weights[k]!
      const px = p * x
      const logTotal = Math.log(gamma + x * m)
      const logMean = Math.log(m)
      sum +=
        w *
        (logGamma(px + q) -
          logGamma(px) -
          logGammaQ +
          q * logScale +
          (px - 1) * logMean +
          px * Math.log(x) -
          (px + q) * logTotal)
      if (gradient !== null) {
        const both = digamma(px + q)
        dp += w * x * (both - digamma(px) + logMean + Math.log(x) - logTotal)
        dq += w * (both - digammaQ + logScale - logTotal)
        dgamma += w * (q / gamma - (px + q) / (gamma + x * m))
      }
    }
    if (gradient !== null) {
      gradient[0] = -dp * p
      gradient[1] = -dq * q
      gradient[2] = -dgamma * gamma
    }
    return -sum
  }
}
