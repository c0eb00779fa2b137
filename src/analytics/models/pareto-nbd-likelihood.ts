import type { Objective } from '../optimize/objective.js'
import type { ParetoNbdData, ParetoNbdPairs } from './pareto-nbd-data.js'
import { digammaDifference, logRisingFactorial } from './pareto-nbd-rising.js'
import {
  ALIVE_TERM,
  logParetoNbdTerm,
  type ParetoNbdParams,
  type ParetoNbdTermKind,
} from './pareto-nbd-terms.js'

const pairSlopes = new Float64Array(4)

/** Fills `value` (and `slopes`) of every pair of one term. O(pairs × 2F1 terms). */
function fillPairs(
  pairs: ParetoNbdPairs,
  kind: ParetoNbdTermKind,
  p: ParetoNbdParams,
  withGradient: boolean,
): void {
  const slopes = withGradient ? pairSlopes : null
  for (let k = 0; k < pairs.count; k++) {
    pairs.value[k] = logParetoNbdTerm(p, kind, pairs.x[k]!, pairs.time[k]!, slopes)
    if (withGradient) {
      pairs.slopes.set(pairSlopes, 4 * k)
    }
  }
  if (withGradient) {
    pairs.share.fill(0)
  }
}

/**
 * Σ weight · ln(alive term + died term) over the rows, with log-sum-exp; when `withGradient`,
 * also hands each pair its weighted share of the rows' likelihoods. O(rows), allocation-free.
 */
function sumRows(data: ParetoNbdData, withGradient: boolean): number {
  const { rowAlive, rowDied, rowWeight, alive, died } = data
  const aliveValue = alive.value
  const diedValue = died.value
  let total = 0
  for (let i = 0; i < data.rowCount; i++) {
    const a = aliveValue[rowAlive[i]!]!
    const d = diedValue[rowDied[i]!]!
    const w = rowWeight[i]!
    const aliveLarger = a >= d
    const ratio = Math.exp(aliveLarger ? d - a : a - d)
    // log rather than log1p: cheaper, and its absolute error (all a sum needs) is below 2e-16
    total += w * ((aliveLarger ? a : d) + Math.log(1 + ratio))
    if (withGradient) {
      const largerShare = 1 / (1 + ratio)
      const smallerShare = ratio * largerShare
      alive.share[rowAlive[i]!]! += w * (aliveLarger ? largerShare : smallerShare)
      died.share[rowDied[i]!]! += w * (aliveLarger ? smallerShare : largerShare)
    }
  }
  return total
}

/** adds Σ_pairs share · slopes into gradient[0..3] */
function addPairSlopes(pairs: ParetoNbdPairs, gradient: Float64Array): void {
  for (let k = 0; k < pairs.count; k++) {
    const share = pairs.share[k]!
    for (let j = 0; j < 4; j++) {
      gradient[j]! += share * pairs.slopes[4 * k + j]!
    }
  }
}

/**
 * The terms of the log-likelihood that depend on x alone: Σ w·[ln Γ(r+x) − ln Γ(r) − ln(r+s+x)]
 * (α^r β^s sits inside the pair terms). O(distinct x).
 */
function sumFrequencyTerms(
  data: ParetoNbdData,
  p: ParetoNbdParams,
  gradient: Float64Array | null,
): number {
  const { r, s } = p
  let total = 0
  let slopeR = 0
  let slopeS = 0
  for (let k = 0; k < data.xValues.length; k++) {
    const x = data.xValues[k]!
    const w = data.xWeights[k]!
    const m = r + s + x
    total += w * (logRisingFactorial(r, x) - Math.log(m))
    if (gradient !== null) {
      slopeR += w * (digammaDifference(r, x) - 1 / m)
      slopeS -= w / m
    }
  }
  if (gradient !== null) {
    gradient[0] = slopeR
    gradient[1] = 0
    gradient[2] = slopeS
    gradient[3] = 0
  }
  return total
}

/**
 * The Pareto/NBD log-likelihood of a laid-out summary, Σ weight · ln L(r, α, s, β | x, t_x, T)
 * in the all-positive form of `pareto-nbd-terms.ts`; when `gradient` is given, writes its partial
 * derivatives in r, α, s, β there (analytic: from the 2F1 parameter derivatives). O(distinct pairs
 * × 2F1 terms + rows).
 */
export function paretoNbdLogLikelihood(
  data: ParetoNbdData,
  p: ParetoNbdParams,
  gradient: Float64Array | null,
): number {
  const withGradient = gradient !== null
  fillPairs(data.alive, ALIVE_TERM, p, withGradient)
  fillPairs(data.died, 1, p, withGradient)
  const rows = sumRows(data, withGradient)
  const frequencyTerms = sumFrequencyTerms(data, p, gradient)
  if (gradient !== null) {
    addPairSlopes(data.alive, gradient)
    addPairSlopes(data.died, gradient)
  }
  return frequencyTerms + rows
}

/**
 * The negative Pareto/NBD log-likelihood as a function of θ = (ln r, ln α, ln s, ln β), with its
 * analytic gradient in θ (∂/∂θᵢ = φᵢ ∂/∂φᵢ), for `minimize`.
 */
export function createParetoNbdObjective(data: ParetoNbdData): Objective {
  const natural = new Float64Array(4)
  return (theta, gradient) => {
    const p = {
      r: Math.exp(theta[0]!),
      alpha: Math.exp(theta[1]!),
      s: Math.exp(theta[2]!),
      beta: Math.exp(theta[3]!),
    }
    const logLikelihood = paretoNbdLogLikelihood(data, p, gradient === null ? null : natural)
    if (gradient !== null) {
      gradient[0] = -natural[0]! * p.r
      gradient[1] = -natural[1]! * p.alpha
      gradient[2] = -natural[2]! * p.s
      gradient[3] = -natural[3]! * p.beta
    }
    return -logLikelihood
  }
}
