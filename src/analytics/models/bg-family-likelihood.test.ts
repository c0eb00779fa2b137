import fc from 'fast-check'
import { describe, it } from 'vitest'
import { readCdnowSummary } from '../../test-support/cdnow-summary.js'
import { expectClose } from '../../test-support/expect-close.js'
import { compressRfm } from '../rfm/compress.js'
import { createBgFamilyData } from './bg-family-data.js'
import { createBgFamilyObjective } from './bg-family-likelihood.js'

const cdnow = compressRfm(readCdnowSummary())

/** central difference with a step large enough to dwarf rounding of a ~1e4 objective */
function finiteDifference(
  objective: ReturnType<typeof createBgFamilyObjective>,
  theta: Float64Array,
  i: number,
) {
  const h = 1e-5
  const above = Float64Array.from(theta)
  const below = Float64Array.from(theta)
  above[i] = above[i]! + h
  below[i] = below[i]! - h
  return (objective(above, null) - objective(below, null)) / (2 * h)
}

describe('BG/NBD-family log-likelihood gradient', () => {
  for (const shift of [0, 1] as const) {
    it(`matches central finite differences on CDNOW (shift ${shift})`, () => {
      const objective = createBgFamilyObjective(createBgFamilyData(cdnow, shift))
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
          (logParams) => {
            const theta = Float64Array.from(logParams)
            const gradient = new Float64Array(4)
            objective(theta, gradient)
            for (let i = 0; i < 4; i++) {
              const numeric = finiteDifference(objective, theta, i)
              expectClose(gradient[i]!, numeric, { relTol: 1e-5, absTol: 1e-3 })
            }
          },
        ),
        { numRuns: 25 },
      )
    })
  }

  it('gives the value of the value-only call when it also fills the gradient', () => {
    const objective = createBgFamilyObjective(createBgFamilyData(cdnow, 0))
    const theta = Float64Array.from([-1.4, 1.5, -0.2, 0.9])
    expectClose(objective(theta, new Float64Array(4)), objective(theta, null), { relTol: 1e-15 })
  })
})
