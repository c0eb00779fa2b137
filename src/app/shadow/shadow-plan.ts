import {
  isOnRadar,
  nextTouchOn,
  subjectHash,
  type ValueKind,
  valueKindFor,
} from '../../domain/shadow-cadence.js'
import { isPlainEmail, normaliseEmail } from '../../domain/suppression.js'
import type { ShadowCandidateRow, ShadowContactRow, ShadowContentRow } from '../../store/index.js'
import type { ShadowSettings } from './shadow-settings.js'

/**
 * Who is in the shadow portfolio and when each is next touched, from facts already read (pure, so
 * the property test can throw any world at it). SPEC "Case states": every ex-customer and failed
 * sale with no open case, not let go and not suppressed; a resting case's subject waits.
 */

/** Everything the plan is made from. */
export interface ShadowFacts {
  readonly candidates: readonly ShadowCandidateRow[]
  /** open cases (resting included) by subject key */
  readonly openCases: ReadonlyMap<
    string,
    { readonly stage: string; readonly restUntil: string | null }
  >
  readonly letGoCustomerIds: ReadonlySet<string>
  /** each customer's newest touch, as a timestamp */
  readonly lastTouchAt: ReadonlyMap<string, string>
  readonly contacts: readonly ShadowContactRow[]
  readonly suppressed: {
    readonly contactIds: ReadonlySet<number>
    readonly emails: ReadonlySet<string>
  }
  /** how many shadow touches each subject had */
  readonly touchCounts: ReadonlyMap<string, number>
  /** the active content library */
  readonly content: readonly ShadowContentRow[]
  /** the day first touches spread from */
  readonly startedOn: string
}

/** Why a lost subject is not in the portfolio. */
export type ShadowExclusion = 'open_case' | 'resting' | 'let_go' | 'suppressed'

/** A subject in the portfolio, with its next touch. */
export interface ShadowMember {
  readonly subjectKind: 'customer' | 'deal'
  readonly subjectKey: string
  readonly customerId: string
  readonly dealId: number | null
  readonly name: string | null
  readonly segment: string | null
  readonly ownerId: number | null
  readonly lostOn: string | null
  readonly nextChoiceOn: string | null
  /** the day of the newest touch of the customer (any channel), or null */
  readonly lastTouchOn: string | null
  readonly nextTouchOn: string
  readonly nextValueKind: ValueKind
  /** the library item the next touch carries (null for a check-in) */
  readonly contentId: number | null
  /** whom the next touch emails; null: a check-in call task for the owner instead */
  readonly contactId: number | null
  /** a lost deal whose supplier choice is near */
  readonly onRadar: boolean
  readonly due: boolean
}

/** The plan: members, and how many lost subjects each reason kept out. */
export interface ShadowPlan {
  readonly members: ShadowMember[]
  readonly excluded: Readonly<Record<ShadowExclusion, number>>
}

/**
 * The library item a subject's touch of `kind` carries: items for its segment first, else items
 * for everyone; which one turns with the subject's hash and how many rounds it has had.
 */
export function contentFor(
  items: readonly ShadowContentRow[],
  subject: { readonly subjectKey: string; readonly segment: string | null; readonly count: number },
  kind: ValueKind,
): ShadowContentRow | null {
  const fitting = items.filter(
    (item) =>
      item.value_kind === kind && (item.segment === null || item.segment === subject.segment),
  )
  const forSegment = fitting.filter((item) => item.segment !== null)
  const pool = forSegment.length > 0 ? forSegment : fitting
  if (pool.length === 0) {
    return null
  }
  const turn = subjectHash(subject.subjectKey) + Math.floor(subject.count / 4)
  return pool[turn % pool.length] ?? null
}

function exclusionOf(facts: ShadowFacts, candidate: ShadowCandidateRow): ShadowExclusion | null {
  const open = facts.openCases.get(candidate.subjectKey)
  if (open !== undefined) {
    return open.stage === 'resting' ? 'resting' : 'open_case'
  }
  // a let-go customer is flagged as a whole: none of their deals is touched either
  if (facts.letGoCustomerIds.has(candidate.customerId)) {
    return 'let_go'
  }
  return null
}

function isSuppressed(facts: ShadowFacts, contact: ShadowContactRow): boolean {
  return (
    facts.suppressed.contactIds.has(contact.id) ||
    (contact.email !== null && facts.suppressed.emails.has(normaliseEmail(contact.email)))
  )
}

/**
 * Plans the portfolio on `today`: who is in it, each one's next touch day, value kind, content and
 * whom it goes to, and whether it is due.
 */
export function planShadowPortfolio(
  facts: ShadowFacts,
  settings: ShadowSettings,
  today: string,
): ShadowPlan {
  const excluded: Record<ShadowExclusion, number> = {
    open_case: 0,
    resting: 0,
    let_go: 0,
    suppressed: 0,
  }
  const contactsOf = new Map<string, ShadowContactRow[]>()
  for (const contact of facts.contacts) {
    const list = contactsOf.get(contact.customerId) ?? []
    list.push(contact)
    contactsOf.set(contact.customerId, list)
  }
  const members: ShadowMember[] = []
  for (const candidate of facts.candidates) {
    const why = exclusionOf(facts, candidate)
    if (why !== null) {
      excluded[why] += 1
      continue
    }
    const present = contactsOf.get(candidate.customerId) ?? []
    const allowed = present.filter((contact) => !isSuppressed(facts, contact))
    // everyone there asked not to be contacted: no email, and no call either
    if (present.length > 0 && allowed.length === 0) {
      excluded.suppressed += 1
      continue
    }
    const emailable = allowed.filter(
      (contact) => contact.email !== null && isPlainEmail(contact.email.trim()),
    )
    const contact = emailable.find((one) => one.role === 'decision_maker') ?? emailable[0] ?? null
    const count = facts.touchCounts.get(candidate.subjectKey) ?? 0
    const subject = { subjectKey: candidate.subjectKey, segment: candidate.segment, count }
    const kind = valueKindFor(count, (k) => contentFor(facts.content, subject, k) !== null)
    const lastAt = facts.lastTouchAt.get(candidate.customerId)
    const lastTouchOn = lastAt === undefined ? null : lastAt.slice(0, 10)
    const lostOn = candidate.lostOn
    const next = nextTouchOn({
      subjectKey: candidate.subjectKey,
      lastTouchOn,
      firstPossibleOn: lostOn !== null && lostOn > facts.startedOn ? lostOn : facts.startedOn,
      cadence: settings,
    })
    members.push({
      ...candidate,
      lastTouchOn,
      nextTouchOn: next,
      nextValueKind: kind,
      contentId: idOrNull(contentFor(facts.content, subject, kind)?.id),
      contactId: contact?.id ?? null,
      onRadar:
        candidate.subjectKind === 'deal' &&
        isOnRadar(candidate.nextChoiceOn, today, settings.radarDays),
      due: next <= today,
    })
  }
  return { members, excluded }
}

// PostgreSQL returns bigint ids as strings
function idOrNull(id: number | string | undefined): number | null {
  return id === undefined ? null : Number(id)
}
