import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KeyFingerprints } from './key-fingerprints.js'

describe('KeyFingerprints', () => {
  it('answers "maybe seen" for every key added before, and "new" only for keys never added', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 300 }), (keys) => {
        const seen = new KeyFingerprints()
        const added = new Set<string>()
        for (const key of keys) {
          const maybeSeen = seen.add(key)
          if (added.has(key)) {
            expect(maybeSeen).toBe(true)
          }
          if (!maybeSeen) {
            expect(added.has(key)).toBe(false)
          }
          added.add(key)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('tells 200,000 distinct keys apart with few false "maybe seen" answers', () => {
    const seen = new KeyFingerprints()
    let falseAlarms = 0
    for (let n = 0; n < 200_000; n += 1) {
      if (seen.add(`id:O${n}`)) {
        falseAlarms += 1
      }
    }
    // about n² / 2^33 expected (≈ 5): a held record costs a lookup, never a wrong outcome
    expect(falseAlarms).toBeLessThan(100)
    expect(seen.full).toBe(false)
    seen.clear()
    expect(seen.add('id:O1')).toBe(false)
  })
})
