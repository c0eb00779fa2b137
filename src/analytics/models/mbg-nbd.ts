import type { FitOptions, FitResult, ModelParams, RfmSummary, TransactionModel } from '../types.js'
import {
  bgFamilyExpectedTransactions,
  bgFamilyProbabilityAlive,
  checkHistory,
  fitBgFamily,
  readBgFamilyParams,
} from './bg-family.js'

const VARIANT = { model: 'mbgnbd', shift: 1 } as const

/**
 * Fits the MBG/NBD model (Batislam, Denizel & Filiztekin 2007, "Empirical validation and
 * comparison of models for customer base analysis", IJRM 24(3); the same model as Hoppe &
 * Wagner's CBG/NBD, fitted as BTYDplus's `mbgnbd.EstimateParameters`) on the distinct (x, t_x, T)
 * rows, in log-parameters with the analytic gradient; params r, alpha, a, b. Unlike BG/NBD a
 * customer may drop out right after the first purchase too, so one-time buyers can be gone.
 * Throws `AnalyticsInputError` for malformed or too-thin input. O(n), then O(distinct rows) per
 * iteration.
 *
 * @example
 * ```ts
 * const fit = fitMbgNbd(summary) // CDNOW: r 0.525, alpha 6.183, a 0.891, b 1.614
 * ```
 */
export function fitMbgNbd(summary: RfmSummary, options?: FitOptions): FitResult {
  return fitBgFamily(VARIANT, summary, options)
}

/**
 * P(alive at T | x, t_x, T) under MBG/NBD: 1 / (1 + a/(b+x)·((α+T)/(α+t_x))^(r+x)) (Batislam et
 * al. 2007; BTYDplus `mbgcnbd.PAlive` with k = 1). Below 1 for one-time buyers too. O(1).
 */
export function mbgNbdProbabilityAlive(
  params: ModelParams,
  x: number,
  recency: number,
  age: number,
): number {
  const history = { x, recency, age }
  checkHistory('mbgNbdProbabilityAlive', history)
  return bgFamilyProbabilityAlive(readBgFamilyParams(params, 'mbgNbdProbabilityAlive'), 1, history)
}

/**
 * E[transactions in (T, T+t] | x, t_x, T] under MBG/NBD:
 * P(alive)·(a+b+x)/(a−1)·[1 − ((α+T)/(α+T+t))^(r+x)·2F1(r+x, b+x+1; a+b+x; t/(α+T+t))]
 * (BTYDplus `mbgcnbd.ConditionalExpectedTransactions` with k = 1), its 2F1 summed after Euler's
 * transformation. O(series terms).
 */
export function mbgNbdExpectedTransactions(
  params: ModelParams,
  t: number,
  history: { x: number; recency: number; age: number },
): number {
  checkHistory('mbgNbdExpectedTransactions', history, t)
  return bgFamilyExpectedTransactions(
    readBgFamilyParams(params, 'mbgNbdExpectedTransactions'),
    1,
    history,
    t,
  )
}

/**
 * E[X(t)], expected repeat transactions in (0, t] of a new customer under MBG/NBD:
 * b/(a−1)·[1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))] (BTYDplus `mbgcnbd.Expectation`, k = 1).
 */
export function mbgNbdExpectedTransactionsNew(params: ModelParams, t: number): number {
  const history = { x: 0, recency: 0, age: 0 }
  checkHistory('mbgNbdExpectedTransactionsNew', history, t)
  return bgFamilyExpectedTransactions(
    readBgFamilyParams(params, 'mbgNbdExpectedTransactionsNew'),
    1,
    history,
    t,
  )
}

/** The MBG/NBD model as a `TransactionModel` (Batislam, Denizel & Filiztekin 2007). */
export const mbgNbd: TransactionModel = {
  name: 'mbgnbd',
  fit: fitMbgNbd,
  probabilityAlive: mbgNbdProbabilityAlive,
  expectedTransactions: (params, t, x, recency, age) =>
    mbgNbdExpectedTransactions(params, t, { x, recency, age }),
  expectedTransactionsNew: mbgNbdExpectedTransactionsNew,
}
