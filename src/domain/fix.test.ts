import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, addMonths, isIsoDate, periodOf } from './case-dates.js'
import { type FixTerms, fixCovers, fixIssues, type LossFacts, parseFixScope } from './fix.js'

const LOSS: LossFacts = {
  reasonIds: [6, 2],
  lostOn: '2024-01-10',
  segment: 'Enterprise',
  territory: 'North',
  losingRepId: 12,
}

const FIX: FixTerms = { reasonId: 6, scope: null, fixedOn: '2024-06-01' }

describe('what a fix covers', () => {
  it('covers a loss for its reason before its date, everywhere when unscoped', () => {
    expect(fixCovers(FIX, LOSS)).toBe(true)
    expect(fixCovers({ ...FIX, reasonId: 3 }, LOSS)).toBe(false)
    expect(fixCovers(FIX, { ...LOSS, lostOn: '2024-06-01' })).toBe(false)
    expect(fixCovers(FIX, { ...LOSS, lostOn: null })).toBe(false)
  })

  it('covers only its segment, territory or the losses of its rep', () => {
    expect(fixCovers({ ...FIX, scope: { kind: 'territory', value: 'North' } }, LOSS)).toBe(true)
    expect(fixCovers({ ...FIX, scope: { kind: 'territory', value: 'South' } }, LOSS)).toBe(false)
    expect(fixCovers({ ...FIX, scope: { kind: 'segment', value: 'Enterprise' } }, LOSS)).toBe(true)
    expect(fixCovers({ ...FIX, scope: { kind: 'rep', value: '12' } }, LOSS)).toBe(true)
    expect(
      fixCovers({ ...FIX, scope: { kind: 'rep', value: '13' } }, { ...LOSS, losingRepId: null }),
    ).toBe(false)
  })

  it('never covers a loss on or after its date, whatever the scope', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (days) => {
        expect(fixCovers(FIX, { ...LOSS, lostOn: addDays(FIX.fixedOn, days) })).toBe(false)
      }),
    )
  })

  it('reads scopes written kind:value and refuses anything else', () => {
    expect(parseFixScope('territory:North')).toEqual({ kind: 'territory', value: 'North' })
    expect(parseFixScope('segment:Small business')).toEqual({
      kind: 'segment',
      value: 'Small business',
    })
    expect(parseFixScope('region:North')).toMatchObject({ path: ['scope'] })
    expect(parseFixScope('rep:')).toMatchObject({ path: ['scope'] })
  })

  it('wants a real date no later than today and a note', () => {
    expect(fixIssues({ fixedOn: '2024-02-30', note: 'x' }, '2024-06-30')).toHaveLength(1)
    expect(fixIssues({ fixedOn: '2024-07-01', note: 'x' }, '2024-06-30')[0]?.message).toMatch(
      /already made/,
    )
    expect(
      fixIssues({ fixedOn: '2024-06-30', note: 'prices are now competitive' }, '2024-06-30'),
    ).toEqual([])
  })
})

describe('case dates', () => {
  it('moves by days and calendar months, clamping to the month’s end', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29')
    expect(addMonths('2024-03-15', -3)).toBe('2023-12-15')
  })

  it('keeps every date it makes a real date, and adding then removing days is the identity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: -2000, max: 2000 }),
        (start, days) => {
          const date = addDays('1990-01-01', start)
          expect(isIsoDate(date)).toBe(true)
          expect(addDays(addDays(date, days), -days)).toBe(date)
          expect(isIsoDate(addMonths(date, days % 50))).toBe(true)
        },
      ),
    )
  })

  it('names periods by month, quarter and year', () => {
    expect(periodOf('2024-05-17', 'month')).toBe('2024-05')
    expect(periodOf('2024-05-17', 'quarter')).toBe('2024-Q2')
    expect(periodOf('2024-12-31', 'quarter')).toBe('2024-Q4')
    expect(periodOf('2024-05-17', 'year')).toBe('2024')
  })
})
