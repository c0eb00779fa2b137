import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readNumericCsv } from '../../test-support/cdnow-summary.js'
import { expectClose } from '../../test-support/expect-close.js'
import { AnalyticsInputError } from '../errors.js'
import { createMulberry32 } from '../random/mulberry32.js'
import { sampleExponential, sampleGamma } from '../random/variates.js'
import type { FitResult, RfmSummary } from '../types.js'
import { fitParetoNbd } from './pareto-nbd.js'
import { describeRidge } from './pareto-nbd-ridge.js'

function summaryOf(rows: readonly (readonly [number, number, number])[]): RfmSummary {
  return {
    length: rows.length,
    frequency: Float64Array.from(rows, (row) => row[0]),
    recency: Float64Array.from(rows, (row) => row[1]),
    age: Float64Array.from(rows, (row) => row[2]),
    weights: new Float64Array(rows.length).fill(1),
  }
}

/** 64 customers who buy at perfectly regular intervals and never stop (weeks) */
function regularBuyers(): RfmSummary {
  const path = fileURLToPath(
    new URL('./__fixtures__/pareto-nbd-regular-buyers.csv', import.meta.url),
  )
  const rows = readNumericCsv(path).map(
    (row) => [row['frequency']!, row['recency']!, row['T']!] as const,
  )
  return summaryOf(rows)
}

/** Poisson buyers with rates ~ Gamma(0.8, 40) per day who never drop out, ages 200–400 days */
function neverDropOut(customers: number, seed: number): RfmSummary {
  const uniform = createMulberry32(seed)
  const rows: [number, number, number][] = []
  for (let i = 0; i < customers; i++) {
    const rate = sampleGamma(uniform, 0.8, 40)
    const age = 200 + Math.floor(uniform() * 200)
    // the first purchase starts the clock at 0: x repeat purchases in (0, age]
    let x = 0
    let last = 0
    for (
      let time = sampleExponential(uniform, rate);
      time <= age;
      time += sampleExponential(uniform, rate)
    ) {
      x++
      last = time
    }
    rows.push([x, last, age])
  }
  return summaryOf(rows)
}

/** everyone buys 0–3 more times within two weeks of the first purchase, then never again */
function heavyChurn(customers: number, seed: number): RfmSummary {
  const uniform = createMulberry32(seed)
  const rows: [number, number, number][] = []
  for (let i = 0; i < customers; i++) {
    const age = 100 + Math.floor(uniform() * 300)
    const x = Math.floor(uniform() * 4)
    rows.push([x, x === 0 ? 0 : 1 + Math.floor(uniform() * 14), age])
  }
  return summaryOf(rows)
}

function expectFinite(fit: FitResult): void {
  for (const value of Object.values(fit.params)) {
    expect(Number.isFinite(value) && value > 0).toBe(true)
  }
  expect(Number.isFinite(fit.logLikelihood)).toBe(true)
  if (!fit.converged) {
    expect(fit.reason.length).toBeGreaterThan(0)
  }
}

describe('fitParetoNbd where the likelihood has no interior maximum', () => {
  it('stops on customers who buy like clockwork, saying that purchase rates do not vary', {
    timeout: 10_000,
  }, () => {
    const fit = fitParetoNbd(regularBuyers(), { maxIterations: 50 })
    expectFinite(fit)
    expect(fit.converged).toBe(false)
    expect(fit.standardErrors).toBeNull()
    expect(fit.reason).toMatch(
      /r and alpha grow together.*purchase rates do not vary between customers/,
    )
    // the mean purchase rate stays estimated while r and alpha run away: ~0.14 purchases a week
    expectClose(fit.params['r']! / fit.params['alpha']!, 0.14, { relTol: 0.1 })
  })

  it('stops on customers who never drop out, saying there is no evidence of dropout', {
    timeout: 20_000,
  }, () => {
    const fit = fitParetoNbd(neverDropOut(3000, 11))
    expectFinite(fit)
    expect(fit.converged).toBe(false)
    expect(fit.reason).toMatch(/mean s\/beta falls towards 0.*no evidence of dropout/)
    // purchase heterogeneity is still identified: close to the simulated Gamma(0.8, 40)
    expectClose(fit.params['r']!, 0.8, { relTol: 0.15 })
    expectClose(fit.params['r']! / fit.params['alpha']!, 0.8 / 40, { relTol: 0.1 })
  })

  it('returns finite numbers, converged or with a reason, when everyone churns right away', {
    timeout: 20_000,
  }, () => {
    for (const seed of [5, 6, 7]) {
      const fit = fitParetoNbd(heavyChurn(2000, seed))
      expectFinite(fit)
      if (!fit.converged) {
        expect(fit.reason).toMatch(/boundary of the Pareto\/NBD model|budget|identif/)
      }
    }
  })

  it('returns finite parameters or refuses the data on random small populations', {
    timeout: 60_000,
  }, () => {
    const history = fc
      .tuple(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
      )
      .map(([x, share, age]) => [x, x === 0 ? 0 : share * age, age] as const)
    fc.assert(
      fc.property(fc.array(history, { minLength: 20, maxLength: 200 }), (rows) => {
        try {
          expectFinite(fitParetoNbd(summaryOf(rows)))
        } catch (error) {
          expect(error).toBeInstanceOf(AnalyticsInputError)
        }
      }),
      { numRuns: 30 },
    )
  })
})

describe('describeRidge', () => {
  it('tells shape and scale growing together from a mean rate falling to 0', () => {
    const together = describeRidge(Float64Array.of(13, 15, 0.5, 3), Float64Array.of(4, 4.1, 0, 0))
    expect(together).toMatch(/r and alpha grow together .*r\/alpha ≈ 0\.135/)
    expect(together).toMatch(/purchase rates do not vary between customers$/)
    const noDropout = describeRidge(Float64Array.of(0, 3, -12, 15.5), Float64Array.of(0, 0, -3, 2))
    expect(noDropout).toMatch(/mean s\/beta falls towards 0.*no evidence of dropout in these data$/)
    expect(noDropout).not.toMatch(/r and alpha/)
  })
})
