import { distinctRows } from '../rfm/distinct-rows.js'
import type { RfmSummary } from '../types.js'

/**
 * A compressed summary laid out for the BG/NBD-family likelihoods: the terms that depend only on
 * frequency or only on age are summed once per distinct value, and only the rows with a "still
 * alive after the last purchase" term (`tail*`) are visited one by one.
 */
export interface BgFamilyData {
  /** 0 for BG/NBD (dropout after repeat purchases), 1 for MBG/NBD (also at time 0) */
  readonly shift: 0 | 1
  readonly customers: number
  readonly xValues: Float64Array
  /** customers per distinct frequency */
  readonly xWeights: Float64Array
  readonly ageValues: Float64Array
  /** customers, and their repeat transactions, per distinct age */
  readonly ageWeights: Float64Array
  readonly ageRepeats: Float64Array
  readonly recencyValues: Float64Array
  readonly tailCount: number
  readonly tailX: Int32Array
  readonly tailAge: Int32Array
  readonly tailRecency: Int32Array
  readonly tailFrequency: Float64Array
  readonly tailWeight: Float64Array
}

function distinctValues(column: Float64Array, length: number) {
  const groups = distinctRows([column], length)
  const values = new Float64Array(groups.count)
  for (let k = 0; k < groups.count; k++) {
    values[k] = column[groups.representative[k]!]!
  }
  return { values, index: groups.rowOf }
}

function tailRows(summary: RfmSummary, shift: 0 | 1): Int32Array {
  const rows = new Int32Array(summary.length)
  let count = 0
  for (let i = 0; i < summary.length; i++) {
    if (summary.weights[i]! > 0 && (shift === 1 || summary.frequency[i]! > 0)) {
      rows[count++] = i
    }
  }
  return rows.subarray(0, count)
}

/** Lays out a validated, compressed summary for {@link bgFamilyNegLogLikelihood}. O(rows). */
export function createBgFamilyData(summary: RfmSummary, shift: 0 | 1): BgFamilyData {
  const n = summary.length
  const x = distinctValues(summary.frequency, n)
  const age = distinctValues(summary.age, n)
  const recency = distinctValues(summary.recency, n)
  const xWeights = new Float64Array(x.values.length)
  const ageWeights = new Float64Array(age.values.length)
  const ageRepeats = new Float64Array(age.values.length)
  let customers = 0
  for (let i = 0; i < n; i++) {
    const w = summary.weights[i]!
    customers += w
    xWeights[x.index[i]!]! += w
    ageWeights[age.index[i]!]! += w
    ageRepeats[age.index[i]!]! += w * summary.frequency[i]!
  }
  const rows = tailRows(summary, shift)
  const tailCount = rows.length
  const tail = {
    tailX: new Int32Array(tailCount),
    tailAge: new Int32Array(tailCount),
    tailRecency: new Int32Array(tailCount),
    tailFrequency: new Float64Array(tailCount),
    tailWeight: new Float64Array(tailCount),
  }
  for (let k = 0; k < tailCount; k++) {
    const i = rows[k]!
    tail.tailX[k] = x.index[i]!
    tail.tailAge[k] = age.index[i]!
    tail.tailRecency[k] = recency.index[i]!
    tail.tailFrequency[k] = summary.frequency[i]!
    tail.tailWeight[k] = summary.weights[i]!
  }
  return {
    shift,
    customers,
    xValues: x.values,
    xWeights,
    ageValues: age.values,
    ageWeights,
    ageRepeats,
    recencyValues: recency.values,
    tailCount,
    ...tail,
  }
}
