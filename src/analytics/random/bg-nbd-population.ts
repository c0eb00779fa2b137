import type { RfmSummary } from '../types.js'
import { createMulberry32 } from './mulberry32.js'
import { sampleBeta, sampleExponential, sampleGamma, type Uniform } from './variates.js'

/** How to draw a population of customers from BG/NBD. */
export interface BgNbdPopulationOptions {
  readonly customers: number
  /** r, alpha, a, b in the output time unit */
  readonly params: {
    readonly r: number
    readonly alpha: number
    readonly a: number
    readonly b: number
  }
  /** days per output time unit: 7 for weeks, 1 for days */
  readonly unitDays: number
  /** whole days from first purchase to the end of calibration, drawn uniformly in [min, max] */
  readonly ageDays: { readonly min: number; readonly max: number }
  readonly seed: number
}

/** Simulates one customer in days; writes x, last purchase day and age day into `out`. */
function simulateCustomer(
  uniform: Uniform,
  options: BgNbdPopulationOptions,
  out: Int32Array,
): void {
  const { params, unitDays, ageDays } = options
  const ratePerDay = sampleGamma(uniform, params.r, params.alpha) / unitDays
  const dropout = sampleBeta(uniform, params.a, params.b)
  const age = ageDays.min + Math.floor(uniform() * (ageDays.max - ageDays.min + 1))
  let time = 0
  let lastDay = 0
  let x = 0
  for (;;) {
    time += sampleExponential(uniform, ratePerDay)
    const day = Math.ceil(time)
    if (!(day <= age)) {
      break
    }
    // purchases on one day merge into one order, as the summaries count them
    if (day !== lastDay) {
      x++
      lastDay = day
    }
    if (uniform() < dropout) {
      break
    }
  }
  out[0] = x
  out[1] = lastDay
  out[2] = age
}

/**
 * Draws a recency/frequency summary (one row per customer, weight 1) from the BG/NBD model of
 * Fader, Hardie & Lee (2005): λ ~ Gamma(r, α), p ~ Beta(a, b), purchases a Poisson process in
 * whole days (same-day purchases merge), dropout with probability p after each purchase, ages
 * uniform over whole days. Seeded, so the same options give the same population. O(customers ·
 * purchases).
 *
 * @example
 * ```ts
 * const cdnowLike = generateBgNbdPopulation({
 *   customers: 1_000_000, unitDays: 7, ageDays: { min: 189, max: 273 }, seed: 1,
 *   params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
 * })
 * ```
 */
export function generateBgNbdPopulation(options: BgNbdPopulationOptions): RfmSummary {
  const n = options.customers
  const uniform = createMulberry32(options.seed)
  const summary = {
    length: n,
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    age: new Float64Array(n),
    weights: new Float64Array(n).fill(1),
  }
  const customer = new Int32Array(3)
  for (let i = 0; i < n; i++) {
    simulateCustomer(uniform, options, customer)
    summary.frequency[i] = customer[0]!
    summary.recency[i] = customer[1]! / options.unitDays
    summary.age[i] = customer[2]! / options.unitDays
  }
  return summary
}
