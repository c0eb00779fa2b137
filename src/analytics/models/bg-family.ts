import { AnalyticsInputError } from '../errors.js'
import { minimize } from '../optimize/minimize.js'
import { compressRfm } from '../rfm/compress.js'
import { requireFittableRfm, validateRfm } from '../rfm/validate.js'
import type { FitOptions, FitResult, ModelParams, RfmSummary } from '../types.js'
import { createBgFamilyData } from './bg-family-data.js'
import { aliveExpectedTransactions, type BgFamilyParams } from './bg-family-expectation.js'
import { createBgFamilyObjective } from './bg-family-likelihood.js'
import { fitInLogSpace, startingPoint } from './fit-in-log-space.js'

/** Which member of the BG/NBD family: the shift s of its dropout opportunities. */
export interface BgFamilyVariant {
  readonly model: 'bgnbd' | 'mbgnbd'
  /** 0: dropout only after a repeat purchase (BG/NBD); 1: also right after the first (MBG/NBD) */
  readonly shift: 0 | 1
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const

/** One customer's history: repeat purchases x, recency t_x and age T. */
export interface BgFamilyHistory {
  readonly x: number
  readonly recency: number
  readonly age: number
}

/** A start that matches the mean purchase rate: r/α = repeat transactions per unit of age. */
function defaultStart(summary: RfmSummary): Float64Array {
  let exposure = 0
  let repeats = 0
  for (let i = 0; i < summary.length; i++) {
    exposure += summary.weights[i]! * summary.age[i]!
    repeats += summary.weights[i]! * summary.frequency[i]!
  }
  const alpha = exposure > 0 && repeats > 0 ? exposure / repeats : 1
  return Float64Array.from([1, alpha, 1, 2])
}

/** distinct rows above which a fit first runs on a sample of them */
const WARM_START_ABOVE = 30_000
const SAMPLE_ROWS = 10_000

function everyNthRow(summary: RfmSummary, stride: number): RfmSummary {
  const length = Math.ceil(summary.length / stride)
  const sample = {
    length,
    frequency: new Float64Array(length),
    recency: new Float64Array(length),
    age: new Float64Array(length),
    weights: new Float64Array(length),
  }
  for (let k = 0; k < length; k++) {
    const row = k * stride
    sample.frequency[k] = summary.frequency[row]!
    sample.recency[k] = summary.recency[row]!
    sample.age[k] = summary.age[row]!
    sample.weights[k] = summary.weights[row]!
  }
  return sample
}

/**
 * A start for large fits: the optimum on every n-th distinct row (each keeps its weight, so the
 * sample's log-likelihood is an unbiased fraction of the full one) and BFGS's inverse Hessian
 * there, scaled to the full weight. It saves most of the full-data iterations; the full fit still
 * converges on all rows, so the result does not depend on it.
 */
function warmStart(
  variant: BgFamilyVariant,
  whole: { readonly compressed: RfmSummary; readonly customers: number },
  start: Float64Array,
) {
  const { compressed, customers } = whole
  if (compressed.length <= WARM_START_ABOVE) {
    return { initial: start }
  }
  const sample = createBgFamilyData(
    everyNthRow(compressed, Math.ceil(compressed.length / SAMPLE_ROWS)),
    variant.shift,
  )
  const found = minimize(createBgFamilyObjective(sample), start.map(Math.log))
  if (!found.converged || found.inverseHessian === undefined || sample.customers <= 0) {
    return { initial: start }
  }
  const scale = sample.customers / customers
  return {
    initial: found.x.map(Math.exp),
    initialInverseHessian: found.inverseHessian.map((v) => v * scale),
  }
}

/** Validates, compresses and fits a BG/NBD-family model by maximum likelihood in log-parameters. */
export function fitBgFamily(
  variant: BgFamilyVariant,
  summary: RfmSummary,
  options?: FitOptions,
): FitResult {
  const caller = `fit ${variant.model}`
  validateRfm(summary, caller)
  requireFittableRfm(summary, caller)
  const compressed = compressRfm(summary)
  const data = createBgFamilyData(compressed, variant.shift)
  const start = startingPoint(NAMES, defaultStart(compressed), options)
  const warm =
    options?.initial === undefined
      ? warmStart(variant, { compressed, customers: data.customers }, start)
      : { initial: start }
  return fitInLogSpace(
    {
      model: variant.model,
      names: NAMES,
      objective: createBgFamilyObjective(data),
      ...warm,
      useGradient: true,
      customers: data.customers,
      distinctRows: compressed.length,
    },
    options,
  )
}

/** Reads r, α, a, b from named parameters; throws `invalid_input` unless all are finite and > 0. */
export function readBgFamilyParams(params: ModelParams, caller: string): BgFamilyParams {
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
  return { r: values[0]!, alpha: values[1]!, a: values[2]!, b: values[3]! }
}

/** Throws `invalid_input` unless (x, t_x, T) is a possible history and t ≥ 0. */
export function checkHistory(caller: string, history: BgFamilyHistory, t = 0) {
  const { x, recency, age } = history
  const ok =
    Number.isInteger(x) &&
    x >= 0 &&
    recency >= 0 &&
    Number.isFinite(age) &&
    recency <= age &&
    (x > 0 || recency === 0) &&
    t >= 0 &&
    Number.isFinite(t)
  if (!ok) {
    throw new AnalyticsInputError(
      'invalid_input',
      `${caller}: (x ${x}, recency ${recency}, age ${age}, t ${t}) is not a possible history`,
    )
  }
}

/**
 * ln of the odds "dropped out after the last purchase" : "alive", a/(b+x+s−1)·((α+T)/(α+t_x))^(r+x),
 * or −Infinity when the model has no such term (BG/NBD with x = 0).
 */
function logDropoutOdds(p: BgFamilyParams, shift: number, history: BgFamilyHistory): number {
  const { x, recency, age } = history
  if (shift === 0 && x === 0) {
    return Number.NEGATIVE_INFINITY
  }
  const logAgeRatio = Math.log(p.alpha + age) - Math.log(p.alpha + recency)
  return Math.log(p.a) - Math.log(p.b + x + shift - 1) + (p.r + x) * logAgeRatio
}

/**
 * P(alive at T | x, t_x, T) = 1 / (1 + odds of having dropped out) (Fader, Hardie & Lee 2008,
 * "Computing P(alive) using the BG/NBD model"; Batislam et al. 2007 for MBG/NBD), computed
 * from the log-odds so it stays in [0, 1] for any history. O(1).
 */
export function bgFamilyProbabilityAlive(
  p: BgFamilyParams,
  shift: number,
  history: BgFamilyHistory,
): number {
  const u = logDropoutOdds(p, shift, history)
  if (u > 0) {
    const e = Math.exp(-u)
    return e / (1 + e)
  }
  return 1 / (1 + Math.exp(u))
}

/**
 * E[transactions in (T, T+t] | x, t_x, T] = P(alive) · N(x, T, t) (FHL 2005, eq. 10; BTYDplus's
 * `mbgcnbd.ConditionalExpectedTransactions` for MBG/NBD). O(series terms).
 */
export function bgFamilyExpectedTransactions(
  p: BgFamilyParams,
  shift: number,
  history: BgFamilyHistory,
  t: number,
): number {
  const alive = bgFamilyProbabilityAlive(p, shift, history)
  return alive * aliveExpectedTransactions(p, shift, history, t)
}
