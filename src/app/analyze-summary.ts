import {
  type HoldoutData,
  type RfmSummary,
  type SpendSummary,
  summarizePurchaseDays,
} from '../analytics/index.js'
import type {
  CalibrationHistories,
  CalibrationSplit,
  CustomerHistories,
} from './analyze-histories.js'

/** The longest holdout `analyze` keeps back (SPEC: 26 weeks at most). */
export const MAX_HOLDOUT_DAYS = 182
/** A holdout shorter than this says too little to choose by: choose by BIC instead. */
export const MIN_HOLDOUT_DAYS = 14

/**
 * SPEC's calibration/holdout split of the observed window [first order, as-of]: the last quarter,
 * 26 weeks at most, or null when the window is too short to hold one out.
 * @example planHoldout(0, 400) // { endDay: 300, holdoutEndDay: 400, windowStartDay: 0 }
 */
export function planHoldout(windowStartDay: number, asOfDay: number): CalibrationSplit | null {
  const holdoutDays = Math.min(MAX_HOLDOUT_DAYS, Math.floor((asOfDay - windowStartDay) / 4))
  if (holdoutDays < MIN_HOLDOUT_DAYS) {
    return null
  }
  return { endDay: asOfDay - holdoutDays, holdoutEndDay: asOfDay, windowStartDay }
}

/** The (x, t_x, T) summary of every customer at `endDay` in the fit's time unit. */
export function summarizeHistories(
  histories: CustomerHistories,
  endDay: number,
  daysPerUnit: number,
): RfmSummary {
  return summarizePurchaseDays(histories, { endDay, daysPerUnit })
}

/**
 * The calibration cohort's summary, its actual holdout repeat transactions and the weekly tracking
 * data, in the fit's time unit.
 */
export function holdoutData(cohort: CalibrationHistories, daysPerUnit: number): HoldoutData {
  const calibration = summarizePurchaseDays(cohort, { endDay: cohort.endDay, daysPerUnit })
  const starts = new Map<number, number>()
  for (let i = 0; i < cohort.length; i += 1) {
    const start = (cohort.firstDay[i] ?? 0) - cohort.windowStartDay
    starts.set(start, (starts.get(start) ?? 0) + 1)
  }
  const startDays = [...starts.keys()]
  return {
    calibration,
    holdoutTransactions: cohort.holdoutTransactions,
    holdoutLength: (cohort.holdoutEndDay - cohort.endDay) / daysPerUnit,
    tracking: {
      startTimes: Float64Array.from(startDays, (day) => day / daysPerUnit),
      startCounts: Float64Array.from(startDays, (day) => starts.get(day) ?? 0),
      periodLength: 7 / daysPerUnit,
      calibrationPeriods: Math.ceil((cohort.endDay - cohort.windowStartDay + 1) / 7),
      actualPerPeriod: cohort.repeatsPerWeek,
    },
  }
}

/**
 * The Gamma-Gamma input: repeat transactions x and the mean spend of the repeat purchase days
 * (the first purchase left out, as Fader, Hardie & Lee 2005 do), in minor units.
 */
export function spendSummary(columns: {
  readonly length: number
  readonly purchaseDays: Float64Array
  readonly repeatSpendMinor: Float64Array
}): SpendSummary {
  const frequency = new Float64Array(columns.length)
  const meanSpend = new Float64Array(columns.length)
  for (let i = 0; i < columns.length; i += 1) {
    const x = (columns.purchaseDays[i] ?? 1) - 1
    frequency[i] = x
    meanSpend[i] = x > 0 ? Math.max(0, columns.repeatSpendMinor[i] ?? 0) / x : 0
  }
  return {
    length: columns.length,
    frequency,
    meanSpend,
    weights: new Float64Array(columns.length).fill(1),
  }
}
