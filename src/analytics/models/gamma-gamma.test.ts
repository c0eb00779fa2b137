import { describe, expect, it } from 'vitest'
import { readCdnowSpend } from '../../test-support/cdnow-summary.js'
import { expectClose } from '../../test-support/expect-close.js'
import { AnalyticsInputError } from '../errors.js'
import { fitGammaGamma, gammaGammaExpectedSpend, type SpendSummary } from './gamma-gamma.js'

const { summary, meanSpend } = readCdnowSpend()
const spend: SpendSummary = {
  length: summary.length,
  frequency: summary.frequency,
  meanSpend,
  weights: summary.weights,
}
const fit = fitGammaGamma(spend)

function spendRows(values: [number, number][]): SpendSummary {
  return {
    length: values.length,
    frequency: Float64Array.from(values, (v) => v[0]),
    meanSpend: Float64Array.from(values, (v) => v[1]),
    weights: new Float64Array(values.length).fill(1),
  }
}

describe('fitGammaGamma on CDNOW', () => {
  it('reproduces the published estimates on the 946 repeat buyers within one unit of the last digit', () => {
    expect(fit.converged).toBe(true)
    expect(fit.n).toBe(946)
    expectClose(fit.params['p']!, 6.25, { absTol: 0.01 })
    expectClose(fit.params['q']!, 3.74, { absTol: 0.01 })
    expectClose(fit.params['gamma']!, 15.44, { absTol: 0.01 })
  })

  it('gives the same fit whatever the row order', () => {
    const reversed = spendRows(
      Array.from({ length: spend.length }, (_, i) => [
        spend.frequency[spend.length - 1 - i]!,
        spend.meanSpend[spend.length - 1 - i]!,
      ]),
    )
    const again = fitGammaGamma(reversed)
    expectClose(again.params['p']!, fit.params['p']!, { relTol: 1e-6 })
    expectClose(again.params['gamma']!, fit.params['gamma']!, { relTol: 1e-6 })
  })
})

describe('gammaGammaExpectedSpend', () => {
  it('shrinks a customer mean towards the population mean, less so the more orders they made', () => {
    const p = fit.params
    const population = (p['p']! * p['gamma']!) / (p['q']! - 1)
    expectClose(gammaGammaExpectedSpend(p, 0, 0), population)
    const one = gammaGammaExpectedSpend(p, 1, 100)
    const many = gammaGammaExpectedSpend(p, 50, 100)
    expect(one).toBeGreaterThan(population)
    expect(one).toBeLessThan(many)
    expect(many).toBeLessThan(100)
  })

  it('throws rather than return an infinite population mean when q ≤ 1', () => {
    expect(() => gammaGammaExpectedSpend({ p: 2, q: 0.8, gamma: 10 }, 0, 0)).toThrow(
      AnalyticsInputError,
    )
  })
})

describe('fitGammaGamma input checks', () => {
  it('rejects a negative spend as invalid input', () => {
    expect(() =>
      fitGammaGamma(
        spendRows([
          [1, -5],
          [2, 10],
          [3, 8],
        ]),
      ),
    ).toThrow(/row 0/)
  })

  it('rejects data with fewer than two repeat buyers as insufficient', () => {
    let error: unknown
    try {
      fitGammaGamma(
        spendRows([
          [0, 0],
          [0, 0],
          [3, 20],
        ]),
      )
    } catch (caught) {
      error = caught
    }
    expect((error as AnalyticsInputError).kind).toBe('insufficient_data')
  })
})
