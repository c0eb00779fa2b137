/**
 * The two positive terms of the Pareto/NBD likelihood. Integrating by parts the "died between
 * t_x and T" integral of Fader & Hardie ("A Note on Deriving the Pareto/NBD Model and Related
 * Expressions", 2005) against its "alive at T" term turns
 *
 *   L = Γ(r+x)α^r β^s / Γ(r) · [ (α+T)^(−(r+x)) (β+T)^(−s) + s ∫_{t_x}^T (α+τ)^(−(r+x)) (β+τ)^(−(s+1)) dτ ]
 *
 * into a sum of two positive integrals, with m = r + s + x,
 *
 *   L = Γ(r+x)α^r β^s / (Γ(r) m) · [ (r+x)·m·J(r+x+1, s; T) + s·m·J(r+x, s+1; t_x) ],
 *   m·J(p, q; u) = m ∫_u^∞ (α+τ)^(−p) (β+τ)^(−q) dτ
 *               = (α+u)^(−m) 2F1(m, q; m+1; (α−β)/(α+u))        when α ≥ β,
 *               = (β+u)^(−m) 2F1(m, p; m+1; (β−α)/(β+u))        when β > α,
 *
 * (expand (β+τ) = (α+τ)(1 − (α−β)/(α+τ)) binomially and integrate term by term). Both 2F1 have
 * 0 ≤ z < 1 and positive terms, so nothing cancels; their logarithms come from `logHyp2f1`.
 */
import { logHyp2f1, logHyp2f1Gradient } from '../special/hyp2f1.js'

/** Pareto/NBD parameters: purchase rates λ ~ Gamma(r, α), dropout rates μ ~ Gamma(s, β). */
export interface ParetoNbdParams {
  readonly r: number
  readonly alpha: number
  readonly s: number
  readonly beta: number
}

/** which of the two terms: "alive at T" (0) or "died after t_x" (1) */
export type ParetoNbdTermKind = 0 | 1
export const ALIVE_TERM: ParetoNbdTermKind = 0
export const DIED_TERM: ParetoNbdTermKind = 1

const hyp2f1Gradient = new Float64Array(4)

/**
 * ln[(r+x)·m·J(r+x+1, s; T)] (kind 0, u = T) or ln[s·m·J(r+x, s+1; t_x)] (kind 1, u = t_x).
 * When `slopes` is given, writes the partial derivatives in r, α, s, β into `slopes[0..3]`.
 * O(2F1 terms): a handful at usual arguments. Positional arguments: the likelihood calls this once
 * per distinct (x, T) and (x, t_x) on every evaluation, and allocates nothing there.
 */
export function logParetoNbdTerm(
  p: ParetoNbdParams,
  kind: ParetoNbdTermKind,
  x: number,
  time: number,
  slopes: Float64Array | null,
): number {
  const { r, alpha, s, beta } = p
  const alphaLarger = alpha >= beta
  const larger = alphaLarger ? alpha : beta
  const smaller = alphaLarger ? beta : alpha
  const m = r + s + x
  const base = larger + time
  const z = (larger - smaller) / base
  // the 2F1's second parameter is the exponent q of the smaller rate's factor (or p when β > α)
  const b = alphaLarger ? s + kind : r + x + 1 - kind
  const logBase = Math.log(base)
  const lead = kind === ALIVE_TERM ? Math.log(r + x) : Math.log(s)
  if (slopes === null) {
    return lead - m * logBase + logHyp2f1(m, b, m + 1, z)
  }
  const logF = logHyp2f1Gradient(m, b, m + 1, z, hyp2f1Gradient)
  const slopeZ = hyp2f1Gradient[3]!
  const slopeM = -logBase + hyp2f1Gradient[0]! + hyp2f1Gradient[2]!
  const slopeB = hyp2f1Gradient[1]!
  // z = (larger − smaller)/(larger + u)
  const slopeLarger = -m / base + (slopeZ * (time + smaller)) / (base * base)
  const slopeSmaller = -slopeZ / base
  const leadR = kind === ALIVE_TERM ? 1 / (r + x) : 0
  const leadS = kind === ALIVE_TERM ? 0 : 1 / s
  slopes[0] = slopeM + leadR + (alphaLarger ? 0 : slopeB)
  slopes[1] = alphaLarger ? slopeLarger : slopeSmaller
  slopes[2] = slopeM + leadS + (alphaLarger ? slopeB : 0)
  slopes[3] = alphaLarger ? slopeSmaller : slopeLarger
  return lead - m * logBase + logF
}

/** ln(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  const larger = Math.max(a, b)
  const smaller = Math.min(a, b)
  if (larger === Number.NEGATIVE_INFINITY) {
    return larger
  }
  return larger + Math.log1p(Math.exp(smaller - larger))
}
