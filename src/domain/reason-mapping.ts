import { OTHER_REASON_CODE } from './reason.js'

/**
 * Imported deals carry their loss reason as free text ("Went with a cheaper vendor"); an editable
 * mapping turns it into a taxonomy code (SPEC: imported deal reasons). Unmapped text becomes
 * `other`, its words kept.
 */

/** One mapping entry: a phrase (normalised) and the code it stands for. */
export interface ReasonPhrase {
  readonly phrase: string
  readonly code: string
}

/** How a text found its code. */
export type ReasonMatch = 'code' | 'label' | 'phrase' | 'contains' | 'unmapped'

/** The code a free-text reason maps to, how it was found, and the original words. */
export interface MappedReason {
  readonly code: string
  readonly matchedBy: ReasonMatch
  /** the mapping phrase that matched, for `phrase` and `contains` */
  readonly phrase: string | null
  /** the text as imported, trimmed; kept whatever it mapped to */
  readonly words: string
}

/**
 * Common phrasings of loss reasons in CRM exports, mapped to the default codes; the mapping
 * starts with these and admins edit it.
 */
export const DEFAULT_REASON_PHRASES: readonly ReasonPhrase[] = [
  { phrase: 'too expensive', code: 'price' },
  { phrase: 'price too high', code: 'price' },
  { phrase: 'pricing', code: 'price' },
  { phrase: 'cheaper', code: 'poached_on_price' },
  { phrase: 'competitor', code: 'poached_by_competitor' },
  { phrase: 'went with competitor', code: 'poached_by_competitor' },
  { phrase: 'lost to competitor', code: 'poached_by_competitor' },
  { phrase: 'late delivery', code: 'delivery' },
  { phrase: 'wrong delivery', code: 'delivery' },
  { phrase: 'shipping', code: 'delivery' },
  { phrase: 'invoice', code: 'billing' },
  { phrase: 'invoicing', code: 'billing' },
  { phrase: 'deadline', code: 'missed_deadline' },
  { phrase: 'defect', code: 'quality' },
  { phrase: 'defective', code: 'quality' },
  { phrase: 'customer service', code: 'service' },
  { phrase: 'support', code: 'service' },
  { phrase: 'no need', code: 'no_longer_needed' },
  { phrase: 'project cancelled', code: 'no_longer_needed' },
  { phrase: 'new decision maker', code: 'decision_maker_change' },
  { phrase: 'champion left', code: 'decision_maker_change' },
  { phrase: 'one stop', code: 'no_one_stop_offer' },
  { phrase: 'full range', code: 'no_one_stop_offer' },
  { phrase: 'sales rep', code: 'rep_relationship' },
  { phrase: 'relationship', code: 'rep_relationship' },
]

/**
 * The comparable form of a reason text: NFKC, lower case, every run of anything but letters and
 * digits (underscores too) made one space, trimmed.
 * @example normalizeReasonText('  Too EXPENSIVE!! ') // 'too expensive'
 */
export function normalizeReasonText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Maps a free-text loss reason to a code: a reason's code or label written out; else a mapping
 * phrase equal to the whole text; else the longest phrase found in it as whole words; else
 * `other`. `reasons` are the live reasons (code and label); `phrases` the mapping.
 * @example mapReasonText('We went with a cheaper vendor', reasons, phrases).code // 'poached_on_price'
 */
export function mapReasonText(
  text: string,
  reasons: readonly { readonly code: string; readonly label: string }[],
  phrases: readonly ReasonPhrase[],
): MappedReason {
  const words = text.trim()
  const normal = normalizeReasonText(text)
  const unmapped: MappedReason = {
    code: OTHER_REASON_CODE,
    matchedBy: 'unmapped',
    phrase: null,
    words,
  }
  if (normal === '') {
    return unmapped
  }
  const byCode = reasons.find((reason) => normalizeReasonText(reason.code) === normal)
  if (byCode !== undefined) {
    return { code: byCode.code, matchedBy: 'code', phrase: null, words }
  }
  const byLabel = reasons.find((reason) => normalizeReasonText(reason.label) === normal)
  if (byLabel !== undefined) {
    return { code: byLabel.code, matchedBy: 'label', phrase: null, words }
  }
  const exact = phrases.find((entry) => normalizeReasonText(entry.phrase) === normal)
  if (exact !== undefined) {
    return { code: exact.code, matchedBy: 'phrase', phrase: exact.phrase, words }
  }
  const padded = ` ${normal} `
  let best: ReasonPhrase | undefined
  for (const entry of phrases) {
    const phrase = normalizeReasonText(entry.phrase)
    const longer = best === undefined || phrase.length > normalizeReasonText(best.phrase).length
    if (phrase !== '' && padded.includes(` ${phrase} `) && longer) {
      best = entry
    }
  }
  return best === undefined
    ? unmapped
    : { code: best.code, matchedBy: 'contains', phrase: best.phrase, words }
}
