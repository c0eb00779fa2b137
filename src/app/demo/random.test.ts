import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRandom } from './random.js'

const sample = (draw: () => number, count: number): number[] => Array.from({ length: count }, draw)

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length

const variance = (values: readonly number[]): number => {
  const center = mean(values)
  return mean(values.map((value) => (value - center) ** 2))
}

describe('createRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const first = sample(createRandom(42).next, 20)
    expect(sample(createRandom(42).next, 20)).toEqual(first)
    expect(sample(createRandom(43).next, 20)).not.toEqual(first)
  })

  it('keeps uniform draws in [0, 1) and integers within their bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: -50, max: 50 }),
        (seed, min) => {
          const random = createRandom(seed)
          for (let draw = 0; draw < 50; draw++) {
            const uniform = random.next()
            const integer = random.integer(min, min + 7)
            expect(uniform).toBeGreaterThanOrEqual(0)
            expect(uniform).toBeLessThan(1)
            expect(Number.isInteger(integer)).toBe(true)
            expect(integer).toBeGreaterThanOrEqual(min)
            expect(integer).toBeLessThanOrEqual(min + 7)
          }
        },
      ),
    )
  })

  it('draws gamma variates with mean shape × scale and variance shape × scale², also for shape < 1', () => {
    for (const [shape, scale] of [
      [0.5, 2],
      [1.8, 3],
      [9, 0.5],
    ] as const) {
      const random = createRandom(7)
      const values = sample(() => random.gamma(shape, scale), 40_000)
      expect(mean(values)).toBeCloseTo(shape * scale, 1)
      expect(variance(values) / (shape * scale * scale)).toBeGreaterThan(0.93)
      expect(variance(values) / (shape * scale * scale)).toBeLessThan(1.07)
    }
  })

  it('draws standard normals and exponentials with the right first two moments', () => {
    const random = createRandom(3)
    const normals = sample(random.normal, 40_000)
    expect(mean(normals)).toBeCloseTo(0, 1)
    expect(variance(normals)).toBeCloseTo(1, 1)
    const exponentials = sample(() => random.exponential(4), 40_000)
    expect(mean(exponentials)).toBeCloseTo(0.25, 2)
  })

  it('picks weighted entries in proportion to their weights', () => {
    const random = createRandom(11)
    const counts = { a: 0, b: 0, c: 0 }
    for (let draw = 0; draw < 30_000; draw++) {
      counts[
        random.weighted([
          ['a', 1],
          ['b', 2],
          ['c', 7],
        ] as const)
      ]++
    }
    expect(counts.a / 30_000).toBeCloseTo(0.1, 1)
    expect(counts.c / 30_000).toBeCloseTo(0.7, 1)
  })
})
