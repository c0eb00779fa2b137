import type { LapseThresholds } from './analysis-settings.js'
import type { LapseVerdict } from './lapse-status.js'
import type { ExpectedValue, WinBackProbability } from './win-back-value.js'
import { describeWinBackDrivers } from './win-back-words.js'

/** One plain sentence per figure of a score, and the whole as one line. */
export interface ScoreExplanation {
  readonly history: string
  readonly status: string
  readonly value: string
  readonly winBack: string
  readonly expectedValue: string
  readonly sentence: string
}

/** What a customer's explanation is built from; days are whole days since 1970-01-01. */
export interface CustomerExplanationFacts {
  readonly asOfDay: number
  readonly firstOrderDay: number | null
  readonly lastOrderDay: number | null
  readonly purchaseDays: number
  readonly medianGapDays: number | null
  readonly probabilityAlive: number | null
  readonly expectedNextOrderDay: number | null
  readonly contractEndDay: number | null
  readonly verdict: LapseVerdict
  readonly valueIfWonBackMinor: number
  readonly wonBackHorizonDays: number
  readonly winBack: WinBackProbability
  readonly expectedValue: ExpectedValue
  readonly currency: string
}

/**
 * Explains a customer's score in plain words, e.g. "bought every 41 days for 3 years, nothing for
 * 212 days; 92 % likely gone; worth about $14,200 a year if won back; …".
 */
export function explainCustomerScore(
  facts: CustomerExplanationFacts,
  thresholds: LapseThresholds,
): ScoreExplanation {
  const history = describeHistory(facts)
  const status = describeStatus(facts, thresholds)
  const value = `worth about ${formatMoney(facts.valueIfWonBackMinor, facts.currency)} ${describeHorizon(facts.wonBackHorizonDays)} if won back`
  return assemble({ history, status, value }, facts.winBack, facts.expectedValue, facts.currency)
}

/** What a lost deal's explanation is built from. */
export interface DealExplanationFacts {
  readonly name: string | null
  readonly valueIfWonBackMinor: number
  readonly recurring: boolean
  readonly closedOn: string | null
  readonly lostReason: string | null
  readonly competitor: string | null
  readonly winBack: WinBackProbability
  readonly expectedValue: ExpectedValue
  readonly currency: string
}

/** Explains a lost deal's score: what was lost, when, to whom, and what winning it is worth. */
export function explainDealScore(facts: DealExplanationFacts): ScoreExplanation {
  const lostOn = facts.closedOn === null ? '' : ` on ${facts.closedOn}`
  const competitor = facts.competitor === null ? '' : ` to ${facts.competitor}`
  const reason = facts.lostReason === null ? '' : ` (${facts.lostReason})`
  const history = `lost deal${facts.name === null ? '' : ` "${facts.name}"`}${lostOn}${competitor}${reason}`
  const money = formatMoney(facts.valueIfWonBackMinor, facts.currency)
  const value = facts.recurring
    ? `worth about ${money} a year if won back (recurring, annualised)`
    : `worth about ${money} if won back`
  return assemble(
    { history, status: 'a failed sale', value },
    facts.winBack,
    facts.expectedValue,
    facts.currency,
  )
}

function assemble(
  parts: { history: string; status: string; value: string },
  winBack: WinBackProbability,
  expected: ExpectedValue,
  currency: string,
): ScoreExplanation {
  const winBackSentence = winBackWords(winBack)
  const expectedValue = expectedValueWords(expected, currency)
  const sentence = [parts.history, parts.status, parts.value, winBackSentence, expectedValue].join(
    '; ',
  )
  return { ...parts, winBack: winBackSentence, expectedValue, sentence }
}

/**
 * "34 % chance to win back (the prior for ex-customers: price leaver whose reason is now fixed
 * (+9 pts); 3 failed attempts (−6 pts))": the probability, where it came from, and its biggest
 * drivers in words.
 */
export function winBackWords(winBack: WinBackProbability): string {
  const drivers =
    winBack.drivers === undefined || winBack.factors === undefined
      ? ''
      : describeWinBackDrivers(winBack.factors, winBack.drivers)
  const basis = WIN_BACK_BASIS_WORDS[winBack.basis]
  return `${formatPercent(winBack.probability)} chance to win back (${basis}${drivers === '' ? '' : `: ${drivers}`})`
}

/**
 * Puts a new P(win back) and expected value into an explanation sentence written by
 * {@link explainCustomerScore} or {@link explainDealScore}, keeping what it says of the history,
 * status and value: a fix or a new decision maker changes the chance, not the past.
 */
export function replaceWinBackWords(
  sentence: string,
  winBack: WinBackProbability,
  expected: ExpectedValue,
  currency: string,
): string {
  const at = sentence.indexOf(' chance to win back (')
  const cut = at < 0 ? -1 : sentence.lastIndexOf('; ', at)
  const head = cut < 0 ? sentence : sentence.slice(0, cut)
  return [head, winBackWords(winBack), expectedValueWords(expected, currency)].join('; ')
}

const WIN_BACK_BASIS_WORDS: Record<WinBackProbability['basis'], string> = {
  learned_model: "the company's own win-back outcomes",
  ex_customer_prior: 'the prior for ex-customers',
  company_deal_conversion: "the company's own deal conversion",
  deal_fallback_prior: 'the prior for lost deals until there are enough closed deals',
}

function expectedValueWords(expected: ExpectedValue, currency: string): string {
  const costWords = expected.terms.includes('expected_cost')
    ? 'less the expected cost'
    : 'no cost counted yet'
  return `expected value about ${formatMoney(expected.valueMinor, currency)} (P(win back) × value if won back, ${costWords})`
}

function describeHistory(facts: CustomerExplanationFacts): string {
  if (facts.firstOrderDay === null || facts.lastOrderDay === null) {
    return 'no orders on record'
  }
  const silence = `nothing for ${formatDays(facts.asOfDay - facts.lastOrderDay)}`
  if (facts.purchaseDays <= 1) {
    return `bought once, ${silence}`
  }
  const span = formatDuration(facts.lastOrderDay - facts.firstOrderDay)
  const gap =
    facts.medianGapDays ?? (facts.lastOrderDay - facts.firstOrderDay) / (facts.purchaseDays - 1)
  return `bought every ${formatDays(gap)} for ${span} (${facts.purchaseDays} purchase days), ${silence}`
}

function describeStatus(facts: CustomerExplanationFacts, thresholds: LapseThresholds): string {
  const { verdict, probabilityAlive } = facts
  const gap = facts.medianGapDays === null ? '' : formatDays(facts.medianGapDays)
  const silence = facts.lastOrderDay === null ? 0 : facts.asOfDay - facts.lastOrderDay
  switch (verdict.rule) {
    case 'probability_alive_below_lost':
      return `${formatPercent(1 - (probabilityAlive ?? 0))} likely gone (P(alive) below ${formatPercent(thresholds.lostProbabilityAlive)})`
    case 'no_order_for_long_past_gap':
      return `lost: no order for ${formatDays(silence)}, more than ${thresholds.lostGapMultiple}× their usual ${gap} gap`
    case 'six_month_rule':
      return `lost by the ${formatDays(thresholds.lostAfterDays)} rule alone (too little history for the model)`
    case 'six_month_rule_recent':
      return `active: ordered within ${formatDays(thresholds.lostAfterDays)} (too little history for the model)`
    case 'contract_ended_unrenewed':
      return `lost: their contract ended on ${isoDay((verdict.lostSinceDay ?? 1) - 1)} and was not renewed`
    case 'contract_running':
      return `active: under contract${facts.contractEndDay === null ? '' : ` until ${isoDay(facts.contractEndDay)}`}`
    case 'probability_alive_below_lapsed':
      return `lapsed: ${formatPercent(probabilityAlive ?? 0)} likely still a customer (below ${formatPercent(thresholds.lapsedProbabilityAlive)})`
    case 'past_lapsed_gap':
      return `lapsed: no order for ${formatDays(silence)}, more than ${thresholds.lapsedGapMultiple}× their usual ${gap} gap`
    case 'probability_alive_below_at_risk':
      return `at risk: ${formatPercent(probabilityAlive ?? 0)} likely still a customer (below ${formatPercent(thresholds.atRiskProbabilityAlive)})`
    case 'past_expected_next_order':
      return `at risk: their next order was due ${formatDays(facts.asOfDay - (facts.expectedNextOrderDay ?? facts.asOfDay))} ago`
    case 'no_rule_fired':
      return probabilityAlive === null
        ? 'active: ordering as usual'
        : `active: ${formatPercent(probabilityAlive)} likely still a customer`
  }
}

function describeHorizon(days: number): string {
  return days === 365 ? 'a year' : `over ${formatDays(days)}`
}

/** "41 days", "1 day". */
export function formatDays(days: number): string {
  const whole = Math.max(0, Math.round(Number.isFinite(days) ? days : 0))
  return whole === 1
    ? '1 day'
    : `${whole < 1000 ? String(whole) : whole.toLocaleString('en-US')} days`
}

/** A span in the largest sensible unit: "12 days", "5 months", "3 years". */
export function formatDuration(days: number): string {
  if (days >= 548) {
    return `${Math.round(days / 365.25)} years`
  }
  if (days >= 60) {
    return `${Math.round(days / 30.44)} months`
  }
  return formatDays(days)
}

/** "92 %"; never "100 %" or "0 %" for a probability strictly between them. */
export function formatPercent(probability: number): string {
  const percent = Math.round((Number.isFinite(probability) ? probability : 0) * 100)
  if (percent >= 100 && probability < 1) {
    return 'over 99 %'
  }
  if (percent <= 0 && probability > 0) {
    return 'under 1 %'
  }
  return `${percent} %`
}

// Intl formatters are costly to build and a run formats a million amounts: one per currency
const moneyFormats = new Map<string, { digits: number; format: (major: number) => string }>()

function moneyFormat(currency: string): { digits: number; format: (major: number) => string } {
  let known = moneyFormats.get(currency)
  if (known === undefined) {
    try {
      const digits =
        new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2
      const formatter = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        maximumSignificantDigits: 3,
      })
      known = { digits, format: (major) => formatter.format(major) }
    } catch {
      known = { digits: 2, format: (major) => `${major.toPrecision(3)} ${currency}` }
    }
    moneyFormats.set(currency, known)
  }
  return known
}

/** The number of decimals of a currency's minor unit (2 for USD, 0 for JPY). */
export function minorUnitDigits(currency: string): number {
  return moneyFormat(currency).digits
}

/** Minor units as a decimal amount in major units: 1234 USD cents → 12.34. */
export function toMajorUnits(minor: number, currency: string): number {
  return (Number.isFinite(minor) ? minor : 0) / 10 ** minorUnitDigits(currency)
}

/** Money rounded to three significant digits, as people say it: "$14,200". */
export function formatMoney(minor: number, currency: string): string {
  return moneyFormat(currency).format(toMajorUnits(minor, currency))
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}
