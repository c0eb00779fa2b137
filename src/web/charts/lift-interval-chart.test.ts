import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { liftDomain, liftX } from './lift-interval-chart.js'

const rate = fc.double({ min: -1, max: 1, noNaN: true })

describe('the lift interval chart’s axis', () => {
  it('always shows zero and the whole interval, in order, inside the drawing', () => {
    fc.assert(
      fc.property(rate, rate, rate, (a, b, c) => {
        const [lower, estimate, upper] = [a, b, c].sort((p, q) => p - q) as [number, number, number]
        const domain = liftDomain({ estimate, lower, upper })
        const xs = [lower, estimate, upper].map((at) => liftX(at, domain))
        const zero = liftX(0, domain)
        for (const x of [...xs, zero]) {
          expect(x).toBeGreaterThanOrEqual(24)
          expect(x).toBeLessThanOrEqual(480 - 24)
        }
        expect(xs[0]).toBeLessThanOrEqual(xs[1] ?? Number.NaN)
        expect(xs[1]).toBeLessThanOrEqual(xs[2] ?? Number.NaN)
      }),
    )
  })
})
