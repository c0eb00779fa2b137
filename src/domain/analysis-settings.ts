import { z } from 'zod'

/**
 * The thresholds of the lapse-status rules (SPEC "Lapse status"); an admin edits them as the
 * `analysis` setting.
 */
export interface LapseThresholds {
  /** lost when P(alive) is below this */
  readonly lostProbabilityAlive: number
  /** lapsed when P(alive) is below this */
  readonly lapsedProbabilityAlive: number
  /** at risk when P(alive) is below this */
  readonly atRiskProbabilityAlive: number
  /** "no order for 6 months", in days */
  readonly lostAfterDays: number
  /** lost also needs more than this many times the customer's own median gap */
  readonly lostGapMultiple: number
  /** lapsed when no order for more than this many times the median gap */
  readonly lapsedGapMultiple: number
  /** fewer repeat orders than this: the 6-month rule alone */
  readonly minRepeatOrders: number
}

/** How value, CLV and the win-back prior are computed (SPEC "Value if won back", "prior"). */
export interface ValueSettings {
  /** the window "value if won back" counts revenue over, in days */
  readonly wonBackHorizonDays: number
  /** CLV horizon in months */
  readonly clvHorizonMonths: number
  /** yearly discount rate of CLV (0.1 = 10 % a year) */
  readonly clvAnnualDiscountRate: number
  /** P(win back) prior of an ex-customer (the seeds' 20–40 %) */
  readonly exCustomerWinBackPrior: number
  /** P(win back) of a lost deal until the company has enough closed deals (the seeds' 5–20 %) */
  readonly dealWinBackFallback: number
  /** closed deals needed before the company's own conversion replaces the fallback */
  readonly minClosedDealsForConversion: number
  /** months a recurring deal's value is multiplied by to annualise it (its value is monthly) */
  readonly recurringDealMonthsPerYear: number
  /** the lowest P(win back) the prior or the learned model may give (nobody is hopeless) */
  readonly winBackMinProbability: number
  /** the highest P(win back) (nobody is a sure thing) */
  readonly winBackMaxProbability: number
  /** ended win-back cases needed before a model learned from them replaces the prior */
  readonly minEndedCasesForModel: number
  /** expected cost: the effort of one win-back attempt (meetings, travel, time), minor units */
  readonly expectedCostEffortMinor: number
  /** expected cost: the make-good offered, as a share of the damage incidents recorded */
  readonly makeGoodShareOfDamage: number
}

/** Every business rule of an analysis run, with SPEC's defaults. */
export interface AnalysisSettings {
  readonly lapse: LapseThresholds
  readonly value: ValueSettings
}

/** SPEC's defaults: lost below P(alive) 0.3 or after 6 months and 3× the gap, and so on. */
export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  lapse: {
    lostProbabilityAlive: 0.3,
    lapsedProbabilityAlive: 0.5,
    atRiskProbabilityAlive: 0.7,
    lostAfterDays: 182,
    lostGapMultiple: 3,
    lapsedGapMultiple: 2,
    minRepeatOrders: 2,
  },
  value: {
    wonBackHorizonDays: 365,
    clvHorizonMonths: 12,
    clvAnnualDiscountRate: 0.1,
    exCustomerWinBackPrior: 0.3,
    dealWinBackFallback: 0.1,
    minClosedDealsForConversion: 30,
    recurringDealMonthsPerYear: 12,
    winBackMinProbability: 0.02,
    winBackMaxProbability: 0.8,
    minEndedCasesForModel: 50,
    expectedCostEffortMinor: 0,
    makeGoodShareOfDamage: 0.5,
  },
}

const probability = z.number().min(0).max(1)
const positive = z.number().positive().finite()

const lapseSchema = z
  .object({
    lostProbabilityAlive: probability,
    lapsedProbabilityAlive: probability,
    atRiskProbabilityAlive: probability,
    lostAfterDays: positive,
    lostGapMultiple: positive,
    lapsedGapMultiple: positive,
    minRepeatOrders: z.number().int().min(0),
  })
  .partial()

const valueSchema = z
  .object({
    wonBackHorizonDays: positive,
    clvHorizonMonths: z.number().int().min(1).max(600),
    clvAnnualDiscountRate: z.number().min(0).max(10),
    exCustomerWinBackPrior: probability,
    dealWinBackFallback: probability,
    minClosedDealsForConversion: z.number().int().min(1),
    recurringDealMonthsPerYear: positive,
    winBackMinProbability: probability,
    winBackMaxProbability: probability,
    minEndedCasesForModel: z.number().int().min(10),
    expectedCostEffortMinor: z.number().min(0).finite(),
    makeGoodShareOfDamage: z.number().min(0).max(10),
  })
  .partial()

const settingsSchema = z.object({ lapse: lapseSchema.optional(), value: valueSchema.optional() })

/**
 * Reads a stored `analysis` setting (any subset of the fields) over the defaults; throws a zod
 * error naming the bad field.
 * @example parseAnalysisSettings({ lapse: { lostAfterDays: 120 } }).lapse.lostAfterDays // 120
 */
export function parseAnalysisSettings(stored: unknown): AnalysisSettings {
  const parsed = settingsSchema.parse(stored ?? {})
  return {
    lapse: withDefaults(DEFAULT_ANALYSIS_SETTINGS.lapse, parsed.lapse ?? {}),
    value: withDefaults(DEFAULT_ANALYSIS_SETTINGS.value, parsed.value ?? {}),
  }
}

function withDefaults<T extends object>(
  defaults: T,
  overrides: { readonly [K in keyof T]?: T[K] | undefined },
): T {
  const merged = { ...defaults }
  for (const key of Object.keys(overrides) as (keyof T)[]) {
    const value = overrides[key]
    if (value !== undefined) {
      merged[key] = value
    }
  }
  return merged
}
