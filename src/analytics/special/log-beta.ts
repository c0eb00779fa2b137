import betaln from '@stdlib/math-base-special-betaln'

/**
 * The natural logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
 *
 * Wraps stdlib's `betaln` (Boost/Cephes algorithm, accurate when a or b is large, where the
 * three-gamma difference would cancel). O(1).
 * Domain: a ≥ 0 and b ≥ 0 (`Infinity` when either is 0); `NaN` for negative or `NaN` arguments.
 *
 * @example
 * logBeta(2, 3) // ln(1/12) = −2.4849066497880004
 */
export function logBeta(a: number, b: number): number {
  return betaln(a, b)
}
