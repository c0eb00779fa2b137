import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../domain/case-dates.js'
import { type ChurnFacts, churnRate } from './churn-rate.js'
import type { CaseRecord } from './facts.js'
import { periodOf } from './period.js'
import { quartilesOf } from './quartiles.js'
import { rateOf } from './rate.js'
import { winBackRate } from './win-back-rate.js'

const counts = fc
  .integer({ min: 1, max: 5_000 })
  .chain((of) => fc.tuple(fc.integer({ min: 0, max: of }), fc.constant(of)))

describe('rateOf (Wilson 1927 interval)', () => {
  it('keeps 0 ≤ lower ≤ rate ≤ upper ≤ 1 for every count', () => {
    fc.assert(
      fc.property(counts, ([count, of]) => {
        const rate = rateOf(count, of)
        expect(rate.rate).toBe(count / of)
        const { lower, upper } = rate
        expect(lower).not.toBeNull()
        expect(0).toBeLessThanOrEqual(lower ?? -1)
        expect(lower ?? 2).toBeLessThanOrEqual(rate.rate ?? -1)
        expect(rate.rate ?? 2).toBeLessThanOrEqual(upper ?? -1)
        expect(upper ?? 2).toBeLessThanOrEqual(1)
      }),
    )
  })

  it('narrows as the same share is seen on more cases', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 10 }), (n, k) => {
        fc.pre(k <= n)
        const small = rateOf(k, n)
        const large = rateOf(k * 10, n * 10)
        const width = (rate: typeof small) => (rate.upper ?? 0) - (rate.lower ?? 0)
        expect(width(large)).toBeLessThan(width(small))
      }),
    )
  })

  it('has no rate and no interval for nothing counted', () => {
    expect(rateOf(0, 0)).toEqual({ count: 0, of: 0, rate: null, lower: null, upper: null })
  })
})

const PERIOD = { from: '2024-01-01', to: '2024-12-31' }
const STAGES = ['won_back', 'not_compatible', 'let_go', 'identified', 'resting', 'approached']
const caseRecord = fc
  .record({
    stage: fc.constantFrom(...STAGES),
    endOffset: fc.option(fc.integer({ min: -400, max: 800 }), { nil: null }),
  })
  .map(
    ({ stage, endOffset }): CaseRecord => ({
      case_id: 1,
      customer_id: 'C-1',
      stage,
      opened_on: '2023-06-01',
      ended_on: endOffset === null ? null : addDays(PERIOD.from, endOffset),
      owner_id: 1,
      tags: { manager: ['1'], rep: [''], reason: [''], segment: [''] },
    }),
  )

describe('winBackRate (SPEC: won ÷ ended cases)', () => {
  it('equals won ÷ ended over random case sets, counting only endings inside the period', () => {
    fc.assert(
      fc.property(fc.array(caseRecord, { maxLength: 60 }), (cases) => {
        const ended = cases.filter(
          (row) =>
            ['won_back', 'not_compatible', 'let_go'].includes(row.stage) &&
            row.ended_on !== null &&
            row.ended_on >= PERIOD.from &&
            row.ended_on <= PERIOD.to,
        )
        const won = ended.filter((row) => row.stage === 'won_back').length
        const rate = winBackRate(cases, PERIOD)
        expect([rate.count, rate.of]).toEqual([won, ended.length])
        expect(rate.rate).toBe(ended.length === 0 ? null : won / ended.length)
      }),
    )
  })
})

describe('quartilesOf (Hyndman & Fan 1996, definition 7)', () => {
  it('orders min ≤ q1 ≤ median ≤ q3 ≤ max and hits the middle value of an odd list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1 }), (days) => {
        const sorted = [...days].sort((a, b) => a - b)
        const q = quartilesOf(days)
        expect(q.count).toBe(days.length)
        expect(sorted[0] ?? 0).toBeLessThanOrEqual(q.q1 ?? -1)
        expect(q.q1 ?? 0).toBeLessThanOrEqual(q.median ?? -1)
        expect(q.median ?? 0).toBeLessThanOrEqual(q.q3 ?? -1)
        expect(q.q3 ?? 0).toBeLessThanOrEqual(sorted.at(-1) ?? -1)
        if (days.length % 2 === 1) {
          expect(q.median).toBe(sorted[(days.length - 1) / 2])
        }
      }),
    )
  })
})

describe('periodOf', () => {
  it('defaults to the twelve months that end on the day given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (offset) => {
        const today = addDays('1990-01-01', offset)
        const period = periodOf({}, today)
        expect(period.to).toBe(today)
        const yearBefore = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`
        // a year earlier, plus one day (29 February a year back is 1 March's eve)
        expect(period.from > addDays(yearBefore, -1) || today.endsWith('02-29')).toBe(true)
        expect(period.from <= addDays(yearBefore, 1)).toBe(true)
      }),
    )
  })

  it('names the field of a bad date', () => {
    expect(() => periodOf({ from: '2024-02-30' }, '2024-06-30')).toThrow(/^from: no such day/)
    expect(() => periodOf({ to: '30/06/2024' }, '2024-06-30')).toThrow(/^to: expected a date/)
  })
})

describe('churnRate', () => {
  const tags = { manager: ['1'], rep: [''], reason: null, segment: ['Retail'] }
  const facts = (lost: number, active: number): ChurnFacts => ({
    endRunAsOf: '2024-06-30',
    basis: 'estimate',
    becameLost: [{ count: lost, tags }],
    activeAtStart: active === 0 ? [] : [{ count: active, tags }],
  })

  it('is lost ÷ active, with no rate (never Infinity) when no one was active at the start', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), (lost, active) => {
        const rate = churnRate(facts(lost, active), null)
        expect([rate.count, rate.of]).toEqual([lost, active])
        expect(rate.rate).toBe(active === 0 ? null : lost / active)
      }),
    )
  })

  it('does not apply to reasons: no customer counts in a reason group', () => {
    const rate = churnRate(facts(3, 9), { dimension: 'reason', key: '' })
    expect([rate.count, rate.of, rate.rate]).toEqual([0, 0, null])
  })
})
