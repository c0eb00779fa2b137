import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../../test-support/expect-close.js'
import { digamma } from './digamma.js'
import { logGamma } from './log-gamma.js'

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/special-values.json', import.meta.url), 'utf8'),
) as { digamma: [number, number][] }

describe('digamma', () => {
  it('matches mpmath to 1e-13 relative from 1e-8 to 1e15 and at negative non-integers', () => {
    expect(fixture.digamma.length).toBeGreaterThan(15)
    for (const [x, expected] of fixture.digamma) {
      expectClose(digamma(x), expected, { relTol: 1e-13 })
    }
  })

  it('is the slope of logGamma', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1e4, noNaN: true }), (x) => {
        const h = 1e-5 * x
        const slope = (logGamma(x + h) - logGamma(x - h)) / (2 * h)
        expectClose(digamma(x), slope, { relTol: 1e-6, absTol: 1e-6 })
      }),
    )
  })

  it('is NaN at the poles', () => {
    expect(digamma(0)).toBeNaN()
    expect(digamma(-2)).toBeNaN()
  })
})
