import { describe, expect, it } from 'vitest'
import { readCdnowSummary } from '../../test-support/cdnow-summary.js'
import { expectClose } from '../../test-support/expect-close.js'
import { AnalyticsInputError } from '../errors.js'
import { scoreBgFamilyCustomers } from './bg-family-scores.js'
import { bgNbd } from './bg-nbd.js'
import { customerLifetimeValue } from './clv.js'
import { mbgNbd } from './mbg-nbd.js'

const cdnow = readCdnowSummary()
const weeksPerYear = 365.25 / 7
const discounting = { timeUnitsPerYear: weeksPerYear, horizonYears: 1, annualDiscountRate: 0.1 }

describe('scoreBgFamilyCustomers', () => {
  for (const model of [bgNbd, mbgNbd]) {
    it(`agrees customer by customer with the ${model.name} one-customer functions`, () => {
      const params = model.fit(cdnow).params
      const scores = scoreBgFamilyCustomers(model.name as 'bgnbd' | 'mbgnbd', params, cdnow, {
        horizon: 52,
        discounting,
      })
      for (let i = 0; i < cdnow.length; i += 37) {
        const [x, recency, age] = [cdnow.frequency[i]!, cdnow.recency[i]!, cdnow.age[i]!]
        expectClose(scores.probabilityAlive[i]!, model.probabilityAlive(params, x, recency, age), {
          relTol: 1e-12,
        })
        expectClose(
          scores.expectedTransactions[i]!,
          model.expectedTransactions(params, 52, x, recency, age),
          { relTol: 1e-12 },
        )
        const value = customerLifetimeValue(
          model,
          params,
          { x, recency, age, expectedSpend: 10 },
          discounting,
        )
        expectClose(10 * scores.discountedTransactions![i]!, value, { relTol: 1e-12 })
      }
      expect(scores.distinctRows).toBeLessThan(cdnow.length)
    })
  }

  it('telescopes to the expected transactions of the whole horizon when the discount rate is 0', () => {
    const params = bgNbd.fit(cdnow).params
    const scores = scoreBgFamilyCustomers('bgnbd', params, cdnow, {
      horizon: weeksPerYear,
      discounting: { ...discounting, annualDiscountRate: 0 },
    })
    for (let i = 0; i < cdnow.length; i += 101) {
      expectClose(scores.discountedTransactions![i]!, scores.expectedTransactions[i]!, {
        relTol: 1e-9,
      })
    }
  })

  it('discounts: a positive rate gives less than the undiscounted sum', () => {
    const params = bgNbd.fit(cdnow).params
    const scores = scoreBgFamilyCustomers('bgnbd', params, cdnow, {
      horizon: weeksPerYear,
      discounting,
    })
    expect(scores.discountedTransactions![1]!).toBeLessThan(scores.expectedTransactions[1]!)
  })

  it('rejects a bad discount setting and a bad row', () => {
    const params = bgNbd.fit(cdnow).params
    const bad = { ...discounting, annualDiscountRate: -1.5 }
    expect(() =>
      scoreBgFamilyCustomers('bgnbd', params, cdnow, { horizon: 52, discounting: bad }),
    ).toThrow(AnalyticsInputError)
    const broken = { ...cdnow, recency: cdnow.recency.map((v, i) => (i === 5 ? Number.NaN : v)) }
    expect(() => scoreBgFamilyCustomers('bgnbd', params, broken, { horizon: 52 })).toThrow(/row 5/)
  })
})
