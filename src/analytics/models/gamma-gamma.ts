import { AnalyticsInputError } from '../errors.js'
import { distinctRows } from '../rfm/distinct-rows.js'
import type { FitOptions, FitResult, ModelParams } from '../types.js'
import { fitInLogSpace, startingPoint } from './fit-in-log-space.js'
import { createGammaGammaObjective, type SpendRows } from './gamma-gamma-likelihood.js'

/** Per-customer repeat transactions and their mean spend, with weights (1 per customer). */
export interface SpendSummary {
  readonly length: number
  /** repeat transactions x (whole numbers) */
  readonly frequency: Float64Array
  /** mean value of the x repeat transactions, m_x (0 when x = 0) */
  readonly meanSpend: Float64Array
  readonly weights: Float64Array
}

const NAMES = ['p', 'q', 'gamma'] as const

function validateSpend(summary: SpendSummary): void {
  const { length, frequency, meanSpend, weights } = summary
  if (frequency.length < length || meanSpend.length < length || weights.length < length) {
    throw new AnalyticsInputError(
      'invalid_input',
      `fit gamma-gamma: columns shorter than length ${length}`,
    )
  }
  for (let i = 0; i < length; i++) {
    const x = frequency[i]!
    const m = meanSpend[i]!
    const w = weights[i]!
    if (
      !(
        Number.isInteger(x) &&
        x >= 0 &&
        m >= 0 &&
        Number.isFinite(m) &&
        w >= 0 &&
        Number.isFinite(w)
      )
    ) {
      throw new AnalyticsInputError(
        'invalid_input',
        `fit gamma-gamma: row ${i} (frequency ${x}, mean spend ${m}, weight ${w}) needs a whole frequency ≥ 0 and finite spend and weight ≥ 0`,
      )
    }
  }
}

/** The distinct (x, m_x) rows with x > 0 and m_x > 0, weights summed. */
function spendRows(summary: SpendSummary): SpendRows {
  const groups = distinctRows([summary.frequency, summary.meanSpend], summary.length)
  const summed = new Float64Array(groups.count)
  for (let i = 0; i < summary.length; i++) {
    summed[groups.rowOf[i]!]! += summary.weights[i]!
  }
  const keep: number[] = []
  for (let k = 0; k < groups.count; k++) {
    const row = groups.representative[k]!
    if (summary.frequency[row]! > 0 && summary.meanSpend[row]! > 0 && summed[k]! > 0) {
      keep.push(k)
    }
  }
  const pick = (column: Float64Array) =>
    Float64Array.from(keep, (k) => column[groups.representative[k]!]!)
  return {
    length: keep.length,
    frequency: pick(summary.frequency),
    meanSpend: pick(summary.meanSpend),
    weights: Float64Array.from(keep, (k) => summed[k]!),
  }
}

/**
 * Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value
 * Curves for Customer Base Analysis", JMR 42(4); Fader & Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value") by maximum likelihood on the repeat buyers: spend per transaction ~ Gamma(p, ν),
 * ν ~ Gamma(q, γ); params p, q, gamma. Customers with x = 0 carry no spend information and those
 * with a mean spend of 0 (free orders only) have zero density; both are left out and not counted
 * in `n`. Throws `AnalyticsInputError` for malformed input or fewer than 2 usable customers.
 * O(n) to compress, then O(distinct (x, m_x)) per iteration.
 *
 * @example
 * ```ts
 * fitGammaGamma({ length, frequency, meanSpend, weights }) // CDNOW: p 6.25, q 3.74, gamma 15.44
 * ```
 */
export function fitGammaGamma(summary: SpendSummary, options?: FitOptions): FitResult {
  validateSpend(summary)
  const rows = spendRows(summary)
  let customers = 0
  let spend = 0
  for (let k = 0; k < rows.length; k++) {
    customers += rows.weights[k]!
    spend += rows.weights[k]! * rows.meanSpend[k]!
  }
  if (customers < 2) {
    throw new AnalyticsInputError(
      'insufficient_data',
      'fit gamma-gamma: needs at least 2 repeat buyers with a positive mean spend',
    )
  }
  // start with p = 1, q = 2 and the population mean pγ/(q−1) at the observed mean spend
  const defaults = Float64Array.from([1, 2, spend / customers])
  return fitInLogSpace(
    {
      model: 'gamma-gamma',
      names: NAMES,
      objective: createGammaGammaObjective(rows),
      initial: startingPoint(NAMES, defaults, options),
      useGradient: true,
      customers,
      distinctRows: rows.length,
    },
    options,
  )
}

function readSpendParams(params: ModelParams, caller: string) {
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
  return { p: values[0]!, q: values[1]!, gamma: values[2]! }
}

/**
 * E[spend per transaction | x, m_x] = p(γ + x·m_x)/(px + q − 1), a weighted mean of the
 * population mean pγ/(q−1) and the customer's own mean (Fader, Hardie & Lee 2005, "RFM and
 * CLV", §4; Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value"). For x = 0 it is the population mean, which
 * exists only when q > 1: otherwise throws `AnalyticsInputError('insufficient_data')`. O(1).
 */
export function gammaGammaExpectedSpend(params: ModelParams, x: number, meanSpend: number): number {
  const { p, q, gamma } = readSpendParams(params, 'gammaGammaExpectedSpend')
  const spend = x > 0 ? meanSpend : 0
  if (!(Number.isInteger(x) && x >= 0 && spend >= 0 && Number.isFinite(spend))) {
    throw new AnalyticsInputError(
      'invalid_input',
      `gammaGammaExpectedSpend: frequency ${x} and mean spend ${meanSpend} are not a possible history`,
    )
  }
  const denominator = p * x + q - 1
  if (!(denominator > 0)) {
    throw new AnalyticsInputError(
      'insufficient_data',
      `gammaGammaExpectedSpend: the fitted q ${q} ≤ 1 gives no finite mean spend for a customer with ${x} repeat transactions`,
    )
  }
  return (p * (gamma + x * spend)) / denominator
}

/**
 * {@link gammaGammaExpectedSpend} for many customers at once, into `out` (allocated when absent).
 * Throws like it does for the first bad row. O(n).
 */
export function gammaGammaExpectedSpends(
  params: ModelParams,
  frequency: Float64Array,
  meanSpend: Float64Array,
  out: Float64Array = new Float64Array(frequency.length),
): Float64Array {
  const { p, q, gamma } = readSpendParams(params, 'gammaGammaExpectedSpends')
  const population = q > 1 ? (p * gamma) / (q - 1) : Number.NaN
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!
    const m = meanSpend[i]!
    if (x > 0 && m >= 0 && x === Math.floor(x) && m < Number.POSITIVE_INFINITY && p * x + q > 1) {
      out[i] = (p * (gamma + x * m)) / (p * x + q - 1)
    } else if (x === 0 && q > 1) {
      out[i] = population
    } else {
      out[i] = gammaGammaExpectedSpend(params, x, m)
    }
  }
  return out
}
