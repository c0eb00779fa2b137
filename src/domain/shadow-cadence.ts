import { addDays } from './case-dates.js'

/**
 * The shadow portfolio's cadence (SPEC §7; seed 001 §10: keep ex-customers warm with value-adding
 * touches on a cadence, never random calls). Pure rules: when a subject's next touch is due and what
 * kind of value it carries.
 */

/** What a touch gives: a relevant case study, an article, a check-in, an introduction. */
export type ValueKind = 'case_study' | 'article' | 'check_in' | 'referral'

/** The rotation of value kinds, in order (issue 6 item 6). */
export const VALUE_KINDS: readonly ValueKind[] = ['case_study', 'article', 'check_in', 'referral']

/** Whether `value` names a value kind. */
export function isValueKind(value: string): value is ValueKind {
  return (VALUE_KINDS as readonly string[]).includes(value)
}

/** The kinds that carry an item of the content library (a check-in needs none). */
export function needsContent(kind: ValueKind): boolean {
  return kind !== 'check_in'
}

/** The gap between touches, in days, inclusive (default every 6–8 weeks). */
export interface Cadence {
  readonly minDays: number
  readonly maxDays: number
}

export const DEFAULT_CADENCE: Cadence = { minDays: 42, maxDays: 56 }

/**
 * A stable 32-bit hash of a subject key (FNV-1a, Fowler–Noll–Vo), so a subject's jitter is the
 * same on every run and every machine, and touches spread over the window instead of bunching.
 */
export function subjectHash(key: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

/** This subject's gap between touches: a fixed day count in [minDays, maxDays]. */
export function cadenceDays(subjectKey: string, cadence: Cadence): number {
  const span = cadence.maxDays - cadence.minDays + 1
  return cadence.minDays + (subjectHash(subjectKey) % span)
}

/**
 * The day of a subject's next touch: its last touch plus its gap; with no touch yet, a day within
 * the first `minDays` after it could first be touched (it joined the portfolio, or the cadence
 * started), spread by the same hash so a new portfolio is not all touched on one day.
 * @example nextTouchOn({ subjectKey: 'customer:C-1', lastTouchOn: '2026-01-01', firstPossibleOn: '2025-06-01', cadence: DEFAULT_CADENCE })
 */
export function nextTouchOn(input: {
  readonly subjectKey: string
  readonly lastTouchOn: string | null
  readonly firstPossibleOn: string
  readonly cadence: Cadence
}): string {
  if (input.lastTouchOn !== null) {
    return addDays(input.lastTouchOn, cadenceDays(input.subjectKey, input.cadence))
  }
  return addDays(input.firstPossibleOn, subjectHash(input.subjectKey) % input.cadence.minDays)
}

/**
 * The value kind of a subject's touch number `count` (0 for the first): the rotation's next kind
 * that `available` allows (the content library has an item of it), a check-in when none does.
 */
export function valueKindFor(count: number, available: (kind: ValueKind) => boolean): ValueKind {
  for (let step = 0; step < VALUE_KINDS.length; step += 1) {
    const kind = VALUE_KINDS[(count + step) % VALUE_KINDS.length] as ValueKind
    if (!needsContent(kind) || available(kind)) {
      return kind
    }
  }
  return 'check_in'
}

/**
 * Whether a lost deal is back on the radar on `today`: its next supplier choice is at most
 * `radarDays` ahead (and not yet past), so there is time to be in the running (SPEC §7).
 */
export function isOnRadar(nextChoiceOn: string | null, today: string, radarDays: number): boolean {
  return (
    nextChoiceOn !== null && today <= nextChoiceOn && addDays(nextChoiceOn, -radarDays) <= today
  )
}
