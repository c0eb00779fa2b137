import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { holdoutDraw, isHeldOut } from './holdout.js'

describe('holdout assignment', () => {
  it('is reproducible and in [0, 1)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (seed, subject) => {
        const draw = holdoutDraw(seed, subject)
        expect(draw).toBe(holdoutDraw(seed, subject))
        expect(draw).toBeGreaterThanOrEqual(0)
        expect(draw).toBeLessThan(1)
      }),
    )
  })

  it('holds out about the share asked for, differently per campaign', () => {
    const subjects = Array.from({ length: 10_000 }, (_, index) => `customer:C-${index}`)
    const held = subjects.filter((subject) => isHeldOut('campaign-1', subject, 0.1))
    // binomial sd at n = 10,000, p = 0.1 is 30: ±150 is five sd
    expect(Math.abs(held.length - 1_000)).toBeLessThan(150)
    const other = subjects.filter((subject) => isHeldOut('campaign-2', subject, 0.1))
    expect(other).not.toEqual(held)
  })

  it('holds out nobody at share 0 and everybody at share 1', () => {
    expect(isHeldOut('c', 's', 0)).toBe(false)
    expect(isHeldOut('c', 's', 1)).toBe(true)
  })
})
