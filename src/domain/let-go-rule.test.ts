import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LET_GO_RULE, letGoFindings, parseLetGoRule } from './let-go-rule.js'

const counts = fc
  .record({
    orders: fc.integer({ min: 0, max: 50 }),
    bad: fc.integer({ min: 0, max: 50 }),
    incidents: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ orders, bad, incidents }) => ({
    orders,
    refundedOrCancelled: Math.min(bad, orders),
    incidents,
  }))
const rules = fc.record({
  windowDays: fc.integer({ min: 30, max: 730 }),
  minIncidents: fc.integer({ min: 1, max: 10 }),
  minRefundShare: fc.double({ min: 0.05, max: 1, noNaN: true }),
  minOrdersForShare: fc.integer({ min: 1, max: 10 }),
})

describe('the let-go rule', () => {
  it('suggests exactly the customers at or over a threshold, and names each rule that fired', () => {
    fc.assert(
      fc.property(counts, rules, (facts, rule) => {
        const findings = letGoFindings(facts, rule)
        const tooMany = facts.incidents >= rule.minIncidents
        const share = facts.orders === 0 ? 0 : facts.refundedOrCancelled / facts.orders
        const undone = facts.orders >= rule.minOrdersForShare && share >= rule.minRefundShare
        expect(findings.length > 0).toBe(tooMany || undone)
        expect(findings.some((f) => f.reason === 'too_many_incidents')).toBe(tooMany)
        expect(findings.some((f) => f.reason === 'unprofitable')).toBe(undone)
        for (const finding of findings) {
          expect(finding.rule).toContain('(rule:')
        }
      }),
      { numRuns: 2_000 },
    )
  })

  it('is monotone: more incidents never take a suggestion away', () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 1, max: 5 }), (facts, extra) => {
        const before = letGoFindings(facts, DEFAULT_LET_GO_RULE).length > 0
        const after =
          letGoFindings({ ...facts, incidents: facts.incidents + extra }, DEFAULT_LET_GO_RULE)
            .length > 0
        expect(!before || after).toBe(true)
      }),
    )
  })

  it('reads stored thresholds over the defaults and refuses a share above 1', () => {
    expect(parseLetGoRule({ minIncidents: 5 })).toEqual({ ...DEFAULT_LET_GO_RULE, minIncidents: 5 })
    expect(() => parseLetGoRule({ minRefundShare: 1.5 })).toThrow()
  })
})
