/**
 * Early stop for Pareto/NBD fits whose likelihood has no interior maximum. When the data show no
 * sign of dropout, or purchase or dropout rates that do not vary between customers, the
 * likelihood keeps rising towards a boundary of the model (s → 0 or β → ∞; r, α → ∞ with r/α
 * fixed; s, β → ∞ with s/β fixed) and an optimiser would walk that ridge until its budget is
 * spent. This guard watches the search and ends it, with a reason that says which boundary, once
 * it is plainly running there.
 */
import { MinimizationStop, type Objective } from '../optimize/objective.js'

/**
 * |ln parameter| beyond which a point is on the way to a boundary (parameters outside 3e±6): the
 * bound past which `fitInLogSpace` reports a parameter as not identified
 */
const RIDGE_LOG_BOUND = 15
/** a pair of parameters is only described as running when one of them is past e^±10 */
const DESCRIBED_FROM = 10
/** how far (in ln) each new best point must have moved out for the run to count as running */
const MIN_OUTWARD_MOVE = 0.1
/** successive outward best points that end the search */
const OUTWARD_RECORDS = 2

/** What the guard hands the optimiser, and what it saw. */
export interface RidgeGuard {
  /** the objective to minimise, in θ = (ln r, ln α, ln s, ln β) */
  readonly objective: Objective
  /** why the search was ended, or null when the guard never stepped in */
  readonly reason: () => string | null
}

function largestMagnitude(theta: Float64Array): number {
  let largest = 0
  for (let i = 0; i < theta.length; i++) {
    largest = Math.max(largest, Math.abs(theta[i]!))
  }
  return largest
}

/** e^logValue to three digits */
function shown(logValue: number): string {
  return Math.exp(logValue).toPrecision(3)
}

/**
 * One pair (shape, scale) of a gamma mixing distribution: both growing alike means the rates stop
 * varying (the mean shape/scale stays); the scale outgrowing the shape means the mean rate falls
 * to 0. Judged from the moves when given, else from where the pair is. `null` when the pair is
 * not moving, or still within e^±10.
 */
function describePair(
  names: readonly [string, string],
  at: readonly [number, number],
  moves: readonly [number, number] | null,
  largestMove: number,
): string | null {
  const [shape, scale] = names
  const [moveShape, moveScale] = moves ?? at
  const moving =
    moves === null || Math.max(Math.abs(moveShape), Math.abs(moveScale)) >= 0.1 * largestMove
  if (!moving || Math.max(Math.abs(at[0]), Math.abs(at[1])) <= DESCRIBED_FROM) {
    return null
  }
  const values = `${shape} = ${shown(at[0])}, ${scale} = ${shown(at[1])}`
  const mean = `${shape}/${scale} ≈ ${shown(at[0] - at[1])} per unit of time`
  const together =
    moves === null
      ? at[0] > DESCRIBED_FROM && at[1] > DESCRIBED_FROM
      : moveShape > 0 && moveScale > 0 && Math.abs(moveShape - moveScale) < 0.25 * largestMove
  if (together) {
    return `${shape} and ${scale} grow together (${values}; ${mean})`
  }
  if (moves === null ? at[1] - at[0] > DESCRIBED_FROM : moveScale - moveShape > 0) {
    return `the mean ${shape}/${scale} falls towards 0 (${values})`
  }
  return `the mean ${shape}/${scale} grows without bound (${values})`
}

/**
 * Which boundary the search is heading for, in words, from the best point `theta` and the
 * direction it has been moving in (null: judge from `theta` alone), both in (ln r, ln α, ln s,
 * ln β); null when no pair of parameters is past e^±10.
 */
export function describeRidge(theta: Float64Array, direction: Float64Array | null): string | null {
  const largestMove = direction === null ? 0 : largestMagnitude(direction)
  const purchase = describePair(
    ['r', 'alpha'],
    [theta[0]!, theta[1]!],
    direction === null ? null : [direction[0]!, direction[1]!],
    largestMove,
  )
  const dropout = describePair(
    ['s', 'beta'],
    [theta[2]!, theta[3]!],
    direction === null ? null : [direction[2]!, direction[3]!],
    largestMove,
  )
  if (purchase === null && dropout === null && direction === null) {
    return null
  }
  const meanings: string[] = []
  if (purchase?.includes('grow together')) {
    meanings.push('purchase rates do not vary between customers')
  }
  if (dropout?.includes('grow together')) {
    meanings.push('dropout rates do not vary between customers')
  }
  if (dropout?.includes('falls towards 0')) {
    meanings.push('no evidence of dropout in these data')
  }
  const moving =
    [purchase, dropout].filter((part) => part !== null).join('; ') ||
    `a parameter runs past e^±${RIDGE_LOG_BOUND} (ln r, ln alpha, ln s, ln beta = ${Array.from(theta, (v) => v.toFixed(1)).join(', ')})`
  const meaning = meanings.length > 0 ? `: ${meanings.join(', and ')}` : ''
  return `the likelihood is highest at a boundary of the Pareto/NBD model, so there is no maximum to report: ${moving}${meaning}`
}

/**
 * Wraps the negative log-likelihood in θ: after OUTWARD_RECORDS successive new best values at
 * points beyond |θᵢ| = 15, each at least 0.1 further out than the last, it throws
 * `MinimizationStop` with {@link describeRidge}'s reason (once; later calls pass through, so the
 * caller can still take a Hessian). O(1) per evaluation besides the objective.
 */
export function createRidgeGuard(objective: Objective): RidgeGuard {
  let best = Number.POSITIVE_INFINITY
  let outward = 0
  let lastReach = 0
  let reason: string | null = null
  // the last best point inside the bound (where the run set off), and the best point so far
  const departure = new Float64Array(4)
  const record = new Float64Array(4)
  const guarded: Objective = (theta, gradient) => {
    const value = objective(theta, gradient)
    if (reason !== null || !(value < best)) {
      return value
    }
    best = value
    const reach = largestMagnitude(theta)
    if (reach <= RIDGE_LOG_BOUND) {
      outward = 0
      departure.set(theta)
      record.set(theta)
      return value
    }
    if (outward === 0 || reach >= lastReach + MIN_OUTWARD_MOVE) {
      outward++
      lastReach = reach
    }
    if (outward >= OUTWARD_RECORDS) {
      // the optimiser reports `record`, the best point before this one
      const direction = theta.map((v, i) => v - departure[i]!)
      reason = describeRidge(record, direction) ?? 'the parameters run to a boundary of the model'
      throw new MinimizationStop(reason)
    }
    record.set(theta)
    return value
  }
  return { objective: guarded, reason: () => reason }
}
