/**
 * Shared shapes of the buy-till-you-die models. Time is in one unit throughout a fit (days or weeks,
 * the caller's choice); every array of a summary has `length` valid entries.
 */

/**
 * A compressed recency/frequency summary: one row per distinct (frequency, recency, T) with the
 * number of customers who share it (`weights`). Fader, Hardie & Lee 2005 call these x, t_x and T.
 */
export interface RfmSummary {
  readonly length: number
  /** repeat transactions x (whole numbers) */
  readonly frequency: Float64Array
  /** time from first to last transaction, t_x (0 when x = 0) */
  readonly recency: Float64Array
  /** time from first transaction to the end of calibration, T */
  readonly age: Float64Array
  /** customers sharing this row (1 for an uncompressed row) */
  readonly weights: Float64Array
}

/** The continuous-time models that predict from (x, t_x, T). */
export type TransactionModelName = 'bgnbd' | 'mbgnbd' | 'pareto-nbd'
export type ModelName = TransactionModelName | 'gamma-gamma' | 'bg-bb'

/** Named parameters, as in the papers: r, alpha, a, b, s, beta, p, q, gamma, delta. */
export type ModelParams = Readonly<Record<string, number>>

/** The outcome of a maximum-likelihood fit; `converged: false` always comes with a reason. */
export interface FitResult {
  readonly model: ModelName
  readonly params: ModelParams
  readonly logLikelihood: number
  /** from the inverse Hessian of the negative log-likelihood; null when it is not positive definite */
  readonly standardErrors: ModelParams | null
  readonly converged: boolean
  readonly reason: string
  readonly iterations: number
  /** customers (sum of weights) */
  readonly n: number
  /** distinct rows the likelihood was evaluated on */
  readonly distinctRows: number
}

/** Per-customer predictions of a fitted transaction model; all pure, O(1) per customer. */
export interface TransactionModel {
  readonly name: TransactionModelName
  /** fits on a summary (compressed or not: the fit compresses) */
  fit(summary: RfmSummary, options?: FitOptions): FitResult
  /** P(alive at T | x, t_x, T) */
  probabilityAlive(params: ModelParams, x: number, recency: number, age: number): number
  /** E[transactions in (T, T + t] | x, t_x, T] */
  expectedTransactions(
    params: ModelParams,
    t: number,
    x: number,
    recency: number,
    age: number,
  ): number
  /** E[transactions in (0, t]] for a new customer (used by holdout validation) */
  expectedTransactionsNew(params: ModelParams, t: number): number
}

export interface FitOptions {
  /** starting point in the model's own parameter names */
  readonly initial?: ModelParams
  readonly maxIterations?: number
}
