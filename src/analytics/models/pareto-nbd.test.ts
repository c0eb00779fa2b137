import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readCdnowSummary, SHARED_DATA_DIR } from '../../test-support/cdnow-summary.js'
import { expectClose } from '../../test-support/expect-close.js'
import { AnalyticsInputError } from '../errors.js'
import { compressRfm } from '../rfm/compress.js'
import type { ModelParams, RfmSummary } from '../types.js'
import {
  fitParetoNbd,
  paretoNbd,
  paretoNbdExpectedTransactions,
  paretoNbdExpectedTransactionsNew,
  paretoNbdProbabilityAlive,
} from './pareto-nbd.js'

/** Fader & Hardie's Pareto/NBD estimates on the CDNOW calibration period (weeks) */
const PUBLISHED = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }

/**
 * The CDNOW summary built from the raw 1/10 sample as the data README derives it: same-day
 * purchases merged, calibration to 1997-09-30 inclusive, weeks = days / 7, unrounded.
 */
function cdnowSummaryFromTransactions(): RfmSummary {
  const text = readFileSync(`${SHARED_DATA_DIR}cdnow/CDNOW_sample.txt`, 'utf8')
  const calibrationEnd = Date.UTC(1997, 8, 30) / 86_400_000
  const daysByCustomer = new Map<string, Set<number>>()
  for (const line of text.split(/\r?\n/)) {
    const [, customer, date] = line.trim().split(/\s+/)
    if (customer === undefined || date === undefined) {
      continue
    }
    const day =
      Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) /
      86_400_000
    const days = daysByCustomer.get(customer) ?? new Set<number>()
    daysByCustomer.set(customer, days)
    if (day <= calibrationEnd) {
      days.add(day)
    }
  }
  const histories = [...daysByCustomer.values()].map((days) => [...days].sort((a, b) => a - b))
  return {
    length: histories.length,
    frequency: Float64Array.from(histories, (days) => days.length - 1),
    recency: Float64Array.from(histories, (days) => (days.at(-1)! - days[0]!) / 7),
    age: Float64Array.from(histories, (days) => (calibrationEnd - days[0]!) / 7),
    weights: new Float64Array(histories.length).fill(1),
  }
}

function shuffled(summary: RfmSummary, seed: number): RfmSummary {
  const order = Array.from({ length: summary.length }, (_, i) => i)
  let state = seed >>> 0 || 1
  for (let i = order.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    const j = state % (i + 1)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const pick = (column: Float64Array) => Float64Array.from(order, (i) => column[i]!)
  return {
    length: summary.length,
    frequency: pick(summary.frequency),
    recency: pick(summary.recency),
    age: pick(summary.age),
    weights: pick(summary.weights),
  }
}

/** a named parameter of a fit (ModelParams is an index signature) */
function param(params: ModelParams, name: string): number {
  return params[name]!
}

function expectSameParams(actual: ModelParams, expected: ModelParams, relTol: number): void {
  for (const name of ['r', 'alpha', 's', 'beta']) {
    expectClose(actual[name]!, expected[name]!, { relTol })
  }
}

const cdnowFit = fitParetoNbd(readCdnowSummary())

describe('fitParetoNbd on CDNOW', () => {
  it('reproduces the published estimates from the rounded summary within one unit of the last digit', () => {
    expect(cdnowFit.converged).toBe(true)
    expect(cdnowFit.model).toBe('pareto-nbd')
    expect(cdnowFit.n).toBe(2357)
    for (const name of ['r', 'alpha', 's', 'beta'] as const) {
      const printed = Number(cdnowFit.params[name]!.toFixed(3))
      expectClose(printed, PUBLISHED[name], { absTol: 0.001 + 1e-9 })
    }
    expect(cdnowFit.logLikelihood.toFixed(1)).toBe('-9595.0')
  })

  it('reproduces the published estimates to the printed digits from the raw transactions', () => {
    const fit = fitParetoNbd(cdnowSummaryFromTransactions())
    expect(fit.converged).toBe(true)
    expect(fit.n).toBe(2357)
    expect(param(fit.params, 'r').toFixed(3)).toBe('0.553')
    expect(param(fit.params, 'alpha').toFixed(3)).toBe('10.578')
    expect(param(fit.params, 's').toFixed(3)).toBe('0.606')
    expect(param(fit.params, 'beta').toFixed(3)).toBe('11.669')
    expect(fit.logLikelihood.toFixed(1)).toBe('-9595.0')
  })

  it('reports positive finite standard errors and fits through the TransactionModel interface', () => {
    const errors = cdnowFit.standardErrors
    expect(errors).not.toBeNull()
    for (const name of ['r', 'alpha', 's', 'beta']) {
      expect(errors![name]! > 0 && Number.isFinite(errors![name]!)).toBe(true)
    }
    expect(cdnowFit.distinctRows).toBeLessThan(cdnowFit.n)
    expectSameParams(paretoNbd.fit(readCdnowSummary()).params, cdnowFit.params, 1e-12)
  })

  it('is unchanged by row order and by compression', () => {
    const summary = readCdnowSummary()
    expectSameParams(fitParetoNbd(compressRfm(summary)).params, cdnowFit.params, 1e-6)
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        expectSameParams(fitParetoNbd(shuffled(summary, seed)).params, cdnowFit.params, 1e-6)
      }),
      { numRuns: 3 },
    )
  })

  it('gives the same fit in days as in weeks, up to the time scale of α and β', () => {
    const weeks = readCdnowSummary()
    const days = {
      ...weeks,
      recency: weeks.recency.map((v) => v * 7),
      age: weeks.age.map((v) => v * 7),
    }
    const fit = fitParetoNbd(days)
    expectClose(param(fit.params, 'r'), param(cdnowFit.params, 'r'), { relTol: 1e-5 })
    expectClose(param(fit.params, 's'), param(cdnowFit.params, 's'), { relTol: 1e-5 })
    expectClose(param(fit.params, 'alpha'), 7 * param(cdnowFit.params, 'alpha'), { relTol: 1e-5 })
    expectClose(param(fit.params, 'beta'), 7 * param(cdnowFit.params, 'beta'), { relTol: 1e-5 })
    const inDays = paretoNbdProbabilityAlive(fit.params, 3, 20 * 7, 35 * 7)
    expectClose(inDays, paretoNbdProbabilityAlive(cdnowFit.params, 3, 20, 35), { relTol: 1e-4 })
  })
})

describe('fitParetoNbd on bad input', () => {
  const good = readCdnowSummary()
  const withRow = (x: number, recency: number, age: number): RfmSummary => ({
    ...good,
    frequency: Float64Array.of(x, ...good.frequency),
    recency: Float64Array.of(recency, ...good.recency),
    age: Float64Array.of(age, ...good.age),
    weights: Float64Array.of(1, ...good.weights),
    length: good.length + 1,
  })
  const expectInputError = (summary: RfmSummary, kind: string, message: RegExp) => {
    const thrown = (() => {
      try {
        fitParetoNbd(summary)
      } catch (error) {
        return error
      }
      return null
    })()
    expect(thrown).toBeInstanceOf(AnalyticsInputError)
    expect((thrown as AnalyticsInputError).kind).toBe(kind)
    expect((thrown as AnalyticsInputError).message).toMatch(message)
  }

  it('names a negative, NaN or impossible row', () => {
    expectInputError(withRow(-1, 0, 10), 'invalid_input', /pareto-nbd.*row 0.*frequency -1/)
    expectInputError(withRow(2, Number.NaN, 10), 'invalid_input', /row 0.*recency NaN/)
    expectInputError(withRow(2, 12, 10), 'invalid_input', /row 0.*recency 12 is beyond age 10/)
  })

  it('refuses empty data, one customer and only one-time buyers', () => {
    const empty = {
      length: 0,
      frequency: new Float64Array(),
      recency: new Float64Array(),
      age: new Float64Array(),
      weights: new Float64Array(),
    }
    expectInputError(empty, 'insufficient_data', /no customers/)
    const one = {
      length: 1,
      frequency: Float64Array.of(3),
      recency: Float64Array.of(5),
      age: Float64Array.of(9),
      weights: Float64Array.of(1),
    }
    expectInputError(one, 'insufficient_data', /one customer/)
    const oneTime = {
      ...good,
      frequency: new Float64Array(good.length),
      recency: new Float64Array(good.length),
    }
    expectInputError(oneTime, 'insufficient_data', /only one-time buyers/)
  })

  it('refuses bad parameters and impossible histories in the predictions', () => {
    expect(() => paretoNbdProbabilityAlive({ ...PUBLISHED, s: -1 }, 1, 2, 3)).toThrow(
      /parameter s = -1/,
    )
    expect(() => paretoNbdProbabilityAlive({ r: 1, alpha: 1, s: 1 }, 1, 2, 3)).toThrow(
      /parameter beta/,
    )
    expect(() => paretoNbdProbabilityAlive(PUBLISHED, 1, 4, 3)).toThrow(AnalyticsInputError)
    expect(() => paretoNbdProbabilityAlive(PUBLISHED, 1.5, 2, 3)).toThrow(/not a possible history/)
    expect(() => paretoNbdExpectedTransactions(PUBLISHED, -1, 1, 2, 3)).toThrow(/t -1/)
    expect(() => paretoNbdExpectedTransactionsNew(PUBLISHED, Number.NaN)).toThrow(
      AnalyticsInputError,
    )
  })
})
