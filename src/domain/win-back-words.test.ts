import { describe, expect, it } from 'vitest'
import { DEFAULT_ANALYSIS_SETTINGS } from './analysis-settings.js'
import { replaceWinBackWords } from './explanation.js'
import { expectedCostMinor, expectedValueMinor } from './win-back-value.js'
import { formatPoints } from './win-back-words.js'

describe('win-back words', () => {
  it('replaces only the chance and the expected value of an explanation, keeping the past', () => {
    const sentence =
      'bought every 30 days for 2 years, nothing for 200 days; lost: no order for 200 days; worth about $1,000 a year if won back; 30 % chance to win back (the prior for ex-customers); expected value about $300 (P(win back) × value if won back, no cost counted yet)'
    const expected = expectedValueMinor({
      probability: 0.42,
      valueIfWonBackMinor: 100_000,
      expectedCostMinor: 1000,
    })
    const replaced = replaceWinBackWords(
      sentence,
      {
        probability: 0.42,
        basis: 'ex_customer_prior',
        drivers: [{ factor: 'reasonFixed', points: 9.2 }],
        factors: {
          reasonGroup: 'price',
          reasonFixed: true,
          decisionMakerChanged: false,
          tenureYears: null,
          relativeValue: null,
          yearsSinceLoss: 0,
          incidents: 0,
          failedAttempts: 0,
        },
      },
      expected,
      'USD',
    )
    expect(replaced).toBe(
      'bought every 30 days for 2 years, nothing for 200 days; lost: no order for 200 days; worth about $1,000 a year if won back; 42 % chance to win back (the prior for ex-customers: price leaver whose reason is now fixed (+9 pts)); expected value about $410 (P(win back) × value if won back, less the expected cost)',
    )
  })

  it('signs points with a real minus and keeps a decimal below one point', () => {
    expect(formatPoints(9.4)).toBe('+9 pts')
    expect(formatPoints(-6.2)).toBe('−6 pts')
    expect(formatPoints(0.44)).toBe('+0.4 pts')
  })

  it('counts effort and a make-good share of the recorded damage as the expected cost', () => {
    const settings = {
      ...DEFAULT_ANALYSIS_SETTINGS.value,
      expectedCostEffortMinor: 2500,
      makeGoodShareOfDamage: 0.5,
    }
    expect(expectedCostMinor({ incidentCostMinor: 10_000 }, settings)).toBe(7500)
    expect(expectedCostMinor({ incidentCostMinor: -5 }, settings)).toBe(2500)
  })
})
