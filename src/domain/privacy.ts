import { ValidationError } from './errors.js'

/**
 * Lawful basis and retention (SPEC Decisions "People and accounts"; TESTPLAN T22, T24): who may be
 * written to, and for how long a contact is kept. Pure rules; the store applies the same rule in
 * SQL where a message is claimed, and the tests hold the two to each other.
 */

/** The business setting holding the windows (the `settings` table, key `privacy`). */
export const PRIVACY_SETTING = 'privacy'

/** How long a basis lasts, in whole years. */
export interface PrivacySettings {
  /**
   * Implied consent from an existing business relationship: the 2 years before the day of the
   * message, counted from the last purchase or the recorded basis date (CASL, S.C. 2010 c. 23,
   * s. 10(10)(a)–(b)). Express consent does not lapse under CASL.
   */
  readonly impliedConsentYears: number
  /**
   * How long a contact is kept after the last sign of the relationship (the later of the last
   * order and the basis date): 3 years by default, a choice of ours — GDPR Art. 5(1)(e) asks for
   * "no longer than necessary" and names no number; 3 years outlasts CASL's 2 so that a lapsed
   * implied consent is still on record when asked about.
   */
  readonly retentionYears: number
}

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = {
  impliedConsentYears: 2,
  retentionYears: 3,
}

/** The ISO days before which a basis or a contact is too old, at one moment. */
export interface PrivacyCutoffs {
  /** a relationship last evidenced before this day no longer implies consent */
  readonly impliedBefore: string
  /** a contact last evidenced before this day is past retention */
  readonly retainedBefore: string
}

/**
 * The day `years` calendar years before `day` (YYYY-MM-DD); 29 February falls back to the 28th in
 * a year without one, so the window is never longer than the law's.
 * @example yearsBefore('2024-02-29', 2) // '2022-02-28'
 */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const year = y - years
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate()
  const pad = (value: number, width: number) => String(value).padStart(width, '0')
  return `${pad(year, 4)}-${pad(m, 2)}-${pad(Math.min(d, lastDay), 2)}`
}

/**
 * The cutoffs at `now` (its UTC day).
 * @example privacyCutoffs(new Date('2026-11-23T10:00:00Z'), DEFAULT_PRIVACY_SETTINGS)
 * // { impliedBefore: '2024-11-23', retainedBefore: '2023-11-23' }
 */
export function privacyCutoffs(now: Date, settings: PrivacySettings): PrivacyCutoffs {
  const today = now.toISOString().slice(0, 10)
  return {
    impliedBefore: yearsBefore(today, settings.impliedConsentYears),
    retainedBefore: yearsBefore(today, settings.retentionYears),
  }
}

/** Why a contact may not be written to, or null when they may. */
export type OutreachRefusal =
  | 'no_lawful_basis'
  | 'no_consent'
  | 'past_retention'
  | 'past_implied_consent'

/** What the rule looks at: the contact's basis and the last signs of the relationship. */
export interface BasisFacts {
  readonly lawfulBasis: string | null
  readonly consent: boolean
  /** the basis date (YYYY-MM-DD) */
  readonly basisOn: string | null
  /** the customer's newest order day */
  readonly lastOrderOn: string | null
}

/** The later of the basis date and the last order, or null when neither is known. */
export function lastEvidenceOn(facts: BasisFacts): string | null {
  const days = [facts.basisOn, facts.lastOrderOn].filter((day): day is string => day !== null)
  // ISO days sort as text: the last in order is the latest
  return days.sort().at(-1) ?? null
}

/** Whether the basis is express consent (its window does not lapse under CASL). */
export function isConsentBasis(lawfulBasis: string | null): boolean {
  return lawfulBasis?.trim().toLowerCase() === 'consent'
}

/**
 * Why `facts` may not be written to at `cutoffs`, or null. A contact with no date at all (no basis
 * date, no order) is not refused for age: nothing says the relationship is old.
 * @example outreachRefusal({ lawfulBasis: null, consent: false, basisOn: null, lastOrderOn: null }, cutoffs) // 'no_lawful_basis'
 */
export function outreachRefusal(
  facts: BasisFacts,
  cutoffs: PrivacyCutoffs,
): OutreachRefusal | null {
  if (facts.lawfulBasis === null || facts.lawfulBasis.trim() === '') {
    return 'no_lawful_basis'
  }
  const consentBasis = isConsentBasis(facts.lawfulBasis)
  if (consentBasis && !facts.consent) {
    return 'no_consent'
  }
  const evidence = lastEvidenceOn(facts)
  if (evidence !== null && evidence < cutoffs.retainedBefore) {
    return 'past_retention'
  }
  if (!consentBasis && evidence !== null && evidence < cutoffs.impliedBefore) {
    return 'past_implied_consent'
  }
  return null
}

/** The one-line reason a refusal gives. */
export const REFUSAL_MESSAGES: Readonly<Record<OutreachRefusal, string>> = {
  no_lawful_basis: 'this contact has no lawful basis for outreach on record',
  no_consent: "this contact's lawful basis is consent, and consent is not given",
  past_retention: 'this contact is past the retention window: no outreach, awaiting the purge',
  past_implied_consent:
    'implied consent has lapsed: no purchase or basis date in the CASL window (s. 10(10))',
}

/** Whether `facts` is past retention at `cutoffs` (the purge takes it). */
export function isPastRetention(facts: BasisFacts, cutoffs: PrivacyCutoffs): boolean {
  const evidence = lastEvidenceOn(facts)
  return evidence !== null && evidence < cutoffs.retainedBefore
}

/**
 * The stored settings, checked: whole years from 1 to 100.
 * @throws ValidationError naming the field when a value is out of range
 */
export function parsePrivacySettings(value: unknown): PrivacySettings {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >
  const years = (field: keyof PrivacySettings): number => {
    const raw = record[field] ?? DEFAULT_PRIVACY_SETTINGS[field]
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > 100) {
      throw new ValidationError(`privacy.${field} must be a whole number of years from 1 to 100`)
    }
    return raw
  }
  return {
    impliedConsentYears: years('impliedConsentYears'),
    retentionYears: years('retentionYears'),
  }
}
