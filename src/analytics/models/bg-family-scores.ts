import { AnalyticsInputError } from '../errors.js'
import { compressRfmWithIndex } from '../rfm/compress.js'
import { distinctRows } from '../rfm/distinct-rows.js'
import { validateRfm } from '../rfm/validate.js'
import type { ModelParams, RfmSummary } from '../types.js'
import { bgFamilyProbabilityAlive, readBgFamilyParams } from './bg-family.js'
import { aliveExpectedTransactions, type BgFamilyParams } from './bg-family-expectation.js'
import {
  type DiscountOptions,
  type DiscountSchedule,
  discountedTransactions,
  discountSchedule,
} from './clv.js'

/** What to score beside P(alive). */
export interface CustomerScoreOptions {
  /** expected transactions in (T, T + horizon], in the summary's time unit */
  readonly horizon: number
  /** when given, also the discounted expected transactions for a CLV */
  readonly discounting?: DiscountOptions
}

/** Scores of every input row, in input order. */
export interface CustomerScores {
  readonly probabilityAlive: Float64Array
  readonly expectedTransactions: Float64Array
  /** Σ discount × expected transactions per step; × expected spend = CLV. Null without `discounting`. */
  readonly discountedTransactions: Float64Array | null
  /** distinct (x, t_x, T) rows actually evaluated */
  readonly distinctRows: number
}

interface PairTerms {
  readonly rowPair: Int32Array
  readonly alive: Float64Array
  readonly discounted: Float64Array | null
}

/** N(x, T, horizon) and the discounted N per distinct (x, T): they do not depend on t_x. */
function pairTerms(
  model: { readonly p: BgFamilyParams; readonly shift: number },
  rows: RfmSummary,
  what: { readonly horizon: number; readonly schedule: DiscountSchedule | null },
): PairTerms {
  const { p, shift } = model
  const { horizon, schedule } = what
  const pairs = distinctRows([rows.frequency, rows.age], rows.length)
  const alive = new Float64Array(pairs.count)
  const discounted = schedule === null ? null : new Float64Array(pairs.count)
  for (let k = 0; k < pairs.count; k++) {
    const row = pairs.representative[k]!
    const history = { x: rows.frequency[row]!, age: rows.age[row]! }
    alive[k] = aliveExpectedTransactions(p, shift, history, horizon)
    if (discounted !== null && schedule !== null) {
      discounted[k] = discountedTransactions(
        (t) => aliveExpectedTransactions(p, shift, history, t),
        schedule,
      )
    }
  }
  return { rowPair: pairs.rowOf, alive, discounted }
}

/**
 * Scores every customer of a summary under a fitted BG/NBD (shift 0) or MBG/NBD (shift 1):
 * P(alive), expected transactions over `horizon` and, with `discounting`, the discounted expected
 * transactions that times expected spend give CLV. Works on distinct rows and maps back: the 2F1
 * terms are computed once per distinct (x, T), and each distinct (x, t_x, T) costs one exp.
 * Throws `AnalyticsInputError` for malformed rows or parameters. O(n) plus
 * O(distinct (x, T) · steps · series terms).
 *
 * @example
 * ```ts
 * const scores = scoreBgFamilyCustomers('bgnbd', fit.params, summary, { horizon: 52 })
 * ```
 */
export function scoreBgFamilyCustomers(
  model: 'bgnbd' | 'mbgnbd',
  params: ModelParams,
  summary: RfmSummary,
  options: CustomerScoreOptions,
): CustomerScores {
  const caller = `score ${model}`
  validateRfm(summary, caller)
  const p = readBgFamilyParams(params, caller)
  const shift = model === 'bgnbd' ? 0 : 1
  const schedule = options.discounting === undefined ? null : discountSchedule(options.discounting)
  const { summary: rows, rowOf } = compressRfmWithIndex(summary)
  const horizon = options.horizon
  if (!(horizon >= 0 && Number.isFinite(horizon))) {
    throw new AnalyticsInputError(
      'invalid_input',
      `${caller}: horizon ${horizon} is not a finite time ≥ 0`,
    )
  }
  const pairs = pairTerms({ p, shift }, rows, { horizon, schedule })
  const rowAlive = new Float64Array(rows.length)
  for (let k = 0; k < rows.length; k++) {
    rowAlive[k] = bgFamilyProbabilityAlive(p, shift, {
      x: rows.frequency[k]!,
      recency: rows.recency[k]!,
      age: rows.age[k]!,
    })
  }
  const n = summary.length
  const probabilityAlive = new Float64Array(n)
  const expectedTransactions = new Float64Array(n)
  const discounted = pairs.discounted === null ? null : new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const k = rowOf[i]!
    const pair = pairs.rowPair[k]!
    const alive = rowAlive[k]!
    probabilityAlive[i] = alive
    expectedTransactions[i] = alive * pairs.alive[pair]!
    if (discounted !== null) {
      discounted[i] = alive * pairs.discounted![pair]!
    }
  }
  return {
    probabilityAlive,
    expectedTransactions,
    discountedTransactions: discounted,
    distinctRows: rows.length,
  }
}
