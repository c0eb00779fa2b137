import { distinctRows } from '../rfm/distinct-rows.js'
import type { RfmSummary } from '../types.js'

/**
 * The distinct (x, u) pairs of one likelihood term, u being T for the "alive at T" term and t_x
 * for the "died after t_x" term, with room for that term's value, its four partial derivatives
 * and the weight the rows give it on each evaluation.
 */
export interface ParetoNbdPairs {
  readonly count: number
  readonly x: Float64Array
  readonly time: Float64Array
  /** ln of the term, per pair */
  readonly value: Float64Array
  /** ∂/∂r, α, s, β of `value`, four per pair */
  readonly slopes: Float64Array
  /** Σ over rows of weight × the term's share of the row's likelihood */
  readonly share: Float64Array
}

/**
 * A compressed summary laid out for the Pareto/NBD likelihood: the 2F1 terms depend on (x, T) or
 * on (x, t_x) alone, so each is computed once per distinct pair (a few thousand for a million
 * customers), and a row only adds the two with log-sum-exp.
 */
export interface ParetoNbdData {
  readonly customers: number
  readonly xValues: Float64Array
  /** customers per distinct frequency */
  readonly xWeights: Float64Array
  readonly alive: ParetoNbdPairs
  readonly died: ParetoNbdPairs
  readonly rowCount: number
  readonly rowAlive: Int32Array
  readonly rowDied: Int32Array
  readonly rowWeight: Float64Array
}

function createPairs(frequency: Float64Array, time: Float64Array, length: number) {
  const groups = distinctRows([frequency, time], length)
  const count = groups.count
  const pairs: ParetoNbdPairs = {
    count,
    x: new Float64Array(count),
    time: new Float64Array(count),
    value: new Float64Array(count),
    slopes: new Float64Array(4 * count),
    share: new Float64Array(count),
  }
  for (let k = 0; k < count; k++) {
    const row = groups.representative[k]!
    pairs.x[k] = frequency[row]!
    pairs.time[k] = time[row]!
  }
  return { pairs, rowOf: groups.rowOf }
}

/** The rows of positive weight, copied into fresh columns. */
function weightedRows(summary: RfmSummary) {
  let count = 0
  for (let i = 0; i < summary.length; i++) {
    if (summary.weights[i]! > 0) {
      count++
    }
  }
  const rows = {
    length: count,
    frequency: new Float64Array(count),
    recency: new Float64Array(count),
    age: new Float64Array(count),
    weights: new Float64Array(count),
  }
  let k = 0
  for (let i = 0; i < summary.length; i++) {
    if (summary.weights[i]! > 0) {
      rows.frequency[k] = summary.frequency[i]!
      rows.recency[k] = summary.recency[i]!
      rows.age[k] = summary.age[i]!
      rows.weights[k] = summary.weights[i]!
      k++
    }
  }
  return rows
}

/** Lays out a validated, compressed summary for the Pareto/NBD likelihood. O(rows). */
export function createParetoNbdData(summary: RfmSummary): ParetoNbdData {
  const rows = weightedRows(summary)
  const n = rows.length
  const alive = createPairs(rows.frequency, rows.age, n)
  const died = createPairs(rows.frequency, rows.recency, n)
  const xGroups = distinctRows([rows.frequency], n)
  const xValues = new Float64Array(xGroups.count)
  const xWeights = new Float64Array(xGroups.count)
  for (let k = 0; k < xGroups.count; k++) {
    xValues[k] = rows.frequency[xGroups.representative[k]!]!
  }
  let customers = 0
  for (let i = 0; i < n; i++) {
    customers += rows.weights[i]!
    xWeights[xGroups.rowOf[i]!]! += rows.weights[i]!
  }
  return {
    customers,
    xValues,
    xWeights,
    alive: alive.pairs,
    died: died.pairs,
    rowCount: n,
    rowAlive: alive.rowOf,
    rowDied: died.rowOf,
    rowWeight: rows.weights,
  }
}
