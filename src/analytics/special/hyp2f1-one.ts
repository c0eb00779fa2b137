/**
 * ln 2F1(1, p; p + q; z): the one Gauss hypergeometric function the Pareto/NBD likelihood needs
 * after Euler's transformation, 2F1(m, q; m + 1; z) = (1 − z)^(1−q) 2F1(1, p; p + q; z) with
 * m = p + q − 1 (DLMF 15.8.1). Its series has positive terms whose ratio z(p + n)/(p + q + n) stays
 * below z, so it is short unless z is close to 1; there a fixed quadrature takes over, so the cost
 * stays at a few microseconds on the likelihood's ridges (p in the millions, 1 − z down to 1e-12),
 * where the general `logHyp2f1` needs its adaptive quadrature (tens to thousands of microseconds).
 */
import { logHyp2f1OneConnection } from './hyp2f1-one-connection.js'
import { logHyp2f1OneQuadrature } from './hyp2f1-one-quadrature.js'
import { logHyp2f1Quadrature } from './hyp2f1-quadrature.js'
import { logHyp2f1Series } from './hyp2f1-series.js'

/** beyond this many terms the quadrature (50 to 150 nodes, ~5 series terms each) is cheaper */
const MAX_SERIES_TERMS = 300
/**
 * the connection formula's series needs p(1 − z) small; its Γ(p + q)/Γ(p) keeps its digits while
 * ln Γ(p) is small
 */
const CONNECTION_MAX_P = 100
const CONNECTION_MAX_SPREAD = 1

/** ln(1e18): the terms' fall the series needs, with its geometric tail bound */
const FOLDS = 41.5

const seriesScratch = new Float64Array(4)

/** ∂/∂a, ∂b, ∂c, ∂z of ln 2F1(1, p; p + q; z) → ∂/∂p, ∂q, ∂z */
function fromGeneralGradient(general: Float64Array, gradient: Float64Array | null): void {
  if (gradient !== null) {
    gradient[0] = general[1]! + general[2]!
    gradient[1] = general[2]!
    gradient[2] = general[3]!
  }
}

/**
 * The series when it is short: every term ratio lies between z·p/(p + q) and z, so it needs at
 * least 41.5/−ln(z·p/(p + q)) terms and at most 41.5/−ln z. `NaN` when it would be long.
 */
function bySeries(p: number, q: number, z: number, gradient: Float64Array | null): number {
  const fewest = FOLDS / -Math.log((z * p) / (p + q))
  if (!(fewest <= MAX_SERIES_TERMS)) {
    return Number.NaN
  }
  // with room for the geometric tail 1/(1 − z) and the derivatives' factor n
  const most = 1.5 * (FOLDS / -Math.log(z)) + 10
  const cap = Math.min(MAX_SERIES_TERMS, Math.ceil(most))
  const general = gradient === null ? null : seriesScratch
  const value = logHyp2f1Series(1, p, p + q, z, general, cap)
  if (general !== null && !Number.isNaN(value)) {
    fromGeneralGradient(general, gradient)
  }
  return value
}

/**
 * ln 2F1(1, p; p + q; z) with z = 1 − `oneMinusZ`, for p > 0, q > 0 and 0 < 1 − z ≤ 1; pass 1 − z
 * rather than z so that its digits survive when z is close to 1. When `gradient` is given, writes
 * ∂/∂p, ∂/∂q and ∂/∂z of the logarithm into `gradient[0..2]`. `NaN` outside the domain (and the
 * gradient then `NaN` too). Accurate to about 1e-14 relative in 2F1 against mpmath, including
 * p = 1e10 with 1 − z = 1e-12. Cost: the series where it is short (a handful of terms at the
 * usual Pareto/NBD arguments), else 50 to 150 quadrature nodes; the general adaptive quadrature
 * only when p + q ≤ 1 and z is close to 1, which the Pareto/NBD never asks for.
 *
 * @example
 * Math.exp(logHyp2f1One(1, 1, 0.5, null)) // 2F1(1, 1; 2; 0.5) = 2 ln 2 = 1.3862943611198906
 */
export function logHyp2f1One(
  p: number,
  q: number,
  oneMinusZ: number,
  gradient: Float64Array | null,
): number {
  const value = evaluate(p, q, oneMinusZ, gradient)
  if (Number.isNaN(value)) {
    gradient?.fill(Number.NaN, 0, 3)
  }
  return value
}

function evaluate(p: number, q: number, oneMinusZ: number, gradient: Float64Array | null): number {
  if (!(p > 0 && q > 0 && oneMinusZ > 0 && oneMinusZ <= 1) || !Number.isFinite(p + q)) {
    return Number.NaN
  }
  const z = 1 - oneMinusZ
  if (z === 0) {
    if (gradient !== null) {
      gradient[0] = 0
      gradient[1] = 0
      gradient[2] = p / (p + q)
    }
    return 0
  }
  const series = bySeries(p, q, z, gradient)
  if (!Number.isNaN(series)) {
    return series
  }
  if (p <= CONNECTION_MAX_P && p * oneMinusZ <= CONNECTION_MAX_SPREAD) {
    const connected = logHyp2f1OneConnection(p, q, oneMinusZ, gradient)
    if (!Number.isNaN(connected)) {
      return connected
    }
  }
  if (p + q > 1) {
    return logHyp2f1OneQuadrature(p, q, z, oneMinusZ, gradient)
  }
  // Euler's integral over t^(p−1)(1 − t)^(q−1)(1 − zt)^(−1) needs only c = p + q > p
  const general = gradient === null ? null : seriesScratch
  const value = logHyp2f1Quadrature({ a: 1, b: p, c: p + q, z, oneMinusZ }, general)
  if (general !== null) {
    fromGeneralGradient(general, gradient)
  }
  return value
}
