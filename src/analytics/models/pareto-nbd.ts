/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): while alive a customer buys at a
 * Poisson rate λ ~ Gamma(r, α) and dies after an exponential lifetime with rate μ ~ Gamma(s, β),
 * unobserved. Fit by maximum likelihood on distinct (x, t_x, T) rows in log-parameters, with the
 * all-positive likelihood of `pareto-nbd-terms.ts` and its analytic gradient.
 */
import { AnalyticsInputError } from '../errors.js'
import { compressRfm } from '../rfm/compress.js'
import { requireFittableRfm, validateRfm } from '../rfm/validate.js'
import type { FitOptions, FitResult, ModelParams, RfmSummary, TransactionModel } from '../types.js'
import { fitInLogSpace, startingPoint } from './fit-in-log-space.js'
import { createParetoNbdData } from './pareto-nbd-data.js'
import { createParetoNbdObjective } from './pareto-nbd-likelihood.js'
import { createRidgeGuard, describeRidge } from './pareto-nbd-ridge.js'
import {
  ALIVE_TERM,
  DIED_TERM,
  logAddExp,
  logParetoNbdTerm,
  logSurvivalFactor,
  type ParetoNbdParams,
} from './pareto-nbd-terms.js'

const NAMES = ['r', 'alpha', 's', 'beta'] as const

/**
 * A start with the right mean purchase rate (r/α = repeat transactions per unit of age) and a mean
 * lifetime of the mean age (β/s), so the start is the same in days or weeks up to scale.
 */
function defaultStart(summary: RfmSummary): Float64Array {
  let exposure = 0
  let repeats = 0
  let customers = 0
  for (let i = 0; i < summary.length; i++) {
    exposure += summary.weights[i]! * summary.age[i]!
    repeats += summary.weights[i]! * summary.frequency[i]!
    customers += summary.weights[i]!
  }
  const alpha = exposure > 0 && repeats > 0 ? exposure / repeats : 1
  const beta = exposure > 0 && customers > 0 ? exposure / customers : 1
  return Float64Array.from([1, alpha, 1, beta])
}

/**
 * Fits the Pareto/NBD model to a recency/frequency summary by maximum likelihood: validates it,
 * compresses it to distinct rows, and minimises the negative log-likelihood in (ln r, ln α, ln s,
 * ln β) by BFGS with the analytic gradient; standard errors from the Hessian (delta method).
 * Reproduces Fader & Hardie's CDNOW estimates r 0.553, α 10.578, s 0.606, β 11.669, LL −9595.0.
 * Data with no maximum inside the model (no sign of dropout, or rates that do not vary between
 * customers) end early with `converged: false`, the best parameters reached, no standard errors
 * and a reason naming the boundary; the optimiser's evaluation budget bounds every other case.
 * O(distinct (x, T) and (x, t_x) pairs × 2F1 terms + distinct rows) per evaluation.
 * Throws `AnalyticsInputError` for a malformed summary, fewer than two customers or no repeat
 * transaction.
 *
 * @example
 * ```ts
 * const fit = fitParetoNbd(summary) // fit.params.r, fit.params.alpha, fit.params.s, fit.params.beta
 * ```
 */
export function fitParetoNbd(summary: RfmSummary, options?: FitOptions): FitResult {
  const caller = 'fit pareto-nbd'
  validateRfm(summary, caller)
  requireFittableRfm(summary, caller)
  const compressed = compressRfm(summary)
  const data = createParetoNbdData(compressed)
  const guard = createRidgeGuard(createParetoNbdObjective(data))
  const fit = fitInLogSpace(
    {
      model: 'pareto-nbd',
      names: NAMES,
      objective: guard.objective,
      initial: startingPoint(NAMES, defaultStart(compressed), options),
      useGradient: true,
      customers: data.customers,
      distinctRows: compressed.length,
    },
    options,
  )
  // a fit that ends flat on a ridge before the guard sees it run gets the same explanation
  const theta = Float64Array.from(NAMES, (name) => Math.log(fit.params[name] ?? 1))
  const flat = fit.converged ? null : describeRidge(theta, null)
  const ridge = guard.reason() ?? (flat === null ? null : `${flat} (${fit.reason})`)
  return ridge === null ? fit : { ...fit, converged: false, reason: ridge, standardErrors: null }
}

/** Reads r, α, s, β from named parameters; throws `invalid_input` unless all are finite and > 0. */
export function readParetoNbdParams(params: ModelParams, caller: string): ParetoNbdParams {
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
  return { r: values[0]!, alpha: values[1]!, s: values[2]!, beta: values[3]! }
}

/** Throws `invalid_input` unless (x, t_x, T) is a possible history and the horizon t is ≥ 0. */
function checkHistory(caller: string, x: number, recency: number, age: number, t = 0): void {
  const possible =
    Number.isInteger(x) &&
    x >= 0 &&
    recency >= 0 &&
    recency <= age &&
    Number.isFinite(age) &&
    (x > 0 || recency === 0) &&
    t >= 0 &&
    Number.isFinite(t)
  if (!possible) {
    throw new AnalyticsInputError(
      'invalid_input',
      `${caller}: (x ${x}, recency ${recency}, age ${age}, t ${t}) is not a possible history`,
    )
  }
}

/** ln P(alive at T | x, t_x, T) = ln[α^r β^s (α+T)^(−(r+x))(β+T)^(−s)] − ln(L·Γ(r)/Γ(r+x)) */
function logProbabilityAlive(p: ParetoNbdParams, x: number, recency: number, age: number): number {
  const alive = logParetoNbdTerm(p, ALIVE_TERM, x, age, null)
  const died = logParetoNbdTerm(p, DIED_TERM, x, recency, null)
  const logAliveAtAge = logSurvivalFactor(p, x, age)
  const logMass = logAddExp(alive, died) - Math.log(p.r + p.s + x)
  return Math.min(0, logAliveAtAge - logMass)
}

/**
 * P(alive at T | x, t_x, T) under Pareto/NBD: the "alive at T" part of the likelihood over the
 * whole (Fader & Hardie 2005 note, "P(alive)"), from the all-positive terms, so it stays in [0, 1] for
 * customers with thousands of orders. O(2F1 terms). Throws `invalid_input` for bad parameters or
 * an impossible history.
 *
 * @example
 * ```ts
 * paretoNbdProbabilityAlive({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 2, 30, 38)
 * ```
 */
export function paretoNbdProbabilityAlive(
  params: ModelParams,
  x: number,
  recency: number,
  age: number,
): number {
  const p = readParetoNbdParams(params, 'pareto-nbd probabilityAlive')
  checkHistory('pareto-nbd probabilityAlive', x, recency, age)
  return Math.exp(logProbabilityAlive(p, x, recency, age))
}

/**
 * P(alive at T + t | x, t_x, T): alive at T, then surviving t more, whatever is bought meanwhile;
 * given alive at T the dropout rate is Gamma(s, β + T), so survival is ((β+T)/(β+T+t))^s. For
 * "alive at T + t if nothing is bought until then" use {@link paretoNbdProbabilityAlive} with age
 * T + t. O(2F1 terms). Throws `invalid_input` as {@link paretoNbdProbabilityAlive}, or for t < 0.
 *
 * @example
 * ```ts
 * paretoNbdProbabilityAliveAt(params, { x: 2, recency: 30, age: 38 }, 13) // 13 weeks ahead
 * ```
 */
export function paretoNbdProbabilityAliveAt(
  params: ModelParams,
  history: { readonly x: number; readonly recency: number; readonly age: number },
  t: number,
): number {
  const caller = 'pareto-nbd probabilityAliveAt'
  const p = readParetoNbdParams(params, caller)
  const { x, recency, age } = history
  checkHistory(caller, x, recency, age, t)
  const survival = -p.s * Math.log1p(t / (p.beta + age))
  return Math.exp(logProbabilityAlive(p, x, recency, age) + survival)
}

/**
 * E[min(τ, t)] of a lifetime τ ~ Exponential(μ), μ ~ Gamma(s, base):
 * base/(s−1)·[1 − (base/(base+t))^(s−1)], with its s = 1 limit base·ln(1 + t/base).
 */
function expectedAliveTime(s: number, base: number, t: number): number {
  const logGrowth = Math.log1p(t / base)
  const k = s - 1
  return k === 0 ? base * logGrowth : (base * -Math.expm1(-k * logGrowth)) / k
}

/**
 * E[transactions in (T, T + t] | x, t_x, T] = (r+x)/(α+T) · E[time alive in (T, T+t]] · P(alive)
 * (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note), stable at s = 1.
 * O(2F1 terms). Throws `invalid_input` for bad parameters, history or t < 0.
 *
 * @example
 * ```ts
 * paretoNbdExpectedTransactions(params, 39, 2, 30, 38) // next 39 weeks
 * ```
 */
export function paretoNbdExpectedTransactions(
  params: ModelParams,
  t: number,
  x: number,
  recency: number,
  age: number,
): number {
  const caller = 'pareto-nbd expectedTransactions'
  const p = readParetoNbdParams(params, caller)
  checkHistory(caller, x, recency, age, t)
  const alive = Math.exp(logProbabilityAlive(p, x, recency, age))
  return ((p.r + x) / (p.alpha + age)) * expectedAliveTime(p.s, p.beta + age, t) * alive
}

/**
 * E[X(t)]: expected transactions in (0, t] of a new customer, rβ/(α(s−1))·[1 − (β/(β+t))^(s−1)]
 * (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note). O(1).
 * Throws `invalid_input` for bad parameters or t < 0.
 *
 * @example
 * ```ts
 * paretoNbdExpectedTransactionsNew(params, 39)
 * ```
 */
export function paretoNbdExpectedTransactionsNew(params: ModelParams, t: number): number {
  const caller = 'pareto-nbd expectedTransactionsNew'
  const p = readParetoNbdParams(params, caller)
  checkHistory(caller, 0, 0, 0, t)
  return (p.r / p.alpha) * expectedAliveTime(p.s, p.beta, t)
}

/** The Pareto/NBD model behind the shared {@link TransactionModel} interface. */
export const paretoNbd: TransactionModel = {
  name: 'pareto-nbd',
  fit: fitParetoNbd,
  probabilityAlive: paretoNbdProbabilityAlive,
  expectedTransactions: paretoNbdExpectedTransactions,
  expectedTransactionsNew: paretoNbdExpectedTransactionsNew,
}
