import { AnalyticsInputError } from '../errors.js'
import type { ModelParams, TransactionModel } from '../types.js'

/** How future transactions are discounted into a customer lifetime value. */
export interface DiscountOptions {
  /** the model's time units in a year: 365.25 for days, 365.25 / 7 for weeks */
  readonly timeUnitsPerYear: number
  /** how far ahead to count, in years */
  readonly horizonYears: number
  /** yearly discount rate, e.g. 0.1 for 10 % */
  readonly annualDiscountRate: number
  /** discounting steps per year; default 12 (monthly) */
  readonly stepsPerYear?: number
}

/** The steps of a discounted horizon: step length in time units and each step's discount factor. */
export interface DiscountSchedule {
  readonly stepLength: number
  /** factor of step m (1-based) at index m − 1: (1 + rate)^(−m / stepsPerYear) */
  readonly factors: Float64Array
}

/**
 * The monthly (by default) steps and discount factors of a CLV horizon. Throws
 * `AnalyticsInputError('invalid_input')` for a non-positive time unit, a negative horizon, a rate
 * ≤ −100 % or fewer than one step a year. O(steps).
 */
export function discountSchedule(options: DiscountOptions): DiscountSchedule {
  const { timeUnitsPerYear, horizonYears, annualDiscountRate } = options
  const stepsPerYear = options.stepsPerYear ?? 12
  const ok =
    timeUnitsPerYear > 0 &&
    Number.isFinite(timeUnitsPerYear) &&
    horizonYears >= 0 &&
    horizonYears <= 1000 &&
    annualDiscountRate > -1 &&
    Number.isFinite(annualDiscountRate) &&
    Number.isInteger(stepsPerYear) &&
    stepsPerYear >= 1
  if (!ok) {
    throw new AnalyticsInputError(
      'invalid_input',
      `discountSchedule: needs time units per year > 0, horizon 0..1000 years, rate > −1 and whole steps ≥ 1 (got ${timeUnitsPerYear}, ${horizonYears}, ${annualDiscountRate}, ${stepsPerYear})`,
    )
  }
  const steps = Math.round(horizonYears * stepsPerYear)
  const factors = Float64Array.from(
    { length: steps },
    (_, i) => (1 + annualDiscountRate) ** (-(i + 1) / stepsPerYear),
  )
  return { stepLength: timeUnitsPerYear / stepsPerYear, factors }
}

/**
 * Σ_m factor_m · (E[Y(m·Δ)] − E[Y((m−1)·Δ)]): the expected transactions of each step, discounted
 * to today, for a cumulative-expectation function E[Y(t)]. Multiply by the expected spend per
 * transaction for a CLV. O(steps) calls of `cumulative`.
 */
export function discountedTransactions(
  cumulative: (t: number) => number,
  schedule: DiscountSchedule,
): number {
  let previous = 0
  let sum = 0
  for (let m = 0; m < schedule.factors.length; m++) {
    const current = cumulative((m + 1) * schedule.stepLength)
    sum += schedule.factors[m]! * (current - previous)
    previous = current
  }
  return sum
}

/**
 * A customer's lifetime value over a horizon: expected spend per transaction × the discounted
 * expected transactions of each step (monthly by default) — the discrete-time form of the
 * discounted expected transactions of Fader, Hardie & Lee (2005, "RFM and CLV", JMR 42(4)),
 * as lifetimes' `customer_lifetime_value` computes it, but with a yearly rate. Works with
 * any `TransactionModel`. O(steps · expectation cost).
 *
 * @example
 * ```ts
 * customerLifetimeValue(bgNbd, params, { x: 4, recency: 30, age: 38 }, 42.5, {
 *   timeUnitsPerYear: 365.25 / 7, horizonYears: 1, annualDiscountRate: 0.1,
 * })
 * ```
 */
export function customerLifetimeValue(
  model: TransactionModel,
  params: ModelParams,
  customer: {
    readonly x: number
    readonly recency: number
    readonly age: number
    readonly expectedSpend: number
  },
  options: DiscountOptions,
): number {
  const { x, recency, age, expectedSpend } = customer
  if (!(expectedSpend >= 0 && Number.isFinite(expectedSpend))) {
    throw new AnalyticsInputError(
      'invalid_input',
      `customerLifetimeValue: expected spend ${expectedSpend} is not a finite number ≥ 0`,
    )
  }
  const schedule = discountSchedule(options)
  const transactions = discountedTransactions(
    (t) => model.expectedTransactions(params, t, x, recency, age),
    schedule,
  )
  return expectedSpend * transactions
}
