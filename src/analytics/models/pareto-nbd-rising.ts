/**
 * ln Γ(r + x) − ln Γ(r) and ψ(r + x) − ψ(r) for the Pareto/NBD's frequency terms, accurate when r
 * is huge: on the ridge where purchase rates stop varying (r and α in the millions) the two
 * log-gammas are each ~1e8 and their difference would keep only half its digits.
 */
import { digamma } from '../special/digamma.js'
import { logGamma } from '../special/log-gamma.js'

/** from here on Stirling's series to y^-9 is exact to ~1e-25 (DLMF 5.11.1), past the direct difference */
const ASYMPTOTIC_FROM = 100

/** ln Γ(y) − [(y − ½) ln y − y + ½ ln 2π], Stirling's correction (DLMF 5.11.1) */
function stirlingCorrection(y: number): number {
  const inverse = 1 / y
  const square = inverse * inverse
  return (
    inverse *
    (1 / 12 - square * (1 / 360 - square * (1 / 1260 - square * (1 / 1680 - square / 1188))))
  )
}

/** ψ(y) − ln y (DLMF 5.11.2) */
function digammaCorrection(y: number): number {
  const inverse = 1 / y
  const square = inverse * inverse
  return -0.5 * inverse - square * (1 / 12 - square * (1 / 120 - square * (1 / 252 - square / 240)))
}

/**
 * ln Γ(r + x) − ln Γ(r) = ln of the rising factorial (r)ₓ, for r > 0 and x ≥ 0; for r ≥ 100 as
 * (r − ½)·ln(1 + x/r) + x·ln(r + x) − x plus the difference of Stirling's corrections. O(1).
 */
export function logRisingFactorial(r: number, x: number): number {
  if (x === 0) {
    return 0
  }
  if (r < ASYMPTOTIC_FROM) {
    return logGamma(r + x) - logGamma(r)
  }
  const y = r + x
  return (
    (r - 0.5) * Math.log1p(x / r) +
    x * Math.log(y) -
    x +
    stirlingCorrection(y) -
    stirlingCorrection(r)
  )
}

/** ψ(r + x) − ψ(r) for r > 0 and x ≥ 0; for r ≥ 100 as ln(1 + x/r) plus corrections. O(1). */
export function digammaDifference(r: number, x: number): number {
  if (x === 0) {
    return 0
  }
  if (r < ASYMPTOTIC_FROM) {
    return digamma(r + x) - digamma(r)
  }
  return Math.log1p(x / r) + digammaCorrection(r + x) - digammaCorrection(r)
}
