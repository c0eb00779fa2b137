import { DAYS_PER_MONTH, DAYS_PER_YEAR } from './calendar.js'
import { SEGMENT_PROFILES } from './customer-plan.js'
import type {
  LossReason,
  OfferResponse,
  SecondLifetime,
  Segment,
  WinBackOffer,
} from './demo-types.js'
import { isServiceReason } from './loss-reasons.js'

/** What the demo's hidden win-back response depends on, for one lost customer at one moment. */
export interface WinBackFeatures {
  readonly segment: Segment
  readonly tenureDays: number
  readonly revenueMinor: number
  readonly monthlySpendMinor: number
  readonly reason: LossReason | null
  readonly fixed: boolean
  readonly decisionMakerChanged: boolean
  readonly daysSinceLoss: number
  readonly incidentCount: number
  readonly lostTwice: boolean
  readonly refusedBefore: boolean
  readonly propensity: number
  readonly spendNoise: number
}

// logit(0.30) is -0.85; the effects below average out near it so the mean lands in the seeds' 20-40 %
const INTERCEPT = -0.55

const REASON_EFFECT: Readonly<Record<LossReason, number>> = {
  price: 0.35,
  poached_by_competitor: 0,
  delivery: -0.45,
  billing: -0.45,
  missed_deadline: -0.45,
  quality: -0.45,
  service: -0.45,
  rep_relationship: -0.25,
  decision_maker_change: 0.3,
  no_one_stop_offer: -0.3,
  no_longer_needed: -1.6,
}

/** Odds, duration and spend multipliers of each offer (shape from Kumar, Bhagwat & Zhang 2015). */
const OFFER_EFFECTS: Readonly<
  Record<WinBackOffer, { readonly odds: number; readonly months: number; readonly spend: number }>
> = {
  none: { odds: 1, months: 1, spend: 1 },
  service_upgrade: { odds: 1.3, months: 1.35, spend: 1 },
  discount: { odds: 1.5, months: 0.85, spend: 0.85 },
  discount_and_upgrade: { odds: 1.9, months: 0.7, spend: 0.85 },
}

/**
 * The log-odds that a lost customer accepts a plain win-back approach. Follows SPEC §2: a stronger
 * first-lifetime relationship (tenure, value) raises it (Kumar, Bhagwat & Zhang 2015); service
 * leavers come back less often than price leavers; a fixed reason and a changed decision maker
 * raise it (the seeds); time since loss, incidents and earlier refusals lower it.
 */
export function winBackLogit(features: WinBackFeatures): number {
  const profile = SEGMENT_PROFILES[features.segment]
  const typicalYearMinor = profile.ordersPerYear * profile.orderValueMinor
  const relativeValue = Math.log(Math.max(features.revenueMinor, 1) / typicalYearMinor)
  const reasonEffect = features.reason === null ? 0 : REASON_EFFECT[features.reason]
  return (
    INTERCEPT +
    0.45 * Math.log1p(features.tenureDays / DAYS_PER_YEAR) +
    0.25 * Math.min(Math.max(relativeValue, -2.5), 2.5) +
    reasonEffect +
    (features.fixed ? 0.9 : 0) +
    (features.decisionMakerChanged ? 0.6 : 0) -
    0.3 * (features.daysSinceLoss / DAYS_PER_YEAR) -
    0.08 * Math.min(features.incidentCount, 6) -
    (features.lostTwice ? 0.5 : 0) -
    (features.refusedBefore ? 0.6 : 0) +
    features.propensity
  )
}

/** P(win back) for a plain approach, the logistic of {@link winBackLogit}. */
export function probabilityWinBack(features: WinBackFeatures): number {
  return logistic(winBackLogit(features))
}

/**
 * The customer's second lifetime if won back with an offer: service leavers spend more per month
 * than before, price leavers less (SPEC §2); it lasts about half the first, less the second time.
 * Lifetimes are exponential, so revenue in the first 12 months is monthly × M × (1 − e^(−12/M)).
 */
export function secondLifetime(features: WinBackFeatures, offer: WinBackOffer): SecondLifetime {
  const effect = OFFER_EFFECTS[offer]
  const reasonSpend = secondLifetimeSpendFactor(features.reason)
  const monthly = features.monthlySpendMinor * reasonSpend * features.spendNoise * effect.spend
  const firstMonths = features.tenureDays / DAYS_PER_MONTH
  const baseMonths = Math.min(Math.max(6 + 0.5 * firstMonths, 6), 48)
  const months = baseMonths * (features.lostTwice ? 0.7 : 1) * effect.months
  return {
    monthlySpendMinor: Math.round(monthly),
    expectedMonths: Math.round(months * 10) / 10,
    valueFirst12MonthsMinor: Math.round(monthly * months * (1 - Math.exp(-12 / months))),
    valueMinor: Math.round(monthly * months),
  }
}

/** How much more (or less) a won-back customer spends per order than before, by why they left. */
export function secondLifetimeSpendFactor(reason: LossReason | null): number {
  if (isServiceReason(reason)) {
    return 1.25
  }
  return reason === 'price' ? 0.85 : 1
}

/** How the customer would answer each offer: its P(win back) and the second lifetime it buys. */
export function responseByOffer(
  features: WinBackFeatures,
): Readonly<Record<WinBackOffer, OfferResponse>> {
  const logit = winBackLogit(features)
  const respond = (offer: WinBackOffer): OfferResponse => ({
    probabilityWinBack: roundProbability(logistic(logit + Math.log(OFFER_EFFECTS[offer].odds))),
    secondLifetime: secondLifetime(features, offer),
  })
  return {
    none: respond('none'),
    service_upgrade: respond('service_upgrade'),
    discount: respond('discount'),
    discount_and_upgrade: respond('discount_and_upgrade'),
  }
}

/** Rounds a probability to 4 decimals for the truth file. */
export function roundProbability(probability: number): number {
  return Math.round(probability * 10_000) / 10_000
}

function logistic(logit: number): number {
  return 1 / (1 + Math.exp(-logit))
}
