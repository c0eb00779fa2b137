import type { ValueSettings } from './analysis-settings.js'
import type { WinBackFactors } from './win-back-factors.js'
import type { WinBackDriver } from './win-back-prior.js'

/**
 * How often the customer bought while they were a customer, in orders per day.
 * With the model's Gamma prior on the purchase rate (shape r, scale alpha in days) it is the
 * posterior mean over their active span, (r + x) / (alpha + t_x) (Fader, Hardie & Lee 2005, §3,
 * the Gamma-Poisson update): a one-time buyer gets the population's rate r / alpha, a long-time
 * buyer nearly x / t_x. Without a model: x / t_x, or one order per won-back horizon.
 * @example pastOrderRatePerDay({ repeatOrders: 9, recencyDays: 360 }) // 0.025
 */
export function pastOrderRatePerDay(input: {
  readonly repeatOrders: number
  readonly recencyDays: number
  readonly rateShape?: number
  readonly rateScaleDays?: number
  readonly fallbackDays?: number
}): number {
  const { repeatOrders, recencyDays, rateShape, rateScaleDays } = input
  if (
    rateShape !== undefined &&
    rateScaleDays !== undefined &&
    rateShape > 0 &&
    rateScaleDays > 0 &&
    Number.isFinite(rateShape + rateScaleDays)
  ) {
    return (rateShape + repeatOrders) / (rateScaleDays + Math.max(recencyDays, 0))
  }
  if (repeatOrders >= 1 && recencyDays > 0) {
    return repeatOrders / recencyDays
  }
  return 1 / (input.fallbackDays ?? 365)
}

/**
 * Value if won back (SPEC): the revenue the customer would bring in the horizon after coming back,
 * at their own past order rate and their spend per order, in minor units.
 * @example valueIfWonBackMinor({ ordersPerDay: 0.025, spendPerOrderMinor: 4000 }, settings) // 36500
 */
export function valueIfWonBackMinor(
  input: { readonly ordersPerDay: number; readonly spendPerOrderMinor: number },
  settings: ValueSettings,
): number {
  return finiteMinor(input.ordersPerDay * settings.wonBackHorizonDays * input.spendPerOrderMinor)
}

/**
 * Discounted customer lifetime value over the CLV horizon: the expected orders of each month times
 * the spend per order, discounted monthly at the yearly rate's monthly equivalent
 * (Fader, Hardie & Lee 2005b, "RFM and CLV", discrete-time approximation). O(horizon).
 * `cumulativeOrders(months)` is the model's E[orders in the next `months` months].
 * @example clvMinor({ cumulativeOrders: (m) => m, spendPerOrderMinor: 100 }, settings)
 */
export function clvMinor(
  input: {
    readonly cumulativeOrders: (months: number) => number
    readonly spendPerOrderMinor: number
    /** months per step (1 by default); each step's orders are discounted at its end */
    readonly stepMonths?: number
  },
  settings: ValueSettings,
): number {
  const monthlyRate = (1 + settings.clvAnnualDiscountRate) ** (1 / 12) - 1
  const step = Math.max(1, Math.floor(input.stepMonths ?? 1))
  let total = 0
  let previous = 0
  for (let month = step; month < settings.clvHorizonMonths + step; month += step) {
    const end = Math.min(month, settings.clvHorizonMonths)
    const cumulative = input.cumulativeOrders(end)
    total += ((cumulative - previous) * input.spendPerOrderMinor) / (1 + monthlyRate) ** end
    previous = cumulative
  }
  return finiteMinor(total)
}

/** Where a P(win back) came from, so the explanation can say it. */
export type WinBackBasis =
  | 'ex_customer_prior'
  | 'company_deal_conversion'
  | 'deal_fallback_prior'
  | 'learned_model'

export interface WinBackProbability {
  readonly probability: number
  readonly basis: WinBackBasis
  /** what moved it from the base, biggest first (absent: nothing known moved it) */
  readonly drivers?: readonly WinBackDriver[]
  /** the factors the drivers are about, for their words */
  readonly factors?: WinBackFactors
}

/**
 * The win-back probability prior (SPEC): 30 % for an ex-customer; for a lost deal the company's
 * own prospect conversion (won ÷ closed deals) once it has enough closed deals, else 10 %.
 * @example winBackProbability({ kind: 'deal', wonDeals: 12, closedDeals: 40 }, settings) // 0.3
 */
export function winBackProbability(
  subject:
    | { readonly kind: 'customer' }
    | { readonly kind: 'deal'; readonly wonDeals: number; readonly closedDeals: number },
  settings: ValueSettings,
): WinBackProbability {
  if (subject.kind === 'customer') {
    return { probability: settings.exCustomerWinBackPrior, basis: 'ex_customer_prior' }
  }
  if (subject.closedDeals >= settings.minClosedDealsForConversion && subject.closedDeals > 0) {
    return {
      probability: subject.wonDeals / subject.closedDeals,
      basis: 'company_deal_conversion',
    }
  }
  return { probability: settings.dealWinBackFallback, basis: 'deal_fallback_prior' }
}

/**
 * A lost deal's value if won back: its value, annualised when it recurs (its value is then per
 * month).
 * @example dealValueIfWonBackMinor({ valueMinor: 1000, recurring: true }, settings) // 12000
 */
export function dealValueIfWonBackMinor(
  deal: { readonly valueMinor: number; readonly recurring: boolean },
  settings: ValueSettings,
): number {
  const value = deal.recurring
    ? deal.valueMinor * settings.recurringDealMonthsPerYear
    : deal.valueMinor
  return finiteMinor(Math.max(0, value))
}

/** The terms an expected value used; the cost term joins once cases and make-goods give one. */
export type ExpectedValueTerm = 'win_back_probability' | 'value_if_won_back' | 'expected_cost'

export interface ExpectedValue {
  readonly valueMinor: number
  readonly terms: readonly ExpectedValueTerm[]
}

/**
 * Expected value (SPEC) = P(win back) × value if won back − expected cost (0 until known).
 * @example expectedValueMinor({ probability: 0.3, valueIfWonBackMinor: 10000 }) // { valueMinor: 3000, … }
 */
export function expectedValueMinor(input: {
  readonly probability: number
  readonly valueIfWonBackMinor: number
  readonly expectedCostMinor?: number
}): ExpectedValue {
  const cost = input.expectedCostMinor ?? 0
  const terms: ExpectedValueTerm[] = ['win_back_probability', 'value_if_won_back']
  if (input.expectedCostMinor !== undefined) {
    terms.push('expected_cost')
  }
  return {
    valueMinor: finiteMinor(input.probability * input.valueIfWonBackMinor - cost),
    terms,
  }
}

/** Rounds to whole minor units; anything not finite becomes 0 so no NaN ever reaches a figure. */
export function finiteMinor(value: number): number {
  return Number.isFinite(value) ? Math.round(value) : 0
}

/**
 * Expected cost of a win-back attempt (SPEC §2: make-good and effort): the effort of one attempt
 * plus a make-good proportional to the damage done (SPEC §6), a share of the cost the customer's
 * incidents recorded. Both are settings (`value.expectedCostEffortMinor`,
 * `value.makeGoodShareOfDamage`); they are spent whether or not the customer comes back.
 * @example expectedCostMinor({ incidentCostMinor: 1000 }, settings) // 500 with a 0.5 share, no effort
 */
export function expectedCostMinor(
  input: { readonly incidentCostMinor: number },
  settings: ValueSettings,
): number {
  const damage = Math.max(0, input.incidentCostMinor)
  return finiteMinor(settings.expectedCostEffortMinor + settings.makeGoodShareOfDamage * damage)
}
