import { AnalyticsInputError } from '../errors.js'
import type { RfmSummary } from '../types.js'

function invalid(caller: string, message: string): AnalyticsInputError {
  return new AnalyticsInputError('invalid_input', `${caller}: ${message}`)
}

function checkShape(summary: RfmSummary, caller: string): void {
  const { length, frequency, recency, age, weights } = summary
  if (!Number.isInteger(length) || length < 0) {
    throw invalid(caller, `length ${length} is not a count`)
  }
  const columns = { frequency, recency, age, weights }
  for (const [name, column] of Object.entries(columns)) {
    if (column.length < length) {
      throw invalid(caller, `${name} has ${column.length} entries, fewer than length ${length}`)
    }
  }
}

/** The first problem of one row, or null. */
function rowProblem(summary: RfmSummary, i: number): string | null {
  const x = summary.frequency[i]!
  const recency = summary.recency[i]!
  const age = summary.age[i]!
  const weight = summary.weights[i]!
  if (!(Number.isInteger(x) && x >= 0)) {
    return `frequency ${x} is not a whole number ≥ 0`
  }
  if (!(Number.isFinite(recency) && recency >= 0)) {
    return `recency ${recency} is not a finite number ≥ 0`
  }
  if (!(Number.isFinite(age) && age >= 0)) {
    return `age ${age} is not a finite number ≥ 0`
  }
  if (recency > age) {
    return `recency ${recency} is beyond age ${age}`
  }
  if (x === 0 && recency !== 0) {
    return `recency ${recency} with frequency 0 (no repeat purchase has no recency)`
  }
  if (!(Number.isFinite(weight) && weight >= 0)) {
    return `weight ${weight} is not a finite number ≥ 0`
  }
  return null
}

/**
 * Checks that a recency/frequency summary is well formed: every row has a whole frequency ≥ 0,
 * 0 ≤ recency ≤ age (all finite), recency 0 when frequency is 0, and a finite weight ≥ 0.
 * Throws `AnalyticsInputError('invalid_input')` naming `caller`, the row and the value. O(n).
 */
export function validateRfm(summary: RfmSummary, caller: string): void {
  checkShape(summary, caller)
  const { length, frequency, recency, age, weights } = summary
  for (let i = 0; i < length; i++) {
    const x = frequency[i]!
    const r = recency[i]!
    const t = age[i]!
    const w = weights[i]!
    // one branch-light test per row (NaN fails every comparison); the message comes after
    const fine =
      x >= 0 &&
      x === Math.floor(x) &&
      x < Number.POSITIVE_INFINITY &&
      r >= 0 &&
      r <= t &&
      t < Number.POSITIVE_INFINITY &&
      (x > 0 || r === 0) &&
      w >= 0 &&
      w < Number.POSITIVE_INFINITY
    if (!fine) {
      throw invalid(caller, `row ${i}: ${rowProblem(summary, i) ?? 'not a possible history'}`)
    }
  }
}

/** Customers (total weight) and repeat transactions (weighted) of a summary. O(n). */
export function rfmTotals(summary: RfmSummary): { customers: number; repeatTransactions: number } {
  let customers = 0
  let repeatTransactions = 0
  for (let i = 0; i < summary.length; i++) {
    const weight = summary.weights[i]!
    customers += weight
    repeatTransactions += weight * summary.frequency[i]!
  }
  return { customers, repeatTransactions }
}

/**
 * Checks that a valid summary can identify a transaction model: at least two customers and at
 * least one repeat transaction. Throws `AnalyticsInputError('insufficient_data')` naming
 * `caller` otherwise. O(n).
 */
export function requireFittableRfm(summary: RfmSummary, caller: string): void {
  const { customers, repeatTransactions } = rfmTotals(summary)
  if (customers === 0) {
    throw new AnalyticsInputError('insufficient_data', `${caller}: no customers to fit`)
  }
  if (customers < 2) {
    throw new AnalyticsInputError(
      'insufficient_data',
      `${caller}: one customer cannot identify the model's population parameters`,
    )
  }
  if (repeatTransactions === 0) {
    throw new AnalyticsInputError(
      'insufficient_data',
      `${caller}: only one-time buyers (no repeat transaction), so purchase rates cannot be fitted`,
    )
  }
}
