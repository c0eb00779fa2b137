import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PRIVACY_SETTINGS,
  outreachRefusal,
  parsePrivacySettings,
  privacyCutoffs,
  yearsBefore,
} from './privacy.js'

const day = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2090-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10))

describe('yearsBefore', () => {
  it('is a real day exactly N calendar years earlier, never later than the law allows', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 50 }), (today, years) => {
        const before = yearsBefore(today, years)
        expect(new Date(`${before}T00:00:00Z`).toISOString().slice(0, 10)).toBe(before)
        expect(Number(before.slice(0, 4))).toBe(Number(today.slice(0, 4)) - years)
        expect(before.slice(5, 7)).toBe(today.slice(5, 7))
        // only 29 February moves, to the 28th
        const sameDay = before.slice(8) === today.slice(8)
        expect(sameDay || (today.endsWith('-02-29') && before.endsWith('-02-28'))).toBe(true)
        expect(before <= today).toBe(true)
      }),
    )
  })

  it('handles the leap day', () => {
    expect(yearsBefore('2024-02-29', 2)).toBe('2022-02-28')
    expect(yearsBefore('2024-02-29', 4)).toBe('2020-02-29')
  })
})

describe('outreachRefusal', () => {
  const cutoffs = privacyCutoffs(new Date('2026-11-23T10:00:00Z'), DEFAULT_PRIVACY_SETTINGS)

  it('uses CASL’s two years for implied consent and three years of retention by default', () => {
    expect(cutoffs).toEqual({ impliedBefore: '2024-11-23', retainedBefore: '2023-11-23' })
    const implied = { lawfulBasis: 'legitimate_interest', consent: false, lastOrderOn: null }
    expect(outreachRefusal({ ...implied, basisOn: '2024-11-23' }, cutoffs)).toBeNull()
    expect(outreachRefusal({ ...implied, basisOn: '2024-11-22' }, cutoffs)).toBe(
      'past_implied_consent',
    )
    expect(outreachRefusal({ ...implied, basisOn: '2023-11-22' }, cutoffs)).toBe('past_retention')
    const consent = { lawfulBasis: 'consent', consent: true, lastOrderOn: null }
    expect(outreachRefusal({ ...consent, basisOn: '2024-01-01' }, cutoffs)).toBeNull()
    expect(outreachRefusal({ ...consent, basisOn: '2023-11-22' }, cutoffs)).toBe('past_retention')
    expect(outreachRefusal({ ...consent, consent: false, basisOn: null }, cutoffs)).toBe(
      'no_consent',
    )
  })

  it('is monotone: older evidence is never more lawful, and no basis is always refused', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(null, '', 'consent', 'legitimate_interest'),
        fc.boolean(),
        day,
        day,
        (lawfulBasis, consent, newer, older) => {
          const [late, early] = newer >= older ? [newer, older] : [older, newer]
          const at = (basisOn: string) =>
            outreachRefusal({ lawfulBasis, consent, basisOn, lastOrderOn: null }, cutoffs)
          if (at(late) !== null) {
            expect(at(early)).not.toBeNull()
          }
          if (lawfulBasis === null || lawfulBasis === '') {
            expect(at(late)).toBe('no_lawful_basis')
          }
          // the later of basis date and last order counts: an order can only help
          expect(
            outreachRefusal({ lawfulBasis, consent, basisOn: early, lastOrderOn: late }, cutoffs),
          ).toBe(at(late))
        },
      ),
    )
  })
})

describe('parsePrivacySettings', () => {
  it('fills defaults and names a bad field', () => {
    expect(parsePrivacySettings({ retentionYears: 5 })).toEqual({
      impliedConsentYears: 2,
      retentionYears: 5,
    })
    expect(() => parsePrivacySettings({ impliedConsentYears: 0 })).toThrow(
      /^privacy\.impliedConsentYears must be a whole number/,
    )
  })
})
