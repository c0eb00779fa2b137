import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from './case-dates.js'
import { cadenceDays, isOnRadar, nextTouchOn, subjectHash } from './shadow-cadence.js'

const cadence = fc
  .tuple(fc.integer({ min: 1, max: 365 }), fc.integer({ min: 0, max: 100 }))
  .map(([minDays, spread]) => ({ minDays, maxDays: minDays + spread }))

describe('the shadow cadence', () => {
  it('gives every subject a fixed gap inside the cadence, the same on every call', () => {
    fc.assert(
      fc.property(fc.string(), cadence, (key, range) => {
        const days = cadenceDays(key, range)
        expect(days).toBeGreaterThanOrEqual(range.minDays)
        expect(days).toBeLessThanOrEqual(range.maxDays)
        expect(cadenceDays(key, range)).toBe(days)
        expect(Number.isInteger(days)).toBe(true)
      }),
    )
  })

  it('spreads subjects over the whole window (FNV-1a is not stuck on one value)', () => {
    const gaps = new Set(
      Array.from({ length: 500 }, (_, n) =>
        cadenceDays(`customer:C-${n}`, { minDays: 42, maxDays: 56 }),
      ),
    )
    expect(gaps.size).toBe(15)
    // the published FNV-1a test vector: "a" hashes to 0xe40c292c
    expect(subjectHash('a')).toBe(0xe40c292c)
  })

  it('puts the next touch one gap after the last touch', () => {
    expect(
      nextTouchOn({
        subjectKey: 'customer:C-1',
        lastTouchOn: '2026-01-01',
        firstPossibleOn: '2020-01-01',
        cadence: { minDays: 42, maxDays: 42 },
      }),
    ).toBe('2026-02-12')
  })

  it('has a lost deal on the radar from radarDays before its supplier choice until the day itself', () => {
    const choice = '2026-06-30'
    expect(isOnRadar(choice, addDays(choice, -61), 60)).toBe(false)
    expect(isOnRadar(choice, addDays(choice, -60), 60)).toBe(true)
    expect(isOnRadar(choice, choice, 60)).toBe(true)
    expect(isOnRadar(choice, addDays(choice, 1), 60)).toBe(false)
    expect(isOnRadar(null, choice, 60)).toBe(false)
  })
})
