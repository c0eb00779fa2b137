import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BountyRule } from './bounty.js'
import { bountyShares, capped, multiplierBounty } from './bounty.js'
import { type CaseOrder, planCaseEarnings, type WonCase } from './bounty-accrual.js'

const RULE: BountyRule = {
  id: 1,
  name: 'double',
  fixedMinor: 10_000,
  multiplier: 2,
  months: 3,
  capMinor: null,
  managerShare: 0.5,
  effectiveFrom: '2024-01-01',
  active: true,
}
const WON: WonCase = { caseId: 7, customerId: 'C-1', wonOn: '2024-07-01', ownerId: 1, repIds: [2] }
const RATES = new Map([
  [1, 0.05],
  [2, 0.1],
])
const order = (
  orderId: number,
  orderedOn: string,
  amountMinor: number,
  counts = true,
): CaseOrder => ({
  orderId,
  orderedOn,
  amountMinor,
  counts,
})

describe('bounty rules', () => {
  it('pays the extra part of the multiplied commission: (m − 1) × rate × revenue × share', () => {
    expect(multiplierBounty(2, 0.05, 100_000, 0.5)).toBe(2_500)
    expect(multiplierBounty(1, 0.05, 100_000, 1)).toBe(0)
    expect(multiplierBounty(2, 0.05, -100_000, 1)).toBe(-5_000)
  })

  it('splits between the manager and the reps so the shares sum to one', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 2, max: 50 }), { maxLength: 6 }),
        (share, reps) => {
          const total = [...bountyShares(1, reps, share).values()].reduce((a, b) => a + b, 0)
          expect(total).toBeCloseTo(1, 9)
        },
      ),
    )
    expect(bountyShares(1, [], 0.3)).toEqual(new Map([[1, 1]]))
  })

  it('never lets a capped credit take the holder past the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        (credit, held, cap) => {
          const paid = capped(credit, held, cap)
          expect(paid).toBeGreaterThanOrEqual(0)
          expect(paid).toBeLessThanOrEqual(credit)
          if (held <= cap) {
            expect(held + paid).toBeLessThanOrEqual(cap)
          }
        },
      ),
    )
  })
})

describe('planning a case’s earnings', () => {
  const orders = [
    order(10, '2024-06-30', 50_000),
    order(11, '2024-07-02', 100_000),
    order(12, '2024-10-01', 100_000),
  ]

  it('credits the fixed bounty at the first order after the win and the multiplier within N months', () => {
    const plan = planCaseEarnings(WON, RULE, orders, RATES, [])
    expect(plan.map((line) => [line.userId, line.orderId, line.kind, line.amountMinor])).toEqual([
      [1, 11, 'fixed', 5_000],
      [1, 11, 'multiplier', 2_500],
      [2, 11, 'fixed', 5_000],
      [2, 11, 'multiplier', 5_000],
    ])
  })

  it('is idempotent: planning again over what was booked adds nothing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 200 }),
            fc.integer({ min: -50_000, max: 500_000 }),
            fc.boolean(),
          ),
          { maxLength: 12 },
        ),
        (raw) => {
          const some = raw.map(([day, amount, counts], index) => {
            const on = new Date(Date.UTC(2024, 5, 1) + day * 86_400_000).toISOString().slice(0, 10)
            return order(index + 1, on, amount, counts)
          })
          const first = planCaseEarnings(WON, RULE, some, RATES, [])
          expect(planCaseEarnings(WON, RULE, some, RATES, first)).toEqual([])
        },
      ),
    )
  })

  it('reverses a credited order once it is refunded or removed, exactly once', () => {
    const booked = planCaseEarnings(WON, RULE, orders, RATES, [])
    const refunded = [orders[0], order(11, '2024-07-02', 100_000, false), orders[2]].filter(
      (one) => one !== undefined,
    )
    const reversals = planCaseEarnings(WON, RULE, refunded, RATES, booked)
    expect(reversals.every((line) => line.entry === 'reversal')).toBe(true)
    expect(reversals.reduce((sum, line) => sum + line.amountMinor, 0)).toBe(-17_500)
    expect(planCaseEarnings(WON, RULE, refunded, RATES, [...booked, ...reversals])).toEqual([])
    const removed = planCaseEarnings(WON, RULE, [], RATES, booked)
    expect(removed).toHaveLength(4)
  })

  it('leaves a case won before the rule took effect, or an inactive rule, alone', () => {
    expect(planCaseEarnings({ ...WON, wonOn: '2023-12-31' }, RULE, orders, RATES, [])).toEqual([])
    expect(planCaseEarnings(WON, { ...RULE, active: false }, orders, RATES, [])).toEqual([])
  })
})
