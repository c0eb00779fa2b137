import { describe, expect, it } from 'vitest'
import { expectClose } from '../../test-support/expect-close.js'
import { bgNbdProbabilityAlive } from '../models/bg-nbd.js'
import { generateBgNbdPopulation } from './bg-nbd-population.js'
import { createMulberry32 } from './mulberry32.js'
import { sampleBeta, sampleGamma } from './variates.js'

function moments(draw: () => number, n: number) {
  let sum = 0
  let squares = 0
  for (let i = 0; i < n; i++) {
    const v = draw()
    sum += v
    squares += v * v
  }
  const mean = sum / n
  return { mean, variance: squares / n - mean * mean }
}

describe('random variates', () => {
  it('repeats the same sequence for the same seed and stays in [0, 1)', () => {
    const a = createMulberry32(7)
    const b = createMulberry32(7)
    for (let i = 0; i < 1000; i++) {
      const v = a()
      expect(v).toBe(b())
      expect(v >= 0 && v < 1).toBe(true)
    }
  })

  it('draws gammas with the right mean and variance, for shapes below and above 1', () => {
    const uniform = createMulberry32(11)
    for (const [shape, rate] of [
      [0.243, 4.414],
      [6.25, 2],
    ] as const) {
      const { mean, variance } = moments(() => sampleGamma(uniform, shape, rate), 200_000)
      expectClose(mean, shape / rate, { relTol: 0.02 })
      expectClose(variance, shape / rate ** 2, { relTol: 0.05 })
    }
  })

  it('draws betas with the right mean', () => {
    const uniform = createMulberry32(12)
    const { mean } = moments(() => sampleBeta(uniform, 0.793, 2.426), 100_000)
    expectClose(mean, 0.793 / (0.793 + 2.426), { relTol: 0.02 })
  })
})

describe('generateBgNbdPopulation', () => {
  const options = {
    customers: 20_000,
    params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    unitDays: 7,
    ageDays: { min: 189, max: 273 },
    seed: 5,
  }

  it('is reproducible from its seed and gives possible histories on the day grid', () => {
    const first = generateBgNbdPopulation(options)
    const second = generateBgNbdPopulation(options)
    expect(second.frequency).toEqual(first.frequency)
    const impossible = []
    for (let i = 0; i < first.length; i++) {
      const ageDays = first.age[i]! * 7
      const fine =
        first.recency[i]! <= first.age[i]! &&
        Math.abs(ageDays - Math.round(ageDays)) < 1e-9 &&
        ageDays >= 189 &&
        ageDays <= 273 &&
        bgNbdProbabilityAlive(
          options.params,
          first.frequency[i]!,
          first.recency[i]!,
          first.age[i]!,
        ) > 0
      if (!fine) {
        impossible.push(i)
      }
    }
    expect(impossible).toEqual([])
  })

  it('draws about as many repeat buyers as CDNOW has (946 of 2,357, 40 %)', () => {
    const population = generateBgNbdPopulation(options)
    const repeaters = population.frequency.filter((x) => x > 0).length / population.length
    expect(repeaters).toBeGreaterThan(0.33)
    expect(repeaters).toBeLessThan(0.47)
  })
})
