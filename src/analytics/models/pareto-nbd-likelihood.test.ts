import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readCdnowSummary } from '../../test-support/cdnow-summary.js'
import { expectClose } from '../../test-support/expect-close.js'
import { compressRfm } from '../rfm/compress.js'
import type { RfmSummary } from '../types.js'
import { createParetoNbdData } from './pareto-nbd-data.js'
import { paretoNbdLogLikelihood } from './pareto-nbd-likelihood.js'
import type { ParetoNbdParams } from './pareto-nbd-terms.js'

interface ReferenceRow {
  readonly params: ParetoNbdParams
  readonly x: number
  readonly recency: number
  readonly age: number
  readonly logLikelihood: number
}

const reference = JSON.parse(
  readFileSync(new URL('./__fixtures__/pareto-nbd-values.json', import.meta.url), 'utf8'),
) as { rows: ReferenceRow[] }

const ridgeReference = JSON.parse(
  readFileSync(new URL('./__fixtures__/pareto-nbd-ridge-values.json', import.meta.url), 'utf8'),
) as { rows: ReferenceRow[] }

function oneCustomer(x: number, recency: number, age: number): RfmSummary {
  return {
    length: 1,
    frequency: Float64Array.of(x),
    recency: Float64Array.of(recency),
    age: Float64Array.of(age),
    weights: Float64Array.of(1),
  }
}

const NAMES = ['r', 'alpha', 's', 'beta'] as const

function slopeByDifference(
  data: ReturnType<typeof createParetoNbdData>,
  p: ParetoNbdParams,
  index: number,
): number {
  const name = NAMES[index]!
  // the log-likelihood is ~1e4 with ~1e-12 relative noise: a larger step keeps the noise small
  const step = 1e-4 * p[name]
  const up = { ...p, [name]: p[name] + step }
  const down = { ...p, [name]: p[name] - step }
  return (
    (paretoNbdLogLikelihood(data, up, null) - paretoNbdLogLikelihood(data, down, null)) /
    (up[name] - down[name])
  )
}

describe('paretoNbdLogLikelihood', () => {
  it("matches Fader & Hardie's expressions evaluated by mpmath, up to x = 1000 and z near 1", () => {
    expect(reference.rows.length).toBeGreaterThan(40)
    for (const row of reference.rows) {
      const data = createParetoNbdData(oneCustomer(row.x, row.recency, row.age))
      const logLikelihood = paretoNbdLogLikelihood(data, row.params, null)
      expectClose(logLikelihood, row.logLikelihood, { relTol: 1e-10, absTol: 1e-10 })
    }
  })

  it('keeps 1e-12 out along the ridges: r, α in the 1e5s, s = 4e-6 with β = 4e6, 2F1 argument within 1e-5 of 1', () => {
    // r·ln α and (r+x)·ln(α+T), each ~1e6 there, no longer cancel (the earlier form lost four digits here)
    expect(ridgeReference.rows.length).toBeGreaterThan(40)
    for (const row of ridgeReference.rows) {
      const data = createParetoNbdData(oneCustomer(row.x, row.recency, row.age))
      const logLikelihood = paretoNbdLogLikelihood(data, row.params, null)
      expectClose(logLikelihood, row.logLikelihood, { relTol: 1e-12, absTol: 1e-12 })
    }
  })

  it('is −9595.0 on the CDNOW summary at the published estimates', () => {
    const data = createParetoNbdData(compressRfm(readCdnowSummary()))
    const p = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }
    expect(paretoNbdLogLikelihood(data, p, null).toFixed(1)).toBe('-9595.0')
  })

  it('has an analytic gradient that matches central differences on both branches (α ≥ β, β > α)', () => {
    const data = createParetoNbdData(compressRfm(readCdnowSummary()))
    const gradient = new Float64Array(4)
    const expectGradientMatches = (p: ParetoNbdParams) => {
      paretoNbdLogLikelihood(data, p, gradient)
      for (let i = 0; i < 4; i++) {
        const slope = slopeByDifference(data, p, i)
        expectClose(gradient[i]!, slope, {
          relTol: 1e-5,
          absTol: 1e-5 * Math.max(1, Math.abs(slope)),
        })
      }
    }
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 1, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 1, max: 100, noNaN: true }),
        (r, alpha, s, beta) => expectGradientMatches({ r, alpha, s, beta }),
      ),
      { numRuns: 10 },
    )
    // far from the optimum, where the 2F1 argument nears 1 and r, s are small
    expectGradientMatches({ r: 0.05, alpha: 9.8, s: 0.05, beta: 189 })
    expectGradientMatches({ r: 0.05, alpha: 400, s: 3, beta: 0.5 })
    // r a hair below an integer: the 2F1's q = r + x + 1 sits next to the connection formula's poles
    expectGradientMatches({ r: 4.999999598872845, alpha: 1, s: 0.1, beta: 25.32066492179178 })
  })

  it('has a gradient that matches central differences for a customer with 800 orders', () => {
    const data = createParetoNbdData(oneCustomer(800, 70, 78))
    const gradient = new Float64Array(4)
    for (const p of [
      { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
      { r: 0.3, alpha: 900, s: 2, beta: 0.2 },
    ]) {
      paretoNbdLogLikelihood(data, p, gradient)
      for (let i = 0; i < 4; i++) {
        expectClose(gradient[i]!, slopeByDifference(data, p, i), { relTol: 1e-5, absTol: 1e-6 })
      }
    }
  })
})
