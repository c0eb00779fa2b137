import { AnalyticsInputError } from '../errors.js'
import { withCentralDifferenceGradient } from '../optimize/numerical-gradient.js'
import { distinctRows } from '../rfm/distinct-rows.js'
import { logBeta } from '../special/log-beta.js'
import { logGamma } from '../special/log-gamma.js'
import type { FitOptions, FitResult, ModelParams } from '../types.js'
import {
  type BgBbParams,
  bgBbLogLikelihood,
  createBgBbObjective,
  type DiscreteRfmSummary,
} from './bg-bb-likelihood.js'
import { fitInLogSpace, startingPoint } from './fit-in-log-space.js'

const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const
/** within this of γ = 1 the closed forms are 0/0: average the two sides (error O(δ²)) */
const NEAR_ONE = 1e-4

function historyProblem(x: number, recency: number, n: number): string | null {
  if (!(Number.isInteger(n) && n >= 1)) {
    return `periods ${n} is not a whole number ≥ 1`
  }
  if (!(Number.isInteger(x) && x >= 0 && x <= n)) {
    return `frequency ${x} is not a whole number in 0..${n}`
  }
  if (!(Number.isInteger(recency) && recency >= 0 && recency <= n)) {
    return `recency ${recency} is not a whole period in 0..${n}`
  }
  if (x > recency || x > 0 !== recency > 0) {
    return `frequency ${x} cannot end in period ${recency}`
  }
  return null
}

function validateDiscrete(summary: DiscreteRfmSummary): { customers: number; repeats: number } {
  let customers = 0
  let repeats = 0
  for (let i = 0; i < summary.length; i++) {
    const w = summary.weights[i]
    const problem =
      w === undefined || !(w >= 0 && Number.isFinite(w))
        ? `weight ${w} is not a finite number ≥ 0`
        : historyProblem(
            summary.frequency[i] ?? Number.NaN,
            summary.recency[i] ?? Number.NaN,
            summary.periods[i] ?? Number.NaN,
          )
    if (problem !== null) {
      throw new AnalyticsInputError('invalid_input', `fit bg-bb: row ${i}: ${problem}`)
    }
    customers += w ?? 0
    repeats += (w ?? 0) * summary.frequency[i]!
  }
  return { customers, repeats }
}

function compressDiscrete(summary: DiscreteRfmSummary): DiscreteRfmSummary {
  const groups = distinctRows([summary.frequency, summary.recency, summary.periods], summary.length)
  const weights = new Float64Array(groups.count)
  for (let i = 0; i < summary.length; i++) {
    weights[groups.rowOf[i]!]! += summary.weights[i]!
  }
  const pick = (column: Float64Array) =>
    Float64Array.from(groups.representative, (row) => column[row]!)
  return {
    length: groups.count,
    frequency: pick(summary.frequency),
    recency: pick(summary.recency),
    periods: pick(summary.periods),
    weights,
  }
}

/**
 * Fits the BG/BB model for discrete transaction opportunities (yearly donations, renewals) by
 * maximum likelihood (Fader, Hardie & Shang 2010, Marketing Science 29(6), §2); params alpha,
 * beta (transaction probability) and gamma, delta (dropout probability). Validates, compresses
 * to distinct (x, t_x, n), then BFGS on central-difference gradients in log-parameters. Throws
 * `AnalyticsInputError` for malformed input, fewer than 2 customers or no repeat transaction.
 *
 * @example
 * ```ts
 * fitBgBb(donations) // alpha 1.204, beta 0.750, gamma 0.657, delta 2.783
 * ```
 */
export function fitBgBb(summary: DiscreteRfmSummary, options?: FitOptions): FitResult {
  const { customers, repeats } = validateDiscrete(summary)
  if (customers < 2 || repeats === 0) {
    throw new AnalyticsInputError(
      'insufficient_data',
      `fit bg-bb: needs at least 2 customers and a repeat transaction (got ${customers} customers, ${repeats} repeats)`,
    )
  }
  const compressed = compressDiscrete(summary)
  return fitInLogSpace(
    {
      model: 'bg-bb',
      names: NAMES,
      objective: withCentralDifferenceGradient(createBgBbObjective(compressed)),
      initial: startingPoint(NAMES, Float64Array.from([1, 1, 1, 1]), options),
      useGradient: true,
      customers,
      distinctRows: compressed.length,
    },
    options,
  )
}

function readBgBbParams(params: ModelParams, caller: string): BgBbParams {
  const values = NAMES.map((name) => {
    const value = params[name]
    if (value === undefined || !(value > 0 && Number.isFinite(value))) {
      throw new AnalyticsInputError(
        'invalid_input',
        `${caller}: parameter ${name} = ${value} is not a positive number`,
      )
    }
    return value
  })
  return { alpha: values[0]!, beta: values[1]!, gamma: values[2]!, delta: values[3]! }
}

function checkDiscreteHistory(caller: string, x: number, recency: number, n: number): void {
  const problem = historyProblem(x, recency, n)
  if (problem !== null) {
    throw new AnalyticsInputError('invalid_input', `${caller}: ${problem}`)
  }
}

/**
 * P(alive in period n+1 | x, t_x, n) under BG/BB = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L
 * (Fader, Hardie & Shang 2010, appendix, eq. A10). For "still alive after k more periods without a
 * transaction", pass n + k. O(n − t_x).
 */
export function bgBbProbabilityAlive(
  params: ModelParams,
  x: number,
  recency: number,
  n: number,
): number {
  checkDiscreteHistory('bgBbProbabilityAlive', x, recency, n)
  const p = readBgBbParams(params, 'bgBbProbabilityAlive')
  const logAlive =
    logBeta(p.alpha + x, p.beta + n - x) -
    logBeta(p.alpha, p.beta) +
    logBeta(p.gamma, p.delta + n + 1) -
    logBeta(p.gamma, p.delta)
  return Math.min(1, Math.exp(logAlive - bgBbLogLikelihood(p, x, recency, n)))
}

/** δ/(γ−1)·Γ(γ+δ)/Γ(1+δ)·[Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+m)/Γ(γ+δ+m)]: survival summed over periods n+1..m */
function survivalSum(gamma: number, delta: number, n: number, m: number): number {
  if (Math.abs(gamma - 1) < NEAR_ONE) {
    return 0.5 * (survivalSum(1 - NEAR_ONE, delta, n, m) + survivalSum(1 + NEAR_ONE, delta, n, m))
  }
  const lead = logGamma(gamma + delta) - logGamma(1 + delta)
  const first = Math.exp(lead + logGamma(1 + delta + n) - logGamma(gamma + delta + n))
  const last = Math.exp(lead + logGamma(1 + delta + m) - logGamma(gamma + delta + m))
  return (delta / (gamma - 1)) * (first - last)
}

/**
 * E[transactions in periods n+1..n+future | x, t_x, n] under BG/BB (Fader, Hardie & Shang 2010,
 * eq. 13): B(α+x+1, β+n−x)/B(α,β) / L · δ/(γ−1)·Γ(γ+δ)/Γ(1+δ)·[Γ(1+δ+n)/Γ(γ+δ+n) −
 * Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)]. O(n − t_x).
 */
export function bgBbExpectedTransactions(
  params: ModelParams,
  future: number,
  history: { x: number; recency: number; n: number },
): number {
  const { x, recency, n } = history
  checkDiscreteHistory('bgBbExpectedTransactions', x, recency, n)
  if (!(Number.isInteger(future) && future >= 0)) {
    throw new AnalyticsInputError(
      'invalid_input',
      `bgBbExpectedTransactions: future ${future} is not a whole number of periods`,
    )
  }
  const p = readBgBbParams(params, 'bgBbExpectedTransactions')
  const logLead =
    logBeta(p.alpha + x + 1, p.beta + n - x) -
    logBeta(p.alpha, p.beta) -
    bgBbLogLikelihood(p, x, recency, n)
  return Math.exp(logLead) * survivalSum(p.gamma, p.delta, n, n + future)
}

/**
 * E[X(n)], expected transactions of a new customer in the first n opportunities under BG/BB:
 * α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))] (Fader, Hardie & Shang 2010, §2). O(1).
 */
export function bgBbExpectedTransactionsNew(params: ModelParams, n: number): number {
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new AnalyticsInputError(
      'invalid_input',
      `bgBbExpectedTransactionsNew: ${n} is not a whole number of periods`,
    )
  }
  const p = readBgBbParams(params, 'bgBbExpectedTransactionsNew')
  return (p.alpha / (p.alpha + p.beta)) * survivalSum(p.gamma, p.delta, 0, n)
}

export type { BgBbParams, DiscreteRfmSummary }
