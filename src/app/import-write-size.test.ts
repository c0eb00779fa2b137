import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nextWriteSize } from './import-write-size.js'

describe('nextWriteSize', () => {
  it('shrinks after a slow write and grows after a fast one, within bounds', () => {
    expect(nextWriteSize(16_384, 800)).toBe(10_240)
    expect(nextWriteSize(16_384, 50)).toBe(40_960)
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (size, ms) => {
          const next = nextWriteSize(size, ms)
          expect(next).toBeGreaterThanOrEqual(1000)
          expect(next).toBeLessThanOrEqual(65_536)
          if (ms > 200 && size > 1000) {
            expect(next).toBeLessThanOrEqual(Math.max(1000, size))
          }
        },
      ),
    )
  })
})
