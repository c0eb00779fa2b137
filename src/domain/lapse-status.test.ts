import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_ANALYSIS_SETTINGS, parseAnalysisSettings } from './analysis-settings.js'
import { classifyLapse, firstDayBelow, type LapseFacts } from './lapse-status.js'

const thresholds = DEFAULT_ANALYSIS_SETTINGS.lapse

function facts(overrides: Partial<LapseFacts>): LapseFacts {
  return {
    asOfDay: 1000,
    lastOrderDay: 990,
    repeatOrders: 5,
    medianGapDays: 30,
    probabilityAlive: 0.9,
    expectedNextOrderDay: 1020,
    contract: null,
    ...overrides,
  }
}

describe('classifyLapse', () => {
  it('calls a one-time buyer who vanished two years ago lost by the 6-month rule, even if a model says alive', () => {
    const verdict = classifyLapse(
      facts({
        lastOrderDay: 1000 - 730,
        repeatOrders: 0,
        medianGapDays: null,
        probabilityAlive: 1,
      }),
      thresholds,
    )
    expect(verdict).toEqual({
      status: 'lost',
      rule: 'six_month_rule',
      lostSinceDay: 1000 - 730 + 182,
      tooLittleHistory: true,
    })
  })

  it('keeps a customer with one repeat order active within 6 months and says the history is too short', () => {
    const verdict = classifyLapse(
      facts({ lastOrderDay: 900, repeatOrders: 1, probabilityAlive: 0.05 }),
      thresholds,
    )
    expect(verdict.status).toBe('active')
    expect(verdict.rule).toBe('six_month_rule_recent')
    expect(verdict.tooLittleHistory).toBe(true)
  })

  it('calls a customer lost when P(alive) is below 0.3 and dates it where P(alive) crossed', () => {
    const verdict = classifyLapse(
      facts({
        lastOrderDay: 900,
        probabilityAlive: 0.2,
        probabilityAliveCrossing: (threshold, maxDays) =>
          firstDayBelow((days) => 1 - days / 100, threshold, maxDays),
      }),
      thresholds,
    )
    expect(verdict.status).toBe('lost')
    expect(verdict.rule).toBe('probability_alive_below_lost')
    expect(verdict.lostSinceDay).toBe(900 + 71)
  })

  it('calls a customer lost after 6 months and more than 3 times their gap, dated when both held', () => {
    const verdict = classifyLapse(
      facts({ lastOrderDay: 700, medianGapDays: 70, probabilityAlive: 0.6 }),
      thresholds,
    )
    expect(verdict).toMatchObject({ status: 'lost', rule: 'no_order_for_long_past_gap' })
    expect(verdict.lostSinceDay).toBe(700 + 211)
  })

  it('does not call a customer lost after 6 months while within 3 times their long gap', () => {
    const verdict = classifyLapse(
      facts({ lastOrderDay: 700, medianGapDays: 120, probabilityAlive: 0.8 }),
      thresholds,
    )
    expect(verdict).toMatchObject({ status: 'lapsed', rule: 'past_lapsed_gap', lostSinceDay: null })
  })

  it('walks down lapsed, at risk and active by P(alive) and the expected next order', () => {
    expect(classifyLapse(facts({ probabilityAlive: 0.45 }), thresholds).rule).toBe(
      'probability_alive_below_lapsed',
    )
    expect(classifyLapse(facts({ probabilityAlive: 0.65 }), thresholds).rule).toBe(
      'probability_alive_below_at_risk',
    )
    expect(classifyLapse(facts({ expectedNextOrderDay: 995 }), thresholds).rule).toBe(
      'past_expected_next_order',
    )
    expect(classifyLapse(facts({}), thresholds)).toMatchObject({
      status: 'active',
      rule: 'no_rule_fired',
    })
  })

  it('calls a contract customer lost the day after a contract ended unrenewed', () => {
    const verdict = classifyLapse(
      facts({ lastOrderDay: 950, contract: { endDay: 960, renewed: false } }),
      thresholds,
    )
    expect(verdict).toMatchObject({
      status: 'lost',
      rule: 'contract_ended_unrenewed',
      lostSinceDay: 961,
    })
  })

  it('keeps a customer under a running contract active and lets later orders outrank an old contract', () => {
    expect(
      classifyLapse(facts({ contract: { endDay: 1100, renewed: false } }), thresholds).rule,
    ).toBe('contract_running')
    expect(
      classifyLapse(facts({ contract: { endDay: 900, renewed: false } }), thresholds).rule,
    ).toBe('no_rule_fired')
  })

  it('uses thresholds from settings', () => {
    const strict = parseAnalysisSettings({ lapse: { lostAfterDays: 30 } }).lapse
    const verdict = classifyLapse(
      facts({ lastOrderDay: 960, repeatOrders: 0, medianGapDays: null }),
      strict,
    )
    expect(verdict.status).toBe('lost')
    expect(() => parseAnalysisSettings({ lapse: { lostProbabilityAlive: 2 } })).toThrow()
  })

  it('always names a rule, and lost always has a lost-since day no later than the as-of date', () => {
    const arbitraryFacts = fc.record({
      daysSince: fc.integer({ min: 0, max: 2000 }),
      repeatOrders: fc.integer({ min: 0, max: 50 }),
      medianGapDays: fc.option(fc.double({ min: 0.5, max: 400, noNaN: true }), { nil: null }),
      probabilityAlive: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    })
    fc.assert(
      fc.property(arbitraryFacts, (sample) => {
        const verdict = classifyLapse(
          facts({
            lastOrderDay: 1000 - sample.daysSince,
            repeatOrders: sample.repeatOrders,
            medianGapDays: sample.medianGapDays,
            probabilityAlive: sample.probabilityAlive,
            expectedNextOrderDay: null,
          }),
          thresholds,
        )
        expect(verdict.rule.length).toBeGreaterThan(0)
        if (verdict.status === 'lost') {
          expect(verdict.lostSinceDay).not.toBeNull()
          expect(verdict.lostSinceDay ?? Infinity).toBeLessThanOrEqual(1000)
        } else {
          expect(verdict.lostSinceDay).toBeNull()
        }
        if (sample.daysSince >= 182 && sample.repeatOrders < 2) {
          expect(verdict.status).toBe('lost')
        }
      }),
    )
  })
})

describe('firstDayBelow', () => {
  it('finds the first whole day a falling curve is below the threshold', () => {
    expect(firstDayBelow((days) => Math.exp(-days / 50), 0.3, 500)).toBe(61)
    expect(firstDayBelow(() => 0.1, 0.3, 500)).toBe(0)
    expect(firstDayBelow(() => 0.9, 0.3, 500)).toBe(500)
  })
})
