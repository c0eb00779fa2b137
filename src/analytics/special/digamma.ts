import stdlibDigamma from '@stdlib/math-base-special-digamma'

/**
 * The digamma function ψ(x) = d ln Γ(x) / dx.
 *
 * Wraps stdlib's `digamma` (Boost's rational approximations with the reflection formula). O(1).
 * Domain: every real x except the poles x = 0, −1, −2, … (`NaN` there, and for `NaN`).
 *
 * @example
 * digamma(1) // −γ = −0.5772156649015329
 */
export function digamma(x: number): number {
  return stdlibDigamma(x)
}
