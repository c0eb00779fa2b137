import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  groupedTallies,
  type LossItem,
  pareto,
  reasonTrend,
  splitRevenue,
} from './reason-lessons.js'

const item = (
  reasonCodes: string[],
  lostRevenueMinor: number,
  extra: Partial<LossItem> = {},
): LossItem => ({
  reasonCodes,
  lostRevenueMinor,
  lostOn: '2024-02-10',
  segment: 'Enterprise',
  territory: 'North',
  repId: 1,
  ...extra,
})

const lossItems = fc.array(
  fc.record({
    reasonCodes: fc.uniqueArray(fc.constantFrom('price', 'delivery', 'billing', 'service'), {
      minLength: 1,
    }),
    lostRevenueMinor: fc.integer({ min: 0, max: 10_000_000 }),
    lostOn: fc.constantFrom('2023-12-31', '2024-01-01', '2024-05-05', null),
    segment: fc.constantFrom('Enterprise', null),
    territory: fc.constantFrom('North', 'South'),
    repId: fc.constantFrom(1, 2, null),
  }),
)

describe('golden lessons arithmetic', () => {
  it('splits a loss’s revenue between its reasons so the parts add up exactly', () => {
    expect(splitRevenue(100, 3)).toEqual([34, 33, 33])
    expect(splitRevenue(-5, 2)).toEqual([-3, -2])
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 1, max: 12 }),
        (revenue, parts) => {
          const split = splitRevenue(revenue, parts)
          expect(split.reduce((sum, part) => sum + part, 0)).toBe(revenue)
          expect(Math.max(...split) - Math.min(...split)).toBeLessThanOrEqual(1)
        },
      ),
    )
  })

  it('ranks by count and by revenue with shares and running totals', () => {
    const items = [item(['price'], 100), item(['price', 'delivery'], 60), item(['delivery'], 10)]
    expect(pareto(items, 'count').map((row) => [row.code, row.count, row.countShare])).toEqual([
      ['delivery', 2, 0.5],
      ['price', 2, 0.5],
    ])
    const byRevenue = pareto(items, 'revenue')
    expect(byRevenue.map((row) => [row.code, row.revenueMinor])).toEqual([
      ['price', 130],
      ['delivery', 40],
    ])
    expect(byRevenue[0]?.cumulativeRevenueShare).toBeCloseTo(130 / 170)
    expect(byRevenue[1]?.cumulativeRevenueShare).toBeCloseTo(1)
  })

  it('keeps every Pareto consistent: sorted, revenue adds up to what was lost, running shares end at 1', () => {
    fc.assert(
      fc.property(lossItems, fc.constantFrom('count' as const, 'revenue' as const), (items, by) => {
        const rows = pareto(items, by)
        const key = by === 'count' ? 'count' : 'revenueMinor'
        for (let index = 1; index < rows.length; index += 1) {
          expect((rows[index - 1] as (typeof rows)[number])[key]).toBeGreaterThanOrEqual(
            (rows[index] as (typeof rows)[number])[key],
          )
        }
        const lost = items.reduce((sum, loss) => sum + loss.lostRevenueMinor, 0)
        expect(rows.reduce((sum, row) => sum + row.revenueMinor, 0)).toBe(lost)
        const citations = items.reduce((sum, loss) => sum + loss.reasonCodes.length, 0)
        expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(citations)
        if (citations > 0) {
          expect(rows.at(-1)?.cumulativeCountShare).toBeCloseTo(1)
        }
      }),
    )
  })

  it('groups by any key and by period, leaving undated losses out of the trend', () => {
    const items = [
      item(['price'], 10, { territory: 'South', lostOn: '2024-04-01' }),
      item(['price'], 20, { territory: null, lostOn: null }),
    ]
    expect(groupedTallies(items, (loss) => loss.territory)).toEqual([
      { group: '(none)', code: 'price', count: 1, revenueMinor: 20 },
      { group: 'South', code: 'price', count: 1, revenueMinor: 10 },
    ])
    expect(reasonTrend(items, 'month')).toEqual([
      { group: '2024-04', code: 'price', count: 1, revenueMinor: 10 },
    ])
  })

  it('tallies every group to the same totals as the whole', () => {
    fc.assert(
      fc.property(lossItems, (items) => {
        const whole = pareto(items, 'count').reduce((sum, row) => sum + row.count, 0)
        const grouped = groupedTallies(items, (loss) => loss.territory).reduce(
          (sum, row) => sum + row.count,
          0,
        )
        expect(grouped).toBe(whole)
      }),
    )
  })
})
