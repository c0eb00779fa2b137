import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Role } from '../api/contract-types.js'
import { approvalStanding, liveFlags, type MakeGoodKindName } from './make-good-rules.js'

const kinds = fc.constantFrom<MakeGoodKindName>(
  'service_credit',
  'free_work',
  'extended_warranty',
  'gift',
  'price_concession',
)
const roles = fc.constantFrom<Role>('admin', 'vp', 'manager', 'rep', 'analyst')
const amount = fc.integer({ min: 1, max: 10 ** 10 })
const limit = fc.option(fc.integer({ min: 0, max: 10 ** 9 }), { nil: null })
const limits = fc.record({ rep: limit, manager: limit, vp: limit })

describe('liveFlags (the form’s warnings while typing)', () => {
  it('flags too small exactly below the bound, too large exactly above it, and every price concession', () => {
    fc.assert(
      fc.property(
        amount,
        kinds,
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.option(fc.integer({ min: 0, max: 10 ** 10 }), { nil: null }),
        (value, kind, small, large) => {
          const flags = liveFlags(value, kind, {
            tooSmallBelowMinor: small,
            tooLargeAboveMinor: large,
          })
          expect(flags.includes('too_small')).toBe(value < small)
          expect(flags.includes('too_large')).toBe(large !== null && value > large)
          expect(flags.includes('price_concession')).toBe(kind === 'price_concession')
        },
      ),
    )
  })

  it('says nothing about size before a value is typed', () => {
    expect(liveFlags(null, 'gift', { tooSmallBelowMinor: 60_000, tooLargeAboveMinor: 10 })).toEqual(
      [],
    )
  })
})

describe('approvalStanding (which buttons the case page shows)', () => {
  it('shows approve to the VP alone for a price concession, and to others only within their limit', () => {
    fc.assert(
      fc.property(roles, kinds, amount, limits, (role, kind, valueMinor, set) => {
        const standing = approvalStanding(role, { kind, valueMinor }, set)
        if (kind === 'price_concession') {
          expect(standing.kind).toBe(role === 'vp' ? 'may' : 'needs')
          return
        }
        if (role === 'analyst') {
          expect(standing.kind).toBe('none')
          return
        }
        const own = role === 'rep' ? set.rep : role === 'manager' ? set.manager : set.vp
        expect(standing.kind).toBe(own === null || valueMinor <= own ? 'may' : 'needs')
      }),
    )
  })

  it('is monotone: whoever may approve an offer may approve any smaller one of the same kind', () => {
    fc.assert(
      fc.property(roles, kinds, amount, amount, limits, (role, kind, a, b, set) => {
        const [small, big] = a <= b ? [a, b] : [b, a]
        if (approvalStanding(role, { kind, valueMinor: big }, set).kind === 'may') {
          expect(approvalStanding(role, { kind, valueMinor: small }, set).kind).toBe('may')
        }
      }),
    )
  })

  it('sends a rep’s offer above the rep limit to a manager when the manager limit covers it, else to the VP', () => {
    const set = { rep: 50_000, manager: 500_000, vp: null }
    expect(approvalStanding('rep', { kind: 'gift', valueMinor: 60_000 }, set)).toEqual({
      kind: 'needs',
      who: 'manager or VP',
    })
    expect(approvalStanding('rep', { kind: 'gift', valueMinor: 600_000 }, set)).toEqual({
      kind: 'needs',
      who: 'VP',
    })
    expect(approvalStanding('manager', { kind: 'free_work', valueMinor: 600_000 }, set)).toEqual({
      kind: 'needs',
      who: 'VP',
    })
  })
})
