import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../../test-support/expect-close.js'
import { logGamma } from './log-gamma.js'

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/special-values.json', import.meta.url), 'utf8'),
) as { logGamma: [number, number][] }

describe('logGamma', () => {
  it('matches mpmath to 1e-13 relative from 1e-300 to 1e300 and at negative non-integers', () => {
    expect(fixture.logGamma.length).toBeGreaterThan(30)
    for (const [x, expected] of fixture.logGamma) {
      expectClose(logGamma(x), expected, { relTol: 1e-13 })
    }
  })

  it('is exactly zero at 1 and 2, where Γ is 1', () => {
    expect(logGamma(1)).toBe(0)
    expect(logGamma(2)).toBe(0)
  })

  it('is infinite at the poles and NaN for NaN', () => {
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY)
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY)
    expect(logGamma(Number.NaN)).toBeNaN()
  })
})
