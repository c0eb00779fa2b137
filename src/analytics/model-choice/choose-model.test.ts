import { describe, expect, it } from 'vitest'
import { AnalyticsInputError } from '../errors.js'
import { medianInPlace, summarizePurchaseDays } from '../rfm/summarize.js'
import type { FitResult, RfmSummary, TransactionModel, TransactionModelName } from '../types.js'
import { chooseModel } from './choose-model.js'
import { validateModel } from './validate.js'

/** A stand-in model that forecasts `rate` transactions per unit of time for everyone. */
function fakeModel(
  name: TransactionModelName,
  rate: number,
  logLikelihood: number,
  fails = false,
): TransactionModel {
  return {
    name,
    fit(summary: RfmSummary): FitResult {
      if (fails) {
        throw new AnalyticsInputError('insufficient_data', `${name}: cannot fit`)
      }
      return {
        model: name,
        params: { rate },
        logLikelihood,
        standardErrors: null,
        converged: true,
        reason: 'converged',
        iterations: 1,
        n: summary.length,
        distinctRows: summary.length,
      }
    },
    probabilityAlive: () => 1,
    expectedTransactions: (params, t) => (params['rate'] ?? 0) * t,
    expectedTransactionsNew: (params, t) => (params['rate'] ?? 0) * t,
  }
}

// ten customers, first purchase at day 0, x = 0..9 repeat purchases in the calibration
const calibration = summarizePurchaseDays(
  {
    length: 10,
    firstDay: new Array(10).fill(0),
    lastDay: Array.from({ length: 10 }, (_, k) => k * 7),
    purchaseDays: Array.from({ length: 10 }, (_, k) => k + 1),
  },
  { endDay: 70, daysPerUnit: 7 },
)
// in a 4-week holdout each customer made 2 repeat purchases: a rate of 0.5 a week is exact
const holdout = {
  calibration,
  holdoutTransactions: new Float64Array(10).fill(2),
  holdoutLength: 4,
}

describe('validateModel', () => {
  it('compares expected with actual holdout transactions in total and by frequency 0..7+', () => {
    const validation = validateModel(fakeModel('mbgnbd', 0.5, -1), { rate: 0.5 }, holdout)
    expect(validation.totalActual).toBe(20)
    expect(validation.totalExpected).toBe(20)
    expect(validation.byFrequency.map((bucket) => bucket.frequency)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7+',
    ])
    expect(validation.byFrequency[7]).toMatchObject({ customers: 3, actual: 6, expected: 6 })
    expect(validation.bucketAbsoluteError).toBe(0)
  })
})

describe('chooseModel', () => {
  it('picks the candidate whose holdout forecast misses least, says why, and refits it on all data', () => {
    const choice = chooseModel({
      candidates: [fakeModel('mbgnbd', 0.8, -10), fakeModel('pareto-nbd', 0.5, -50)],
      full: calibration,
      holdout,
    })
    expect(choice.model.name).toBe('pareto-nbd')
    expect(choice.method).toBe('holdout')
    expect(choice.reason).toMatch(
      /^chose Pareto\/NBD: on the holdout it forecast 20 repeat transactions against 20 actual/,
    )
    expect(choice.reason).toMatch(/MBG\/NBD forecast 32 repeat transactions/)
    expect(choice.fit.n).toBe(10)
  })

  it('chooses by BIC without a holdout and says so', () => {
    const choice = chooseModel({
      candidates: [fakeModel('mbgnbd', 0.8, -10), fakeModel('pareto-nbd', 0.5, -50)],
      full: calibration,
      holdout: null,
    })
    expect(choice.model.name).toBe('mbgnbd')
    expect(choice.method).toBe('bic')
    expect(choice.reason).toMatch(/by BIC .* no holdout/)
  })

  it('leaves out a candidate that cannot be fitted and names it; throws when none is left', () => {
    const choice = chooseModel({
      candidates: [fakeModel('mbgnbd', 0.8, -10, true), fakeModel('pareto-nbd', 0.5, -50)],
      full: calibration,
      holdout,
    })
    expect(choice.model.name).toBe('pareto-nbd')
    expect(choice.reason).toMatch(/MBG\/NBD was left out: mbgnbd: cannot fit/)
    expect(() =>
      chooseModel({
        candidates: [fakeModel('mbgnbd', 0.8, -10, true)],
        full: calibration,
        holdout,
      }),
    ).toThrow(AnalyticsInputError)
  })
})

describe('summarizePurchaseDays', () => {
  it('gives x, t_x and T in weeks from first and last purchase days', () => {
    const summary = summarizePurchaseDays(
      { length: 1, firstDay: [0], lastDay: [14], purchaseDays: [3] },
      { endDay: 28, daysPerUnit: 7 },
    )
    expect([summary.frequency[0], summary.recency[0], summary.age[0]]).toEqual([2, 2, 4])
  })

  it('names the row of an impossible history', () => {
    const summarize = (lastDay: number, purchaseDays: number) =>
      summarizePurchaseDays(
        { length: 1, firstDay: [10], lastDay: [lastDay], purchaseDays: [purchaseDays] },
        { endDay: 20, daysPerUnit: 1 },
      )
    expect(() => summarize(5, 2)).toThrow(/row 0: last purchase day 5 is before the first 10/)
    expect(() => summarize(30, 2)).toThrow(/after the end day/)
    expect(() => summarize(10, 2)).toThrow(/cannot share one day/)
    expect(() => summarize(Number.NaN, 2)).toThrow(/not a finite number/)
  })

  it('takes the median of an odd and an even count', () => {
    expect(medianInPlace(new Float64Array([9, 1, 4]), 3)).toBe(4)
    expect(medianInPlace(new Float64Array([9, 1, 4, 2]), 4)).toBe(3)
    expect(medianInPlace(new Float64Array(0), 0)).toBeNaN()
  })
})
