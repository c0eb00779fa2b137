import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_MAKE_GOOD_SIZING,
  type MakeGoodBasis,
  makeGoodFlags,
  parseMakeGoodSizing,
  suggestMakeGood,
} from './make-good.js'
import {
  approvalRefusal,
  canApproveOnCase,
  DEFAULT_APPROVAL_LIMITS,
  parseApprovalLimits,
} from './make-good-approval.js'

const money = fc.integer({ min: 0, max: 1e11 })
const basis = (
  damageMinor: number,
  valueIfWonBackMinor: number,
  yearlyRevenueMinor = 0,
): MakeGoodBasis => ({
  damageMinor,
  valueIfWonBackMinor,
  yearlyRevenueMinor,
  currency: 'USD',
})

describe('the suggested make-good', () => {
  it('never shrinks when the damage or the value back grows', () => {
    fc.assert(
      fc.property(money, money, money, money, (damage, value, moreDamage, moreValue) => {
        const base = suggestMakeGood(basis(damage, value), DEFAULT_MAKE_GOOD_SIZING).suggestedMinor
        expect(
          suggestMakeGood(basis(damage + moreDamage, value), DEFAULT_MAKE_GOOD_SIZING)
            .suggestedMinor,
        ).toBeGreaterThanOrEqual(base)
        expect(
          suggestMakeGood(basis(damage, value + moreValue), DEFAULT_MAKE_GOOD_SIZING)
            .suggestedMinor,
        ).toBeGreaterThanOrEqual(base)
      }),
    )
  })

  it('flags a $15 basket for $30,000 of downtime as too small, and more than a year of business as too large', () => {
    const suggestion = suggestMakeGood(basis(3_000_000, 0, 1_200_000), DEFAULT_MAKE_GOOD_SIZING)
    expect(suggestion.suggestedMinor).toBe(300_000)
    expect(makeGoodFlags(1_500, 'gift', suggestion)).toEqual(['too_small'])
    expect(makeGoodFlags(300_000, 'free_work', suggestion)).toEqual([])
    expect(makeGoodFlags(1_200_001, 'service_credit', suggestion)).toEqual(['too_large'])
    expect(makeGoodFlags(300_000, 'price_concession', suggestion)).toEqual(['price_concession'])
    expect(suggestion.explanation).toContain('10 % of the damage recorded ($30,000')
  })

  it('flags an offer too small exactly when it is below the share of the suggestion', () => {
    fc.assert(
      fc.property(money, money, money, (damage, value, offer) => {
        const suggestion = suggestMakeGood(basis(damage, value), DEFAULT_MAKE_GOOD_SIZING)
        const small = makeGoodFlags(offer, 'gift', suggestion).includes('too_small')
        expect(small).toBe(offer < suggestion.tooSmallBelowMinor)
      }),
    )
  })

  it('takes stored sizing over the defaults and refuses a negative share', () => {
    expect(parseMakeGoodSizing({ damageShare: 0.5 })).toEqual({
      ...DEFAULT_MAKE_GOOD_SIZING,
      damageShare: 0.5,
    })
    expect(() => parseMakeGoodSizing({ valueShare: -1 })).toThrow()
  })
})

describe('approval limits', () => {
  const offer = (valueMinor: number, kind: 'gift' | 'price_concession' = 'gift') => ({
    kind,
    valueMinor,
    currency: 'USD',
  })

  it('lets a rep approve up to the rep limit, a manager up to theirs, the VP anything', () => {
    expect(approvalRefusal('rep', offer(50_000), DEFAULT_APPROVAL_LIMITS, null)).toBeNull()
    expect(approvalRefusal('rep', offer(50_001), DEFAULT_APPROVAL_LIMITS, null)).toContain(
      'rep limit',
    )
    expect(approvalRefusal('manager', offer(500_000), DEFAULT_APPROVAL_LIMITS, null)).toBeNull()
    expect(approvalRefusal('manager', offer(500_001), DEFAULT_APPROVAL_LIMITS, null)).toContain(
      'manager limit',
    )
    expect(approvalRefusal('vp', offer(1e12), DEFAULT_APPROVAL_LIMITS, null)).toBeNull()
    expect(approvalRefusal('analyst', offer(1), DEFAULT_APPROVAL_LIMITS, null)).not.toBeNull()
  })

  it('needs the VP and a written reason for any price concession', () => {
    expect(
      approvalRefusal(
        'manager',
        offer(1, 'price_concession'),
        DEFAULT_APPROVAL_LIMITS,
        'a long enough reason',
      ),
    ).toContain('VP')
    expect(
      approvalRefusal(
        'admin',
        offer(1, 'price_concession'),
        DEFAULT_APPROVAL_LIMITS,
        'a long enough reason',
      ),
    ).toContain('VP')
    expect(
      approvalRefusal('vp', offer(1, 'price_concession'), DEFAULT_APPROVAL_LIMITS, ' '),
    ).toContain('reason')
    expect(
      approvalRefusal(
        'vp',
        offer(1, 'price_concession'),
        DEFAULT_APPROVAL_LIMITS,
        'match the competitor',
      ),
    ).toBeNull()
  })

  it('is monotone: whoever may approve an amount may approve any smaller one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('rep', 'manager', 'vp', 'admin' as const),
        money,
        money,
        (role, a, b) => {
          const [low, high] = a < b ? [a, b] : [b, a]
          if (approvalRefusal(role, offer(high), DEFAULT_APPROVAL_LIMITS, null) === null) {
            expect(approvalRefusal(role, offer(low), DEFAULT_APPROVAL_LIMITS, null)).toBeNull()
          }
        },
      ),
    )
  })

  it('refuses a fractional or negative limit', () => {
    expect(() => parseApprovalLimits({ rep: -1 })).toThrow()
    expect(() => parseApprovalLimits({ manager: 1.5 })).toThrow()
    expect(parseApprovalLimits({ vp: 10 })).toEqual({ ...DEFAULT_APPROVAL_LIMITS, vp: 10 })
  })

  it('lets a manager decide on their team’s cases and a rep on their own only', () => {
    const participants = { ownerId: 2, repIds: [3], interviewerId: null, accountOwnerId: 3 }
    const manager = { userId: 2, role: 'manager' as const, teamUserIds: new Set([2, 3]) }
    const otherManager = { userId: 9, role: 'manager' as const, teamUserIds: new Set([9]) }
    const rep = { userId: 3, role: 'rep' as const, teamUserIds: new Set([3]) }
    const otherRep = { userId: 4, role: 'rep' as const, teamUserIds: new Set([4]) }
    expect(canApproveOnCase(manager, participants)).toBe(true)
    expect(canApproveOnCase(otherManager, participants)).toBe(false)
    expect(canApproveOnCase(rep, participants)).toBe(true)
    expect(canApproveOnCase(otherRep, participants)).toBe(false)
  })
})
