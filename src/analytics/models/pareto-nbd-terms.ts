/**
 * The two positive terms of the Pareto/NBD likelihood. Integrating by parts the "died between
 * t_x and T" integral of Fader & Hardie ("A Note on Deriving the Pareto/NBD Model and Related
 * Expressions", 2005) against its "alive at T" term turns
 *
 *   L = Γ(r+x)α^r β^s / Γ(r) · [ (α+T)^(−(r+x)) (β+T)^(−s) + s ∫_{t_x}^T (α+τ)^(−(r+x)) (β+τ)^(−(s+1)) dτ ]
 *
 * into a sum of two positive integrals, with m = r + s + x,
 *
 *   L = Γ(r+x) / (Γ(r) m) · [ (r+x)·α^r β^s m·J(r+x+1, s; T) + s·α^r β^s m·J(r+x, s+1; t_x) ],
 *   m·J(p, q; u) = m ∫_u^∞ (α+τ)^(−p) (β+τ)^(−q) dτ
 *               = (α+u)^(−m) 2F1(m, q; m+1; (α−β)/(α+u))        when α ≥ β,
 *               = (β+u)^(−m) 2F1(m, p; m+1; (β−α)/(β+u))        when β > α,
 *
 * (expand (β+τ) = (α+τ)(1 − (α−β)/(α+τ)) binomially and integrate term by term). Euler's
 * transformation 2F1(m, q; m+1; z) = ε^(1−q) 2F1(1, m+1−q; m+1; z), ε = 1 − z (DLMF 15.8.1), then
 * gathers the powers of α, β, α+u and β+u: with ε = (smaller rate + u)/(larger rate + u),
 *
 *   alive, u = T:    ln(r+x) + S(u) + [α ≥ β] ln ε + ln 2F1(1, α ≥ β ? r+x+1 : s;   m+1; 1 − ε),
 *   died,  u = t_x:  ln s    + S(u) + [β > α] ln ε + ln 2F1(1, α ≥ β ? r+x   : s+1; m+1; 1 − ε),
 *   S(u) = −r ln(1 + u/α) − s ln(1 + u/β) − x ln(α + u)
 *
 * (the factor α^r β^s moved inside). Every piece stays of order one where r and α (or s and β) run
 * to infinity together, instead of numbers of order r·ln α that cancel, and the 2F1 comes from
 * `logHyp2f1One`, which stays fast when 1 − ε is close to 1.
 */
import { logHyp2f1One } from '../special/hyp2f1-one.js'

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

const hyp2f1Gradient = new Float64Array(3)

/**
 * ln[α^r β^s (α+u)^(−(r+x)) (β+u)^(−s)] = −r ln(1 + u/α) − s ln(1 + u/β) − x ln(α + u): the
 * probability of no dropout and the Poisson factor up to u, times α^r β^s.
 */
export function logSurvivalFactor(p: ParetoNbdParams, x: number, time: number): number {
  return (
    -p.r * Math.log1p(time / p.alpha) -
    p.s * Math.log1p(time / p.beta) -
    x * Math.log(p.alpha + time)
  )
}

/**
 * ln[(r+x)·α^r β^s m·J(r+x+1, s; T)] (kind 0, u = T) or ln[s·α^r β^s m·J(r+x, s+1; t_x)] (kind 1,
 * u = t_x). When `slopes` is given, writes the partial derivatives in r, α, s, β into
 * `slopes[0..3]`. O(2F1 terms): a handful at usual arguments, at most ~150 quadrature nodes.
 * Positional arguments: the likelihood calls this once per distinct (x, T) and (x, t_x) on every
 * evaluation, and allocates nothing there.
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
  const largerBase = (alphaLarger ? alpha : beta) + time
  const smallerBase = (alphaLarger ? beta : alpha) + time
  const oneMinusZ = smallerBase / largerBase
  const purchase = r + x + 1 - kind
  const dropout = s + kind
  const power = alphaLarger ? 1 - kind : kind
  const lead = kind === ALIVE_TERM ? Math.log(r + x) : Math.log(s)
  const head = lead + logSurvivalFactor(p, x, time) + power * Math.log(oneMinusZ)
  const first = alphaLarger ? purchase : dropout
  const second = alphaLarger ? dropout : purchase
  if (slopes === null) {
    return head + logHyp2f1One(first, second, oneMinusZ, null)
  }
  const logF = logHyp2f1One(first, second, oneMinusZ, hyp2f1Gradient)
  const slopeFirst = hyp2f1Gradient[0]!
  const slopeSecond = hyp2f1Gradient[1]!
  // d/dε of e·ln ε + ln 2F1(…; 1 − ε), times ε; ε = smallerBase/largerBase
  const slopeEps = power - hyp2f1Gradient[2]! * oneMinusZ
  const slopeLarger = -slopeEps / largerBase
  const slopeSmaller = slopeEps / smallerBase
  const survivalAlpha = (r * time) / (alpha * (alpha + time)) - x / (alpha + time)
  const survivalBeta = (s * time) / (beta * (beta + time))
  slopes[0] =
    (kind === ALIVE_TERM ? 1 / (r + x) : 0) -
    Math.log1p(time / alpha) +
    (alphaLarger ? slopeFirst : slopeSecond)
  slopes[1] = survivalAlpha + (alphaLarger ? slopeLarger : slopeSmaller)
  slopes[2] =
    (kind === ALIVE_TERM ? 0 : 1 / s) -
    Math.log1p(time / beta) +
    (alphaLarger ? slopeSecond : slopeFirst)
  slopes[3] = survivalBeta + (alphaLarger ? slopeSmaller : slopeLarger)
  return head + logF
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
