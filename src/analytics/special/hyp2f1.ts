/**
 * The natural logarithm of the Gauss hypergeometric function 2F1(a, b; c; z) for positive
 * parameters and z < 1, chosen among forms whose terms are all positive: the Gauss series, Euler's
 * transformation, Pfaff's transformation for z < 0, and Euler's integral by tanh-sinh quadrature
 * for z near 1. Built for the Pareto/NBD likelihood (a = r + s + x with x in the hundreds, c = a + 1)
 * and BG/NBD's E[X(t)].
 */
import { logHyp2f1Quadrature } from './hyp2f1-quadrature.js'
import { logHyp2f1Series } from './hyp2f1-series.js'
import { logGamma } from './log-gamma.js'

/** beyond this many series terms, Euler's integral is cheaper than the series */
const QUADRATURE_ABOVE_TERMS = 20_000
const MAX_SERIES_TERMS = 10_000_000

const eulerScratch = new Float64Array(4)
const pfaffScratch = new Float64Array(4)

/**
 * ln 2F1(a, b; c; z), the logarithm of the Gauss hypergeometric function (DLMF 15.2.1).
 *
 * Domain: a > 0, b > 0, c > 0 and z < 1, and for z < 0 also c ≥ min(a, b) (which keeps 2F1
 * positive); `NaN` elsewhere and for non-finite arguments. Also `NaN` when c < min(a, b) and z
 * is so close to 1 that the series would need over 10⁷ terms (Euler's integral needs c > min(a,
 * b); Pareto/NBD and BG/NBD never ask for that). Accurate to about 1e-13 relative in 2F1
 * (absolute in its logarithm) against mpmath over the fixtures, including a = 1000,
 * z = 0.999999 and z = −1e6.
 * Cost: O(1 + terms) where the series converges within 20,000 terms (a handful for Pareto/NBD's
 * usual arguments), else a few thousand quadrature nodes (tens of microseconds).
 *
 * @example
 * Math.exp(logHyp2f1(1, 1, 2, 0.5)) // −ln(1 − 0.5)/0.5 = 1.3862943611198906
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  return evaluate(a, b, c, z, null)
}

/**
 * ln 2F1(a, b; c; z) as {@link logHyp2f1}, also writing its partial derivatives ∂/∂a, ∂/∂b, ∂/∂c
 * and ∂/∂z into `gradient[0..3]` (all `NaN` outside the domain). Same domain and cost.
 *
 * @example
 * const gradient = new Float64Array(4)
 * logHyp2f1Gradient(1, 1, 2, 0, gradient) // 0, and gradient[3] = ab/c = 0.5
 */
export function logHyp2f1Gradient(
  a: number,
  b: number,
  c: number,
  z: number,
  gradient: Float64Array,
): number {
  const value = evaluate(a, b, c, z, gradient)
  if (Number.isNaN(value)) {
    gradient.fill(Number.NaN, 0, 4)
  }
  return value
}

// positional arguments as in stdlib's hyp2f1: the Pareto/NBD likelihood calls this per table entry
function evaluate(
  a: number,
  b: number,
  c: number,
  z: number,
  gradient: Float64Array | null,
): number {
  if (!(a > 0 && b > 0 && c > 0 && z < 1) || !Number.isFinite(a + b + c + z)) {
    return Number.NaN
  }
  return z >= 0 ? unitInterval(a, b, c, z, 1 - z, gradient) : pfaff(a, b, c, z, gradient)
}

/**
 * z < 0: 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z/(z − 1)), or the same with a and b
 * swapped (DLMF 15.8.1), mapping z into (0, 1) with a non-negative parameter c − b.
 */
function pfaff(a: number, b: number, c: number, z: number, gradient: Float64Array | null): number {
  if (c < a && c < b) {
    return Number.NaN
  }
  // keeping the smaller parameter outside keeps (1 − z)^(−kept) from cancelling the inner 2F1
  const swap = c < b || (c >= a && b < a)
  const kept = swap ? b : a
  const replaced = swap ? a : b
  const oneMinusZ = 1 - z
  const logOneMinusZ = Math.log1p(-z)
  const inner = gradient === null ? null : pfaffScratch
  const w = -z / oneMinusZ
  const value = -kept * logOneMinusZ + unitInterval(kept, c - replaced, c, w, 1 / oneMinusZ, inner)
  if (gradient !== null) {
    const keptSlope = -logOneMinusZ + pfaffScratch[0]!
    const replacedSlope = -pfaffScratch[1]!
    gradient[swap ? 1 : 0] = keptSlope
    gradient[swap ? 0 : 1] = replacedSlope
    gradient[2] = pfaffScratch[1]! + pfaffScratch[2]!
    gradient[3] = kept / oneMinusZ - pfaffScratch[3]! / (oneMinusZ * oneMinusZ)
  }
  return value
}

/** the terms the series needs: up to its largest term, then until the terms fall below e^-45 */
function seriesTerms(a: number, b: number, c: number, z: number, oneMinusZ: number): number {
  // the term ratio (a+n)(b+n)z / ((c+n)(n+1)) is ≥ 1 between the roots of this quadratic in n
  const linear = c + 1 - z * (a + b)
  const constant = c - z * a * b
  const discriminant = linear * linear - 4 * oneMinusZ * constant
  const peak =
    discriminant > 0 ? Math.max(0, (Math.sqrt(discriminant) - linear) / (2 * oneMinusZ)) : 0
  // every term after the first carries a factor min(a, b): a tiny one shortens the tail
  const folds = Math.max(1, 45 + Math.min(0, Math.log(Math.min(a, b))))
  return peak + 6 * Math.sqrt(peak) + folds / -Math.log1p(-oneMinusZ) + 10
}

/**
 * The terms a series needs when its terms also fall like a power of n: they go as
 * Γ(c)/(Γ(a)Γ(b))·n^(a+b−c−1)·zⁿ (DLMF 15.2.1), so with a+b−c−1 < 0 they drop below e^-45 by
 * this n even when z is close to 1.
 */
function powerLawTerms(a: number, b: number, c: number): number {
  const exponent = a + b - c - 1
  if (!(exponent < -0.5)) {
    return Number.POSITIVE_INFINITY
  }
  const logScale = logGamma(c) - logGamma(a) - logGamma(b)
  return Math.max(a, b, c) + Math.exp((45 + Math.max(0, logScale)) / -exponent)
}

function unitInterval(
  a: number,
  b: number,
  c: number,
  z: number,
  oneMinusZ: number,
  gradient: Float64Array | null,
): number {
  if (z === 0 || a === 0 || b === 0) {
    // 2F1 = 1; Pfaff's c − b can be exactly 0
    return logHyp2f1Series(a, b, c, z, gradient, MAX_SERIES_TERMS)
  }
  const eulerApplies = c >= a && c >= b
  let directTerms = seriesTerms(a, b, c, z, oneMinusZ)
  let eulerTerms = eulerApplies ? seriesTerms(c - a, c - b, c, z, oneMinusZ) : Infinity
  if (Math.min(directTerms, eulerTerms) > QUADRATURE_ABOVE_TERMS) {
    // near z = 1 the geometric estimate is too pessimistic for terms that fall like a power
    directTerms = Math.min(directTerms, powerLawTerms(a, b, c))
    eulerTerms = eulerApplies ? Math.min(eulerTerms, powerLawTerms(c - a, c - b, c)) : Infinity
  }
  const terms = Math.min(directTerms, eulerTerms)
  const quadratureApplies = c > Math.min(a, b)
  if (terms > QUADRATURE_ABOVE_TERMS && quadratureApplies) {
    return quadrature(a, b, c, z, oneMinusZ, gradient)
  }
  if (terms > MAX_SERIES_TERMS) {
    // c < min(a, b) with z within ~1e-6 of 1: neither kernel applies
    return Number.NaN
  }
  const maxTerms = Math.min(MAX_SERIES_TERMS, Math.ceil(4 * terms) + 1000)
  const value =
    eulerTerms < directTerms
      ? euler(a, b, c, z, oneMinusZ, gradient, maxTerms)
      : logHyp2f1Series(a, b, c, z, gradient, maxTerms)
  // an estimate that was too hopeful costs one wasted series, never a wrong value
  return Number.isNaN(value) && quadratureApplies
    ? quadrature(a, b, c, z, oneMinusZ, gradient)
    : value
}

/** 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c − a, c − b; c; z) (DLMF 15.8.1), for c ≥ a, b */
function euler(
  a: number,
  b: number,
  c: number,
  z: number,
  oneMinusZ: number,
  gradient: Float64Array | null,
  maxTerms: number,
): number {
  // 1 − z is exact for z ≥ 1/2 (Sterbenz); below, log1p keeps the digits of a small z
  const logOneMinusZ = z < 0.5 ? Math.log1p(-z) : Math.log(oneMinusZ)
  const excess = c - a - b
  const inner = gradient === null ? null : eulerScratch
  const value = excess * logOneMinusZ + logHyp2f1Series(c - a, c - b, c, z, inner, maxTerms)
  if (gradient !== null) {
    const slopeA = eulerScratch[0]!
    const slopeB = eulerScratch[1]!
    gradient[0] = -logOneMinusZ - slopeA
    gradient[1] = -logOneMinusZ - slopeB
    gradient[2] = logOneMinusZ + slopeA + slopeB + eulerScratch[2]!
    gradient[3] = -excess / oneMinusZ + eulerScratch[3]!
  }
  return value
}

/** Euler's integral needs c > b; 2F1 is symmetric in a and b, so integrate over the better one */
function quadrature(
  a: number,
  b: number,
  c: number,
  z: number,
  oneMinusZ: number,
  gradient: Float64Array | null,
): number {
  // the integrand is smoothest when both t^(b−1) and (1−t)^(c−b−1) are far from singular
  const smoothness = (p: number): number => (p < c ? Math.min(p, c - p) : -1)
  const swap = smoothness(a) > smoothness(b)
  const value = logHyp2f1Quadrature({ a: swap ? b : a, b: swap ? a : b, c, z, oneMinusZ }, gradient)
  if (swap && gradient !== null) {
    const slope = gradient[0]!
    gradient[0] = gradient[1]!
    gradient[1] = slope
  }
  return value
}
