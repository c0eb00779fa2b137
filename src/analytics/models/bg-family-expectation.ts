/**
 * Expected transactions of a customer who is alive, for the BG/NBD family. With
 * z = t/(α+T+t), Euler's transformation 2F1(A, B; C; z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z)
 * (DLMF 15.8.1) turns Fader, Hardie & Lee (2005, eq. 10) into
 *
 *   N(x, T, t) = (a+b+x+s−1)/(a−1) · [1 − (1−z)^(a−1) · 2F1(a+b+s−1−r, a−1; a+b+x+s−1; z)]
 *
 * whose series has small upper parameters for any x: it converges in tens of terms where the
 * untransformed 2F1(r+x, b+x+s; …) series would need hundreds for frequent buyers.
 */

/** parameters of a BG/NBD-family model */
export interface BgFamilyParams {
  readonly r: number
  readonly alpha: number
  readonly a: number
  readonly b: number
}

const MAX_TERMS = 2_000_000
const TOLERANCE = 1e-17
/** within this of a = 1 the closed form is 0/0: average the two sides (error O(δ²)) */
const NEAR_ONE = 1e-4

/**
 * 2F1(A, B; C; z) − 1 by the Gauss series, for 0 ≤ z < 1 and C > 0 (DLMF 15.2.1); the terms
 * change sign at most a few times, so there is no heavy cancellation.
 */
function gaussSeriesMinusOne(upperA: number, upperB: number, lowerC: number, z: number): number {
  let term = 1
  let sum = 0
  for (let k = 0; k < MAX_TERMS; k++) {
    const ratio = (((upperA + k) * (upperB + k)) / ((lowerC + k) * (k + 1))) * z
    term *= ratio
    sum += term
    if (
      term === 0 ||
      (Math.abs(ratio) < 1 && Math.abs(term) <= TOLERANCE * Math.abs(sum) * (1 - z))
    ) {
      break
    }
  }
  return sum
}

function closedForm(p: BgFamilyParams, shift: number, x: number, z: number): number {
  const { r, a, b } = p
  const c = a + b + x + shift - 1
  const seriesMinusOne = gaussSeriesMinusOne(a + b + shift - 1 - r, a - 1, c, z)
  // 1 − (1−z)^(a−1)·F, with the power from log1p to keep small z exact
  const bracket =
    -Math.expm1((a - 1) * Math.log1p(-z)) - Math.exp((a - 1) * Math.log1p(-z)) * seriesMinusOne
  return (c / (a - 1)) * bracket
}

/**
 * N(x, T, t): expected transactions in (T, T+t] of a customer with x repeat purchases who is
 * alive at T (the conditional expectation of FHL 2005 eq. 10 divided by P(alive)); shift 0 is
 * BG/NBD, 1 is MBG/NBD (Batislam et al. 2007). 0 for t ≤ 0. O(terms), typically tens; grows
 * like 1/(1−z) when t ≫ α + T.
 */
export function aliveExpectedTransactions(
  p: BgFamilyParams,
  shift: number,
  history: { readonly x: number; readonly age: number },
  t: number,
): number {
  if (!(t > 0)) {
    return 0
  }
  const z = t / (p.alpha + history.age + t)
  if (Math.abs(p.a - 1) >= NEAR_ONE) {
    return closedForm(p, shift, history.x, z)
  }
  const below = closedForm({ ...p, a: 1 - NEAR_ONE }, shift, history.x, z)
  const above = closedForm({ ...p, a: 1 + NEAR_ONE }, shift, history.x, z)
  return 0.5 * (below + above)
}
