import gammaln from '@stdlib/math-base-special-gammaln'

/**
 * The natural logarithm of the absolute value of the gamma function, ln|Γ(x)|.
 *
 * Wraps stdlib's `gammaln` (a port of FreeBSD's `lgamma`, accurate to a few ulp) so the rest of
 * analytics imports one name. O(1).
 * Domain: every real x; `Infinity` at the poles x = 0, −1, −2, …; `NaN` for `NaN`.
 *
 * @example
 * logGamma(5) // ln 24 = 3.1780538303479458
 */
export function logGamma(x: number): number {
  return gammaln(x)
}
