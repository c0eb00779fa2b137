import { describe, expect, it } from 'vitest'
import { DEFAULT_ANALYSIS_SETTINGS } from './analysis-settings.js'
import {
  explainCustomerScore,
  explainDealScore,
  formatMoney,
  formatPercent,
} from './explanation.js'
import type { LapseVerdict } from './lapse-status.js'
import {
  clvMinor,
  dealValueIfWonBackMinor,
  expectedValueMinor,
  pastOrderRatePerDay,
  valueIfWonBackMinor,
  winBackProbability,
} from './win-back-value.js'

const settings = DEFAULT_ANALYSIS_SETTINGS.value

describe('value if won back', () => {
  it('is a year of orders at their own rate times their spend per order', () => {
    const ordersPerDay = pastOrderRatePerDay({ repeatOrders: 9, recencyDays: 360 })
    expect(ordersPerDay).toBeCloseTo(0.025, 12)
    expect(valueIfWonBackMinor({ ordersPerDay, spendPerOrderMinor: 4000 }, settings)).toBe(36_500)
  })

  it("shrinks the rate toward the population's with the model's Gamma prior", () => {
    // r = 0.25, alpha = 30 days: a one-time buyer gets r / alpha
    expect(
      pastOrderRatePerDay({ repeatOrders: 0, recencyDays: 0, rateShape: 0.25, rateScaleDays: 30 }),
    ).toBeCloseTo(0.25 / 30, 12)
    const heavy = pastOrderRatePerDay({
      repeatOrders: 100,
      recencyDays: 1000,
      rateShape: 0.25,
      rateScaleDays: 30,
    })
    expect(heavy).toBeGreaterThan(0.09)
    expect(heavy).toBeLessThan(0.1)
  })

  it('annualises a recurring lost deal and keeps a one-off deal at its value', () => {
    expect(dealValueIfWonBackMinor({ valueMinor: 1000, recurring: true }, settings)).toBe(12_000)
    expect(dealValueIfWonBackMinor({ valueMinor: 1000, recurring: false }, settings)).toBe(1000)
  })
})

describe('CLV', () => {
  it('discounts each month of expected orders at the monthly equivalent of the yearly rate', () => {
    const clv = clvMinor(
      { cumulativeOrders: (months) => months, spendPerOrderMinor: 1000 },
      settings,
    )
    const monthly = 1.1 ** (1 / 12) - 1
    let expected = 0
    for (let month = 1; month <= 12; month += 1) {
      expected += 1000 / (1 + monthly) ** month
    }
    expect(clv).toBe(Math.round(expected))
    expect(clv).toBeLessThan(12_000)
  })
})

describe('win-back probability and expected value', () => {
  it('uses 30 % for ex-customers and the company conversion once there are 30 closed deals', () => {
    expect(winBackProbability({ kind: 'customer' }, settings)).toEqual({
      probability: 0.3,
      basis: 'ex_customer_prior',
    })
    expect(winBackProbability({ kind: 'deal', wonDeals: 12, closedDeals: 40 }, settings)).toEqual({
      probability: 0.3,
      basis: 'company_deal_conversion',
    })
    expect(winBackProbability({ kind: 'deal', wonDeals: 12, closedDeals: 29 }, settings)).toEqual({
      probability: 0.1,
      basis: 'deal_fallback_prior',
    })
  })

  it('is P(win back) times value, less a cost only when one is known, and says which terms it used', () => {
    expect(expectedValueMinor({ probability: 0.3, valueIfWonBackMinor: 10_000 })).toEqual({
      valueMinor: 3000,
      terms: ['win_back_probability', 'value_if_won_back'],
    })
    expect(
      expectedValueMinor({ probability: 0.3, valueIfWonBackMinor: 10_000, expectedCostMinor: 500 }),
    ).toEqual({
      valueMinor: 2500,
      terms: ['win_back_probability', 'value_if_won_back', 'expected_cost'],
    })
    expect(expectedValueMinor({ probability: Number.NaN, valueIfWonBackMinor: 1 }).valueMinor).toBe(
      0,
    )
  })
})

describe('explanations', () => {
  it('says how they bought, how long it has been, how sure we are and what they are worth', () => {
    const verdict: LapseVerdict = {
      status: 'lost',
      rule: 'probability_alive_below_lost',
      lostSinceDay: 1100,
      tooLittleHistory: false,
    }
    const explanation = explainCustomerScore(
      {
        asOfDay: 2000,
        firstOrderDay: 2000 - 212 - 1096,
        lastOrderDay: 2000 - 212,
        purchaseDays: 27,
        medianGapDays: 41,
        probabilityAlive: 0.08,
        expectedNextOrderDay: 2000 - 171,
        contractEndDay: null,
        verdict,
        valueIfWonBackMinor: 1_421_234,
        wonBackHorizonDays: 365,
        winBack: { probability: 0.3, basis: 'ex_customer_prior' },
        expectedValue: {
          valueMinor: 426_370,
          terms: ['win_back_probability', 'value_if_won_back'],
        },
        currency: 'USD',
      },
      DEFAULT_ANALYSIS_SETTINGS.lapse,
    )
    expect(explanation.history).toBe(
      'bought every 41 days for 3 years (27 purchase days), nothing for 212 days',
    )
    expect(explanation.status).toBe('92 % likely gone (P(alive) below 30 %)')
    expect(explanation.value).toBe('worth about $14,200 a year if won back')
    expect(explanation.sentence).toContain('30 % chance to win back (the prior for ex-customers)')
    expect(explanation.expectedValue).toContain('no cost counted yet')
  })

  it('explains a lost deal with its competitor and the fallback prior', () => {
    const explanation = explainDealScore({
      name: 'Fleet renewal',
      valueIfWonBackMinor: 1_200_000,
      recurring: true,
      closedOn: '2024-02-01',
      lostReason: 'price',
      competitor: 'Acme',
      winBack: { probability: 0.1, basis: 'deal_fallback_prior' },
      expectedValue: { valueMinor: 120_000, terms: ['win_back_probability', 'value_if_won_back'] },
      currency: 'EUR',
    })
    expect(explanation.history).toBe('lost deal "Fleet renewal" on 2024-02-01 to Acme (price)')
    expect(explanation.value).toBe('worth about €12,000 a year if won back (recurring, annualised)')
  })

  it('never prints 100 % or 0 % for a probability strictly between, and formats yen without decimals', () => {
    expect(formatPercent(0.9999)).toBe('over 99 %')
    expect(formatPercent(0.001)).toBe('under 1 %')
    expect(formatMoney(123_456, 'JPY')).toBe('¥123,000')
  })
})
