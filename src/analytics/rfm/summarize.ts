import { AnalyticsInputError } from '../errors.js'
import type { RfmSummary } from '../types.js'

/**
 * Per-customer purchase days, as whole day numbers (days since any fixed origin): the first and the
 * last purchase day and how many distinct purchase days there were (same-day orders already merged).
 */
export interface CustomerPurchaseDays {
  readonly length: number
  readonly firstDay: ArrayLike<number>
  readonly lastDay: ArrayLike<number>
  readonly purchaseDays: ArrayLike<number>
}

/**
 * Builds the (x, t_x, T) summary of Fader, Hardie & Lee 2005 (§2) at `endDay`, one row per customer
 * (weights 1): x = purchase days − 1, t_x = (last − first) / daysPerUnit, T = (endDay − first) /
 * daysPerUnit. Weeks are `daysPerUnit = 7`, days `1`. O(n).
 * Throws `AnalyticsInputError('invalid_input')` naming the first bad customer row (a non-finite
 * day, last before first, a purchase after `endDay`, fewer than one purchase day).
 * @example summarizePurchaseDays({ length: 1, firstDay: [0], lastDay: [14], purchaseDays: [3] }, { endDay: 28, daysPerUnit: 7 })
 *   // frequency [2], recency [2], age [4], weights [1]
 */
export function summarizePurchaseDays(
  days: CustomerPurchaseDays,
  options: { readonly endDay: number; readonly daysPerUnit: number },
): RfmSummary {
  const { endDay, daysPerUnit } = options
  if (!(daysPerUnit > 0) || !Number.isFinite(daysPerUnit) || !Number.isFinite(endDay)) {
    throw new AnalyticsInputError(
      'invalid_input',
      `summarizePurchaseDays: endDay ${endDay} and daysPerUnit ${daysPerUnit} must be finite, daysPerUnit > 0`,
    )
  }
  const n = days.length
  const frequency = new Float64Array(n)
  const recency = new Float64Array(n)
  const age = new Float64Array(n)
  const weights = new Float64Array(n).fill(1)
  for (let i = 0; i < n; i += 1) {
    const first = days.firstDay[i]!
    const last = days.lastDay[i]!
    const count = days.purchaseDays[i]!
    checkRow(i, first, last, count, endDay)
    frequency[i] = count - 1
    recency[i] = (last - first) / daysPerUnit
    age[i] = (endDay - first) / daysPerUnit
  }
  return { length: n, frequency, recency, age, weights }
}

function checkRow(row: number, first: number, last: number, count: number, endDay: number): void {
  let problem: string | null = null
  if (!Number.isFinite(first) || !Number.isFinite(last) || !Number.isFinite(count)) {
    problem = 'a day or count is not a finite number'
  } else if (last < first) {
    problem = `last purchase day ${last} is before the first ${first}`
  } else if (last > endDay) {
    problem = `purchase day ${last} is after the end day ${endDay}`
  } else if (count < 1 || !Number.isInteger(count)) {
    problem = `purchase days ${count} is not a whole number >= 1`
  } else if (count > 1 && last === first) {
    problem = `${count} purchase days cannot share one day`
  }
  if (problem !== null) {
    throw new AnalyticsInputError('invalid_input', `summarizePurchaseDays: row ${row}: ${problem}`)
  }
}

/**
 * The median of the first `length` values (sorted in place). NaN when `length` is 0. O(n log n).
 * @example medianInPlace(new Float64Array([9, 1, 4]), 3) // 4
 */
export function medianInPlace(values: Float64Array, length: number): number {
  if (length <= 0) {
    return Number.NaN
  }
  const view = values.subarray(0, length).sort()
  const middle = length >> 1
  return length % 2 === 1 ? view[middle]! : (view[middle - 1]! + view[middle]!) / 2
}
