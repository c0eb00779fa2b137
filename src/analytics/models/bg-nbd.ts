import type { FitOptions, FitResult, ModelParams, RfmSummary, TransactionModel } from '../types.js'
import {
  bgFamilyExpectedTransactions,
  bgFamilyProbabilityAlive,
  checkHistory,
  fitBgFamily,
  readBgFamilyParams,
} from './bg-family.js'

const VARIANT = { model: 'bgnbd', shift: 0 } as const

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way",
 * Marketing Science 24(2), §3; the log form of Fader & Hardie's note 004) by maximum likelihood on the distinct (x, t_x, T) rows, in
 * log-parameters with the analytic gradient; params r, alpha, a, b. Throws `AnalyticsInputError`
 * for malformed or too-thin input. O(n) to compress, then O(distinct rows) per iteration.
 *
 * @example
 * ```ts
 * const fit = fitBgNbd(summary) // CDNOW: r 0.243, alpha 4.414, a 0.793, b 2.426
 * ```
 */
export function fitBgNbd(summary: RfmSummary, options?: FitOptions): FitResult {
  return fitBgFamily(VARIANT, summary, options)
}

/**
 * P(alive at T | x, t_x, T) under BG/NBD: 1 / (1 + δ(x>0)·a/(b+x−1)·((α+T)/(α+t_x))^(r+x))
 * (Fader, Hardie & Lee 2008, "Computing P(alive) using the BG/NBD model"). Exactly 1 for x = 0:
 * the model lets customers drop out only right after a repeat purchase. O(1).
 */
export function bgNbdProbabilityAlive(
  params: ModelParams,
  x: number,
  recency: number,
  age: number,
): number {
  const history = { x, recency, age }
  checkHistory('bgNbdProbabilityAlive', history)
  return bgFamilyProbabilityAlive(readBgFamilyParams(params, 'bgNbdProbabilityAlive'), 0, history)
}

/**
 * E[transactions in (T, T+t] | x, t_x, T] under BG/NBD (Fader, Hardie & Lee 2005, eq. 10),
 * its 2F1 summed after Euler's transformation. O(series terms), tens for t ≲ α + T.
 */
export function bgNbdExpectedTransactions(
  params: ModelParams,
  t: number,
  history: { x: number; recency: number; age: number },
): number {
  checkHistory('bgNbdExpectedTransactions', history, t)
  return bgFamilyExpectedTransactions(
    readBgFamilyParams(params, 'bgNbdExpectedTransactions'),
    0,
    history,
    t,
  )
}

/**
 * E[X(t)], expected repeat transactions in (0, t] of a new customer under BG/NBD:
 * (a+b−1)/(a−1)·[1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))] (Fader, Hardie & Lee 2005, eq. 9).
 */
export function bgNbdExpectedTransactionsNew(params: ModelParams, t: number): number {
  const history = { x: 0, recency: 0, age: 0 }
  checkHistory('bgNbdExpectedTransactionsNew', history, t)
  return bgFamilyExpectedTransactions(
    readBgFamilyParams(params, 'bgNbdExpectedTransactionsNew'),
    0,
    history,
    t,
  )
}

/** The BG/NBD model as a `TransactionModel` (Fader, Hardie & Lee 2005). */
export const bgNbd: TransactionModel = {
  name: 'bgnbd',
  fit: fitBgNbd,
  probabilityAlive: bgNbdProbabilityAlive,
  expectedTransactions: (params, t, x, recency, age) =>
    bgNbdExpectedTransactions(params, t, { x, recency, age }),
  expectedTransactionsNew: bgNbdExpectedTransactionsNew,
}
