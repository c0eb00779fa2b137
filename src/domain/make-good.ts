import { z } from 'zod'
import { formatMoney } from './explanation.js'

/**
 * Make-goods (SPEC §6 "Make good, then some"): an offer that answers damage done, sized in
 * proportion to the damage and to what the customer is worth back.
 */

/** What a make-good gives; a price concession is discouraged (SPEC §6) and needs the VP. */
export const MAKE_GOOD_KINDS = [
  'service_credit',
  'free_work',
  'extended_warranty',
  'gift',
  'price_concession',
] as const
export type MakeGoodKind = (typeof MAKE_GOOD_KINDS)[number]

/** Where an offer stands: proposed, then approved or rejected, once. */
export type MakeGoodStatus = 'proposed' | 'approved' | 'rejected'

/** A warning on an offer's size: too small for the damage, or more than a year of their business. */
export type MakeGoodFlag = 'too_small' | 'too_large' | 'price_concession'

/**
 * How Comeback sizes a make-good; an admin edits it as the `makeGoodSizing` setting.
 * Suggested = damageShare × damage + valueShare × value if won back.
 */
export interface MakeGoodSizing {
  /** share of the recorded damage (incident costs and the finding's cost) a make-good answers */
  readonly damageShare: number
  /** share of the value if won back (12 months of their business back) put into winning them */
  readonly valueShare: number
  /** an offer below this share of the suggestion is flagged too small */
  readonly tooSmallShare: number
  /** an offer above this many years of the customer's business is flagged too large */
  readonly tooLargeYears: number
}

/**
 * The defaults: 10 % of the damage plus 2 % of the value back. The seeds ask for a make-good
 * "proportional to the damage"; 10 % keeps a $30,000 outage's answer in the thousands, and the
 * value term lets a valuable customer get a little more. Too small below a fifth of that; too
 * large above one year of their business (issue 7).
 */
export const DEFAULT_MAKE_GOOD_SIZING: MakeGoodSizing = {
  damageShare: 0.1,
  valueShare: 0.02,
  tooSmallShare: 0.2,
  tooLargeYears: 1,
}

const share = z.number().finite().min(0).max(10)
const sizingSchema = z.strictObject({
  damageShare: share,
  valueShare: share,
  tooSmallShare: z.number().finite().min(0).max(1),
  tooLargeYears: z.number().finite().positive().max(100),
})

/**
 * The stored sizing over the defaults, checked.
 * @throws ZodError when a value is out of range
 */
export function parseMakeGoodSizing(value: unknown): MakeGoodSizing {
  const stored = typeof value === 'object' && value !== null ? value : {}
  return sizingSchema.parse({ ...DEFAULT_MAKE_GOOD_SIZING, ...stored })
}

/** What a case knows about the damage and the customer's worth, in minor units. */
export interface MakeGoodBasis {
  /** incident costs plus the cost the customer named in the finding */
  readonly damageMinor: number
  /** value if won back: the revenue of 12 months after coming back (SPEC Decisions) */
  readonly valueIfWonBackMinor: number
  /** one year of their business: revenue in the year before the loss, else the value back */
  readonly yearlyRevenueMinor: number
  readonly currency: string
}

/** The suggested size, the bounds that flag an offer, and the rule in words. */
export interface MakeGoodSuggestion {
  readonly suggestedMinor: number
  /** below this an offer is too small (0: no damage or value recorded, nothing is too small) */
  readonly tooSmallBelowMinor: number
  /** above this an offer is too large; null when their yearly business is unknown */
  readonly tooLargeAboveMinor: number | null
  readonly currency: string
  readonly explanation: string
}

/**
 * Suggests a make-good's size; non-decreasing in the damage and in the value back.
 * @example suggestMakeGood({ damageMinor: 3_000_000, valueIfWonBackMinor: 0, yearlyRevenueMinor: 0, currency: 'USD' }, DEFAULT_MAKE_GOOD_SIZING).suggestedMinor // 300000
 */
export function suggestMakeGood(basis: MakeGoodBasis, sizing: MakeGoodSizing): MakeGoodSuggestion {
  const damage = Math.max(0, basis.damageMinor)
  const value = Math.max(0, basis.valueIfWonBackMinor)
  const suggested = Math.round(sizing.damageShare * damage + sizing.valueShare * value)
  const yearly = Math.max(0, basis.yearlyRevenueMinor)
  const tooLarge = yearly > 0 ? Math.round(sizing.tooLargeYears * yearly) : null
  const money = (minor: number) => formatMoney(minor, basis.currency)
  const percent = (x: number) => `${Math.round(x * 1000) / 10} %`
  const parts = [
    `${money(suggested)} = ${percent(sizing.damageShare)} of the damage recorded (${money(damage)})`,
    `+ ${percent(sizing.valueShare)} of the value if won back (${money(value)}).`,
    `Below ${percent(sizing.tooSmallShare)} of that is too small;`,
    tooLarge === null
      ? 'their yearly business is unknown, so nothing is flagged too large.'
      : `more than ${sizing.tooLargeYears} year(s) of their business (${money(tooLarge)}) is too large.`,
  ]
  return {
    suggestedMinor: suggested,
    tooSmallBelowMinor: Math.round(sizing.tooSmallShare * suggested),
    tooLargeAboveMinor: tooLarge,
    currency: basis.currency,
    explanation: parts.join(' '),
  }
}

/**
 * The warnings an offer of `valueMinor` of `kind` carries against the suggestion; a price
 * concession is always flagged so reports show it (SPEC §6: discouraged).
 * @example makeGoodFlags(1500, 'gift', suggestion) // ['too_small'] for a $15 basket after $30,000 of downtime
 */
export function makeGoodFlags(
  valueMinor: number,
  kind: MakeGoodKind,
  suggestion: MakeGoodSuggestion,
): MakeGoodFlag[] {
  const flags: MakeGoodFlag[] = []
  if (valueMinor < suggestion.tooSmallBelowMinor) {
    flags.push('too_small')
  }
  if (suggestion.tooLargeAboveMinor !== null && valueMinor > suggestion.tooLargeAboveMinor) {
    flags.push('too_large')
  }
  if (kind === 'price_concession') {
    flags.push('price_concession')
  }
  return flags
}

/** Whether `text` names a make-good kind. */
export function isMakeGoodKind(text: string): text is MakeGoodKind {
  return (MAKE_GOOD_KINDS as readonly string[]).includes(text)
}
