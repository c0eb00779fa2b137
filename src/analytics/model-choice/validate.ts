import type { ModelParams, RfmSummary, TransactionModel, TransactionModelName } from '../types.js'

/** Calibration frequencies 0..6 each get a bucket, 7 and more share the last one. */
export const FREQUENCY_BUCKETS = 8

/**
 * A calibration/holdout split of one cohort: the calibration summary (one row per customer or
 * compressed with weights), and per row the repeat transactions actually made in the holdout.
 */
export interface HoldoutData {
  readonly calibration: RfmSummary
  /** per calibration row: actual repeat transactions in the holdout (summed over its weight) */
  readonly holdoutTransactions: Float64Array
  /** the holdout's length in the model's time unit */
  readonly holdoutLength: number
  readonly tracking?: TrackingData
}

/**
 * What the per-period tracking chart needs: the cohort's first-purchase times grouped (time since
 * the window start → customers), and the actual repeat transactions of the cohort per period.
 */
export interface TrackingData {
  readonly startTimes: Float64Array
  readonly startCounts: Float64Array
  /** periods of `periodLength` units from the window start; calibration ends after `calibrationPeriods` */
  readonly periodLength: number
  readonly calibrationPeriods: number
  readonly actualPerPeriod: Float64Array
}

/** Actual against expected holdout repeat transactions of the customers with one calibration frequency. */
export interface FrequencyBucket {
  /** '0' … '6', '7+' */
  readonly frequency: string
  readonly customers: number
  readonly actual: number
  readonly expected: number
  readonly actualMean: number
  readonly expectedMean: number
}

/** One period of the tracking chart: cumulative repeat transactions, actual and expected. */
export interface TrackingPoint {
  readonly period: number
  readonly actualCumulative: number
  readonly expectedCumulative: number
  readonly inHoldout: boolean
}

/** How well a model fitted on the calibration period forecast the holdout. */
export interface ModelValidation {
  readonly model: TransactionModelName
  readonly holdoutLength: number
  readonly totalActual: number
  readonly totalExpected: number
  /** (expected − actual) / actual; 0 when both are 0 */
  readonly relativeTotalError: number
  readonly byFrequency: readonly FrequencyBucket[]
  /** Σ |actual − expected| over the frequency buckets: the choice's criterion */
  readonly bucketAbsoluteError: number
  readonly tracking: readonly TrackingPoint[]
}

/**
 * Scores a fitted model on a holdout: expected repeat transactions in the holdout, conditional on
 * each customer's calibration history (Fader, Hardie & Lee 2005, eq. 10), against the actual, in
 * total and by calibration frequency 0..7+; plus the cumulative tracking chart (their Figure 2).
 * O(rows + startTimes × periods).
 */
export function validateModel(
  model: TransactionModel,
  params: ModelParams,
  data: HoldoutData,
): ModelValidation {
  const buckets = sumByFrequency(model, params, data)
  let totalActual = 0
  let totalExpected = 0
  let bucketAbsoluteError = 0
  for (const bucket of buckets) {
    totalActual += bucket.actual
    totalExpected += bucket.expected
    bucketAbsoluteError += Math.abs(bucket.actual - bucket.expected)
  }
  return {
    model: model.name,
    holdoutLength: data.holdoutLength,
    totalActual,
    totalExpected,
    relativeTotalError: totalActual > 0 ? (totalExpected - totalActual) / totalActual : 0,
    byFrequency: buckets,
    bucketAbsoluteError,
    tracking: data.tracking === undefined ? [] : trackingPoints(model, params, data.tracking),
  }
}

function sumByFrequency(
  model: TransactionModel,
  params: ModelParams,
  data: HoldoutData,
): FrequencyBucket[] {
  const customers = new Float64Array(FREQUENCY_BUCKETS)
  const actual = new Float64Array(FREQUENCY_BUCKETS)
  const expected = new Float64Array(FREQUENCY_BUCKETS)
  const summary = data.calibration
  for (let i = 0; i < summary.length; i += 1) {
    const x = summary.frequency[i]!
    const weight = summary.weights[i]!
    const bucket = Math.min(FREQUENCY_BUCKETS - 1, Math.max(0, Math.floor(x)))
    const forecast = model.expectedTransactions(
      params,
      data.holdoutLength,
      x,
      summary.recency[i]!,
      summary.age[i]!,
    )
    customers[bucket]! += weight
    actual[bucket]! += data.holdoutTransactions[i]!
    expected[bucket]! += Number.isFinite(forecast) ? forecast * weight : 0
  }
  return Array.from({ length: FREQUENCY_BUCKETS }, (_, bucket) => {
    const count = customers[bucket]!
    return {
      frequency: bucket === FREQUENCY_BUCKETS - 1 ? `${bucket}+` : String(bucket),
      customers: count,
      actual: actual[bucket]!,
      expected: expected[bucket]!,
      actualMean: count > 0 ? actual[bucket]! / count : 0,
      expectedMean: count > 0 ? expected[bucket]! / count : 0,
    }
  })
}

function trackingPoints(
  model: TransactionModel,
  params: ModelParams,
  tracking: TrackingData,
): TrackingPoint[] {
  const points: TrackingPoint[] = []
  let actualCumulative = 0
  for (let period = 0; period < tracking.actualPerPeriod.length; period += 1) {
    actualCumulative += tracking.actualPerPeriod[period]!
    const end = (period + 1) * tracking.periodLength
    let expectedCumulative = 0
    for (let k = 0; k < tracking.startTimes.length; k += 1) {
      const elapsed = end - tracking.startTimes[k]!
      if (elapsed > 0) {
        const forecast = model.expectedTransactionsNew(params, elapsed)
        expectedCumulative += Number.isFinite(forecast) ? forecast * tracking.startCounts[k]! : 0
      }
    }
    points.push({
      period: period + 1,
      actualCumulative,
      expectedCumulative,
      inHoldout: period >= tracking.calibrationPeriods,
    })
  }
  return points
}
