import type { RfmSummary } from '../types.js'
import { distinctRows } from './distinct-rows.js'

/** A compressed summary and, for each input row, the compressed row that holds it. */
export interface CompressedRfm {
  readonly summary: RfmSummary
  /** `rowOf[i]` is the compressed row of input row i: map per-row scores back with it */
  readonly rowOf: Int32Array
}

/**
 * Compresses a recency/frequency summary to its distinct (frequency, recency, age) rows with the
 * weights of equal rows added up, in first-seen order, keeping the map from input rows to
 * compressed rows. Rows of weight 0 are kept (they add nothing to a likelihood). Every fit
 * compresses first, so its cost grows with distinct histories, not with customers (SPEC,
 * Architecture). O(n) expected, by hashing; NaN rows are never merged.
 *
 * @example
 * ```ts
 * const { summary, rowOf } = compressRfmWithIndex(perCustomer)
 * const probabilityAlive = scoreRows(summary) // per distinct row
 * const perCustomerAlive = rowOf.map((k) => probabilityAlive[k]) // back to customers
 * ```
 */
export function compressRfmWithIndex(summary: RfmSummary): CompressedRfm {
  const { length, frequency, recency, age, weights } = summary
  const groups = distinctRows([frequency, recency, age], length)
  const count = groups.count
  const compressed = {
    length: count,
    frequency: new Float64Array(count),
    recency: new Float64Array(count),
    age: new Float64Array(count),
    weights: new Float64Array(count),
  }
  for (let k = 0; k < count; k++) {
    const row = groups.representative[k]!
    compressed.frequency[k] = frequency[row]!
    compressed.recency[k] = recency[row]!
    compressed.age[k] = age[row]!
  }
  const rowOf = groups.rowOf
  const summed = compressed.weights
  for (let i = 0; i < length; i++) {
    const k = rowOf[i]!
    summed[k] = summed[k]! + weights[i]!
  }
  return { summary: compressed, rowOf }
}

/** {@link compressRfmWithIndex} without the map back to input rows. */
export function compressRfm(summary: RfmSummary): RfmSummary {
  return compressRfmWithIndex(summary).summary
}

/**
 * A summary of one row per customer (weight 1 each) from parallel arrays, for callers that hold
 * per-customer numbers. O(n).
 */
export function rfmFromCustomers(
  frequency: Float64Array,
  recency: Float64Array,
  age: Float64Array,
): RfmSummary {
  const length = frequency.length
  return { length, frequency, recency, age, weights: new Float64Array(length).fill(1) }
}
