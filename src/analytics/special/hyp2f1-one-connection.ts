/**
 * ln 2F1(1, p; p + q; z) near z = 1 by the connection formula in 1 − z (DLMF 15.8.4 with a = 1,
 * b = p, c = p + q, where 2F1(p + q − 1, q; q; 1 − z) = z^(1−p−q)):
 *
 *   2F1(1, p; p + q; z) = (p + q − 1)/(q − 1) · 2F1(1, p; 2 − q; ε) + Γ(p + q)Γ(1 − q)/Γ(p) · ε^(q−1) z^(1−p−q),
 *
 * ε = 1 − z. The series in ε has term ratio (p + n)ε/(2 − q + n), a dozen terms when pε is small,
 * where the Gauss series in z would need thousands. The two parts have poles at integer q that
 * cancel (DLMF 15.8.10 gives the limit with logarithms); near them, and when pε is large, the parts
 * are much larger than their sum, so this returns `NaN` whenever more than three digits would be
 * lost and leaves those arguments to the quadrature.
 */
import { digamma } from './digamma.js'
import { logGamma } from './log-gamma.js'

/** the parts may exceed their sum by at most this factor (three digits of sixteen) */
const MAX_CANCELLATION = 1e3
/**
 * q closer than this to an integer ≥ 1 is left to the quadrature: the derivatives' parts carry
 * the pole squared, so they cancel far worse than the value's
 */
const MIN_DISTANCE_TO_POLE = 0.01
const MAX_TERMS = 200
const TAIL_TOLERANCE = 1e-17

/** S = Σ (p)ₙ εⁿ/(2 − q)ₙ with Σ tₙ·Σₖ₍ₙ 1/(p + k), Σ tₙ·Σₖ₍ₙ 1/(2 − q + k) and Σ n·tₙ */
const sums = new Float64Array(4)

/** Fills `sums`; false when the series does not settle within MAX_TERMS terms. */
function sumSeries(p: number, q: number, oneMinusZ: number): boolean {
  let term = 1
  let harmonicP = 0
  let harmonicQ = 0
  sums[0] = 1
  sums[1] = 0
  sums[2] = 0
  sums[3] = 0
  for (let n = 0; n < MAX_TERMS; n++) {
    const lower = 2 - q + n
    harmonicP += 1 / (p + n)
    harmonicQ += 1 / lower
    term *= ((p + n) * oneMinusZ) / lower
    sums[0]! += term
    sums[1]! += term * harmonicP
    sums[2]! += term * harmonicQ
    sums[3]! += term * (n + 1)
    const ratio = Math.abs(((p + n + 1) * oneMinusZ) / (lower + 1))
    if (ratio < 0.5 && Math.abs(term) < TAIL_TOLERANCE * Math.abs(sums[0]!)) {
      return true
    }
  }
  return false
}

/** the sign of Γ(x) for x not a pole: negative on (−1, 0), (−3, −2), … */
function gammaSign(x: number): number {
  return x > 0 || Math.floor(x) % 2 === 0 ? 1 : -1
}

/**
 * ln 2F1(1, p; p + q; z) for p > 0, q > 0 and 0 < z < 1 given 1 − z as `oneMinusZ`, by the
 * connection formula; `NaN` when q is within 0.01 of an integer ≥ 1, when its series does not
 * settle, or when its two parts cancel by more than three digits (p(1 − z) not small). With `gradient`, writes ∂/∂p, ∂/∂q
 * and ∂/∂z of the logarithm into `gradient[0..2]`. O(terms), about a dozen when p(1 − z) ≤ 1.
 */
export function logHyp2f1OneConnection(
  p: number,
  q: number,
  oneMinusZ: number,
  gradient: Float64Array | null,
): number {
  const z = 1 - oneMinusZ
  if (q > 0.5 && Math.abs(q - Math.round(q)) < MIN_DISTANCE_TO_POLE) {
    return Number.NaN
  }
  if (!sumSeries(p, q, oneMinusZ)) {
    return Number.NaN
  }
  const logEps = Math.log(oneMinusZ)
  const logZ = Math.log1p(-oneMinusZ)
  const series = (p + q - 1) / (q - 1)
  const analytic = series * sums[0]!
  const logClosed =
    logGamma(p + q) + logGamma(1 - q) - logGamma(p) + (q - 1) * logEps + (1 - p - q) * logZ
  const closed = gammaSign(1 - q) * Math.exp(logClosed)
  const total = analytic + closed
  if (
    !(total > 0 && total < Number.POSITIVE_INFINITY) ||
    Math.abs(analytic) + Math.abs(closed) > MAX_CANCELLATION * total
  ) {
    return Number.NaN
  }
  if (gradient !== null) {
    const shareA = analytic / total
    const shareB = closed / total
    const common = 1 / (p + q - 1)
    const psiPQ = digamma(p + q)
    gradient[0] = shareA * (common + sums[1]! / sums[0]!) + shareB * (psiPQ - digamma(p) - logZ)
    gradient[1] =
      shareA * (common - 1 / (q - 1) + sums[2]! / sums[0]!) +
      shareB * (psiPQ - digamma(1 - q) + logEps - logZ)
    gradient[2] =
      shareA * (-sums[3]! / (oneMinusZ * sums[0]!)) +
      shareB * (-(q - 1) / oneMinusZ + (1 - p - q) / z)
  }
  return Math.log(total)
}
