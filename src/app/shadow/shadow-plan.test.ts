import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../domain/case-dates.js'
import { needsContent, VALUE_KINDS, valueKindFor } from '../../domain/shadow-cadence.js'
import { normaliseEmail } from '../../domain/suppression.js'
import type { ShadowCandidateRow, ShadowContactRow, ShadowContentRow } from '../../store/index.js'
import { planShadowPortfolio, type ShadowFacts } from './shadow-plan.js'
import type { ShadowSettings } from './shadow-settings.js'

const DAY_MS = 86_400_000
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS

const day = fc.integer({ min: 0, max: 3000 }).map((offset) => addDays('2019-01-01', offset))

/** One subject and everything about it the plan reads. */
const subject = fc.record({
  kind: fc.constantFrom('customer' as const, 'deal' as const),
  segment: fc.constantFrom('Enterprise', 'SMB', null),
  ownerId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  lostOn: fc.option(day, { nil: null }),
  nextChoiceOn: fc.option(day, { nil: null }),
  openCase: fc.option(fc.constantFrom('identified', 'approached', 'resting'), { nil: null }),
  letGo: fc.boolean(),
  lastTouchOn: fc.option(day, { nil: null }),
  touchCount: fc.integer({ min: 0, max: 12 }),
  contacts: fc.array(
    fc.record({
      role: fc.constantFrom('decision_maker', 'buyer', 'user'),
      hasEmail: fc.boolean(),
      suppressedBy: fc.constantFrom('none', 'contact', 'email'),
    }),
    { maxLength: 3 },
  ),
})

const settingsArb = fc
  .tuple(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 60 }))
  .map(([minDays, spread]) => ({
    minDays,
    maxDays: minDays + spread,
    radarDays: 60,
    tone: 'professional' as const,
  }))

const contentArb = fc.array(
  fc.record({
    kind: fc.constantFrom(...VALUE_KINDS),
    segment: fc.constantFrom('Enterprise', 'SMB', null),
  }),
  { maxLength: 6 },
)

// an address suppression only reaches a contact with that address
const isSuppressed = (contact: { hasEmail: boolean; suppressedBy: string }) =>
  contact.suppressedBy === 'contact' || (contact.suppressedBy === 'email' && contact.hasEmail)

type Subject = typeof subject extends fc.Arbitrary<infer T> ? T : never

/** Builds the plan's facts from generated subjects (ids by position), with what each should be. */
function factsOf(
  subjects: readonly Subject[],
  content: readonly { kind: string; segment: string | null }[],
  startedOn: string,
): ShadowFacts {
  const candidates: ShadowCandidateRow[] = []
  const openCases = new Map<string, { stage: string; restUntil: string | null }>()
  const letGo = new Set<string>()
  const lastTouchAt = new Map<string, string>()
  const contacts: ShadowContactRow[] = []
  const suppressed = { contactIds: new Set<number>(), emails: new Set<string>() }
  const touchCounts = new Map<string, number>()
  subjects.forEach((one, index) => {
    // each subject is its own customer, so customer-wide facts stay with it
    const customerId = `C-${index}`
    const subjectKey = one.kind === 'customer' ? `customer:${customerId}` : `deal:${index}`
    candidates.push({
      subjectKind: one.kind,
      subjectKey,
      customerId,
      dealId: one.kind === 'deal' ? index : null,
      name: null,
      segment: one.segment,
      ownerId: one.ownerId,
      lostOn: one.lostOn,
      nextChoiceOn: one.kind === 'deal' ? one.nextChoiceOn : null,
    })
    if (one.openCase !== null) {
      openCases.set(subjectKey, { stage: one.openCase, restUntil: null })
    }
    if (one.letGo) {
      letGo.add(customerId)
    }
    if (one.lastTouchOn !== null) {
      lastTouchAt.set(customerId, `${one.lastTouchOn}T10:00:00.000Z`)
    }
    touchCounts.set(subjectKey, one.touchCount)
    one.contacts.forEach((contact, n) => {
      const id = index * 10 + n
      const email = contact.hasEmail ? `P${id}@Example.test` : null
      contacts.push({ id, customerId, role: contact.role, email, phone: null })
      if (contact.suppressedBy === 'contact') {
        suppressed.contactIds.add(id)
      }
      if (contact.suppressedBy === 'email' && email !== null) {
        suppressed.emails.add(normaliseEmail(email))
      }
    })
  })
  const items: ShadowContentRow[] = content.map((item, index) => ({
    id: index + 1,
    title: `Item ${index + 1}`,
    url: `https://content.test/${index + 1}`,
    value_kind: item.kind,
    segment: item.segment,
    active: 1,
    created_at: '2024-01-01T00:00:00.000Z',
    created_by: 'test',
  }))
  return {
    candidates,
    openCases,
    letGoCustomerIds: letGo,
    lastTouchAt,
    contacts,
    suppressed,
    touchCounts,
    content: items,
    startedOn,
  }
}

describe('planning the shadow portfolio (property)', () => {
  it('touches only subjects in the portfolio, each within the cadence of its last touch', () => {
    fc.assert(
      fc.property(
        fc.array(subject, { maxLength: 25 }),
        settingsArb,
        contentArb,
        day,
        day,
        (subjects, settings: ShadowSettings, content, startedOn, today) => {
          const facts = factsOf(subjects, content, startedOn)
          const plan = planShadowPortfolio(facts, settings, today)
          const excluded = Object.values(plan.excluded).reduce((sum, n) => sum + n, 0)
          expect(plan.members.length + excluded).toBe(subjects.length)
          for (const member of plan.members) {
            const index = Number(member.customerId.slice(2))
            const one = subjects[index] as Subject
            // never an open case (resting included), never let go
            expect(one.openCase).toBeNull()
            expect(one.letGo).toBe(false)
            // never anyone suppressed: the email goes to an allowed contact, and a subject whose
            // every contact is suppressed is not in the portfolio at all
            const allowed = one.contacts.filter((contact) => !isSuppressed(contact))
            expect(one.contacts.length === 0 || allowed.length > 0).toBe(true)
            if (member.contactId !== null) {
              expect(facts.suppressed.contactIds.has(member.contactId)).toBe(false)
              const chosen = one.contacts[member.contactId - index * 10]
              expect(chosen === undefined || isSuppressed(chosen)).toBe(false)
              expect(chosen?.hasEmail).toBe(true)
            }
            if (one.lastTouchOn !== null) {
              const gap = daysBetween(one.lastTouchOn, member.nextTouchOn)
              expect(gap).toBeGreaterThanOrEqual(settings.minDays)
              expect(gap).toBeLessThanOrEqual(settings.maxDays)
            } else {
              const from = one.lostOn !== null && one.lostOn > startedOn ? one.lostOn : startedOn
              const wait = daysBetween(from, member.nextTouchOn)
              expect(wait).toBeGreaterThanOrEqual(0)
              expect(wait).toBeLessThan(settings.minDays)
            }
            expect(member.due).toBe(member.nextTouchOn <= today)
            // a case study, article or introduction always carries a library item of its kind
            if (needsContent(member.nextValueKind)) {
              expect(member.contentId).not.toBeNull()
            }
            if (member.contentId !== null) {
              expect(content[member.contentId - 1]?.kind).toBe(member.nextValueKind)
            }
          }
          // the same facts plan the same way (the jitter is a hash, not a dice roll)
          expect(planShadowPortfolio(facts, settings, today)).toEqual(plan)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('rotates case study → article → check-in → referral, skipping kinds the library lacks', () => {
    const all = () => true
    expect([0, 1, 2, 3, 4].map((count) => valueKindFor(count, all))).toEqual([
      'case_study',
      'article',
      'check_in',
      'referral',
      'case_study',
    ])
    const articlesOnly = (kind: string) => kind === 'article'
    expect([0, 1, 2, 3].map((count) => valueKindFor(count, articlesOnly))).toEqual([
      'article',
      'article',
      'check_in',
      'article',
    ])
    expect(valueKindFor(3, () => false)).toBe('check_in')
  })
})
