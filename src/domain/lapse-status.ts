import type { LapseThresholds } from './analysis-settings.js'

/** Where a customer stands at the as-of date (SPEC "Lapse status"). */
export type LapseStatus = 'active' | 'at_risk' | 'lapsed' | 'lost'

export const LAPSE_STATUSES: readonly LapseStatus[] = ['active', 'at_risk', 'lapsed', 'lost']

/** The rule that decided a status; every status names one. */
export type LapseRule =
  | 'contract_ended_unrenewed'
  | 'contract_running'
  | 'six_month_rule'
  | 'six_month_rule_recent'
  | 'probability_alive_below_lost'
  | 'no_order_for_long_past_gap'
  | 'probability_alive_below_lapsed'
  | 'past_lapsed_gap'
  | 'probability_alive_below_at_risk'
  | 'past_expected_next_order'
  | 'no_rule_fired'

/** The customer's latest-ending contract. */
export interface ContractFacts {
  readonly endDay: number
  readonly renewed: boolean
}

/**
 * What the rules look at. Days are whole days since 1970-01-01 in the company's time zone.
 * `probabilityAliveCrossing(threshold, maxDays)` returns how many days after the last order
 * P(alive) first fell below `threshold` (at most `maxDays`); it dates the P(alive) rule.
 */
export interface LapseFacts {
  readonly asOfDay: number
  readonly lastOrderDay: number | null
  /** purchase days after the first one (x) */
  readonly repeatOrders: number
  readonly medianGapDays: number | null
  /** null when no model was fitted (the gap rules decide alone) */
  readonly probabilityAlive: number | null
  readonly expectedNextOrderDay: number | null
  readonly contract: ContractFacts | null
  readonly probabilityAliveCrossing?: (threshold: number, maxDays: number) => number
}

/** A status, the rule that fired, and for `lost` the day that rule first held. */
export interface LapseVerdict {
  readonly status: LapseStatus
  readonly rule: LapseRule
  readonly lostSinceDay: number | null
  /** fewer repeat orders than the threshold: the 6-month rule alone decided */
  readonly tooLittleHistory: boolean
}

/**
 * Applies SPEC's lapse rules in order: contract, then (with too little history) the 6-month rule
 * alone, else lost, lapsed, at risk, active; every verdict names its rule.
 * @example classifyLapse({ asOfDay: 400, lastOrderDay: 100, repeatOrders: 0, medianGapDays: null,
 *   probabilityAlive: null, expectedNextOrderDay: null, contract: null }, thresholds).status // 'lost'
 */
export function classifyLapse(facts: LapseFacts, thresholds: LapseThresholds): LapseVerdict {
  const byContract = classifyByContract(facts)
  if (byContract !== null) {
    return byContract
  }
  if (facts.lastOrderDay === null) {
    return verdict('active', 'no_rule_fired', null)
  }
  const daysSince = facts.asOfDay - facts.lastOrderDay
  if (facts.repeatOrders < thresholds.minRepeatOrders || facts.medianGapDays === null) {
    return daysSince >= thresholds.lostAfterDays
      ? {
          ...verdict('lost', 'six_month_rule', facts.lastOrderDay + thresholds.lostAfterDays),
          tooLittleHistory: true,
        }
      : { ...verdict('active', 'six_month_rule_recent', null), tooLittleHistory: true }
  }
  return (
    classifyLost(facts, thresholds, facts.lastOrderDay, facts.medianGapDays) ??
    classifyNotLost(facts, thresholds, daysSince, facts.medianGapDays)
  )
}

function verdict(status: LapseStatus, rule: LapseRule, lostSinceDay: number | null): LapseVerdict {
  return { status, rule, lostSinceDay, tooLittleHistory: false }
}

function classifyByContract(facts: LapseFacts): LapseVerdict | null {
  const contract = facts.contract
  if (contract === null) {
    return null
  }
  if (contract.endDay >= facts.asOfDay || contract.renewed) {
    return verdict('active', 'contract_running', null)
  }
  // an order after the contract ended means they still buy: the order rules decide
  if (facts.lastOrderDay !== null && facts.lastOrderDay > contract.endDay) {
    return null
  }
  return verdict('lost', 'contract_ended_unrenewed', contract.endDay + 1)
}

function classifyLost(
  facts: LapseFacts,
  thresholds: LapseThresholds,
  lastOrderDay: number,
  medianGapDays: number,
): LapseVerdict | null {
  const daysSince = facts.asOfDay - lastOrderDay
  const candidates: LapseVerdict[] = []
  if (facts.probabilityAlive !== null && facts.probabilityAlive < thresholds.lostProbabilityAlive) {
    const crossing = facts.probabilityAliveCrossing?.(thresholds.lostProbabilityAlive, daysSince)
    const days = crossing === undefined ? daysSince : Math.min(Math.max(crossing, 0), daysSince)
    candidates.push(verdict('lost', 'probability_alive_below_lost', lastOrderDay + days))
  }
  const gapLimit = thresholds.lostGapMultiple * medianGapDays
  if (daysSince >= thresholds.lostAfterDays && daysSince > gapLimit) {
    const days = Math.max(thresholds.lostAfterDays, Math.floor(gapLimit) + 1)
    candidates.push(verdict('lost', 'no_order_for_long_past_gap', lastOrderDay + days))
  }
  // when both rules hold, the one that held first dates the loss
  return candidates.reduce<LapseVerdict | null>(
    (best, next) =>
      best === null || (next.lostSinceDay ?? Infinity) < (best.lostSinceDay ?? Infinity)
        ? next
        : best,
    null,
  )
}

function classifyNotLost(
  facts: LapseFacts,
  thresholds: LapseThresholds,
  daysSince: number,
  medianGapDays: number,
): LapseVerdict {
  const probabilityAlive = facts.probabilityAlive
  if (probabilityAlive !== null && probabilityAlive < thresholds.lapsedProbabilityAlive) {
    return verdict('lapsed', 'probability_alive_below_lapsed', null)
  }
  if (daysSince > thresholds.lapsedGapMultiple * medianGapDays) {
    return verdict('lapsed', 'past_lapsed_gap', null)
  }
  if (probabilityAlive !== null && probabilityAlive < thresholds.atRiskProbabilityAlive) {
    return verdict('at_risk', 'probability_alive_below_at_risk', null)
  }
  if (facts.expectedNextOrderDay !== null && facts.asOfDay > facts.expectedNextOrderDay) {
    return verdict('at_risk', 'past_expected_next_order', null)
  }
  return verdict('active', 'no_rule_fired', null)
}

/**
 * The smallest whole number of days d in [0, maxDays] with `probabilityAliveAfter(d) < threshold`,
 * by bisection (P(alive) falls as time without an order passes); `maxDays` when none is below.
 * O(log maxDays) evaluations.
 * @example firstDayBelow((d) => 1 - d / 100, 0.3, 365) // 71
 */
export function firstDayBelow(
  probabilityAliveAfter: (days: number) => number,
  threshold: number,
  maxDays: number,
): number {
  if (probabilityAliveAfter(0) < threshold) {
    return 0
  }
  let above = 0
  let below = Math.max(0, Math.ceil(maxDays))
  if (!(probabilityAliveAfter(below) < threshold)) {
    return below
  }
  while (below - above > 1) {
    const middle = Math.floor((above + below) / 2)
    if (probabilityAliveAfter(middle) < threshold) {
      below = middle
    } else {
      above = middle
    }
  }
  return below
}
