import {
  FACTOR_NAMES,
  type FactorName,
  featureRow,
  numericFeatures,
  REASON_COLUMNS,
  type ReasonGroup,
  type WinBackFactors,
} from './win-back-factors.js'

/**
 * A logit-additive win-back model: log-odds = intercept + Σ coefficient × feature, in the order of
 * `featureRow` (the reason one-hot columns, then reason fixed, decision maker changed, tenure,
 * value, years since loss, incidents, failed attempts). The prior and the learned model are both
 * one of these.
 */
export interface WinBackCoefficients {
  readonly intercept: number
  readonly weights: readonly number[]
  /** the reason columns of a loss whose reason is not known (see `featureRow`); none: zeros */
  readonly unknownReason?: readonly number[]
}

/** Where a P(win back) is kept between: no one is a sure thing, and no one is hopeless. */
export interface WinBackBounds {
  readonly min: number
  readonly max: number
}

/**
 * The prior's effects, in log-odds, one per factor. Sizes are modest and rounded: they give the
 * direction the research and the seeds agree on, not a fit to any one company.
 * - reason: customers who left over service come back less often than those who left over price
 *   (Kumar, Bhagwat & Zhang 2015, J. Marketing 79(4), "Regaining lost customers"); a need that is
 *   gone cannot be fixed and weighs most; a changed decision maker at the loss leaves the door open.
 * - reason fixed, decision maker changed: the seeds' two openings — the cause is gone, or the
 *   person who turned us down is.
 * - tenure and value: the stronger the first lifetime, the likelier a return (Kumar et al. 2015;
 *   Thomas, Blattberg & Fox 2004, J. Marketing Research 41(1), "Recapturing lost customers").
 * - time since loss: the longer gone, the more settled with someone else (Thomas et al. 2004: the
 *   reacquisition hazard falls with time since lapse).
 * - incidents: damage on our side that is still on their mind; failed attempts: each "no" makes
 *   the next one likelier.
 */
export const PRIOR_EFFECTS = {
  reason: {
    price: 0.35,
    service: -0.45,
    relationship: -0.25,
    competitor: 0,
    decision_maker: 0.3,
    offer: -0.3,
    not_needed: -1.6,
  } satisfies Record<Exclude<ReasonGroup, 'unknown'>, number>,
  reasonFixed: 0.8,
  decisionMakerChanged: 0.6,
  /** per unit of ln(1 + tenure years), measured from a 2-year customer */
  tenure: 0.4,
  /** per unit of ln(yearly value ÷ typical) */
  value: 0.25,
  /** per year since the loss */
  yearsSinceLoss: -0.3,
  /** per incident */
  incidents: -0.1,
  /** per failed attempt */
  failedAttempts: -0.5,
} as const

/**
 * The prior as coefficients around a base rate (SPEC: 20–40 %, 30 % by default for an
 * ex-customer; a deal's base is the company's own conversion).
 * @example priorCoefficients(0.3).intercept // ≈ -0.847
 */
export function priorCoefficients(baseRate: number): WinBackCoefficients {
  const effects = PRIOR_EFFECTS
  return {
    intercept: logit(baseRate),
    weights: [
      ...REASON_COLUMNS.map((group) => effects.reason[group]),
      effects.reasonFixed,
      effects.decisionMakerChanged,
      effects.tenure,
      effects.value,
      effects.yearsSinceLoss,
      effects.incidents,
      effects.failedAttempts,
    ],
  }
}

/** One factor's part in a probability, in percentage points. */
export interface WinBackDriver {
  readonly factor: FactorName
  /** P(win back) − P(win back with this factor at its reference), × 100 */
  readonly points: number
}

/** A P(win back) and what moved it, biggest first. */
export interface WinBackScore {
  readonly probability: number
  /** every factor that moved it, by absolute points, biggest first */
  readonly drivers: readonly WinBackDriver[]
}

/**
 * P(win back) of a loss under a model, kept within the bounds, with each factor's part: how
 * many points lower (or higher) it would be if that factor alone were at its reference.
 * @example scoreWinBack(factors, priorCoefficients(0.3), { min: 0.02, max: 0.8 }).probability
 */
export function scoreWinBack(
  factors: WinBackFactors,
  model: WinBackCoefficients,
  bounds: WinBackBounds,
): WinBackScore {
  const { terms, references } = factorTerms(factors, model)
  let sum = model.intercept
  for (const term of terms) {
    sum += term
  }
  const probability = bounded(sum, bounds)
  const drivers: WinBackDriver[] = []
  // logit-additive: without a factor, its term gives way to its reference's (one sum, no refit)
  for (let index = 0; index < FACTOR_NAMES.length; index += 1) {
    const delta = (terms[index] ?? 0) - (references[index] ?? 0)
    const points = delta === 0 ? 0 : (probability - bounded(sum - delta, bounds)) * 100
    if (Math.abs(points) >= 0.05) {
      drivers.push({ factor: FACTOR_NAMES[index] ?? 'reason', points })
    }
  }
  drivers.sort((left, right) => Math.abs(right.points) - Math.abs(left.points))
  return { probability, drivers }
}

/** The model's P(win back), within the bounds. */
export function probabilityOf(
  factors: WinBackFactors,
  model: WinBackCoefficients,
  bounds: WinBackBounds,
): number {
  const row = featureRow(factors, model.unknownReason)
  let sum = model.intercept
  for (let i = 0; i < row.length; i += 1) {
    sum += (model.weights[i] ?? 0) * (row[i] ?? 0)
  }
  return bounded(sum, bounds)
}

// each factor's log-odds term (FACTOR_NAMES order) and the term it has at its reference value
function factorTerms(
  factors: WinBackFactors,
  model: WinBackCoefficients,
): { terms: number[]; references: number[] } {
  const columns = REASON_COLUMNS.length
  let unknown = 0
  if (model.unknownReason !== undefined) {
    for (let j = 0; j < columns; j += 1) {
      unknown += (model.weights[j] ?? 0) * (model.unknownReason[j] ?? 0)
    }
  }
  const column = REASON_COLUMNS.indexOf(factors.reasonGroup as (typeof REASON_COLUMNS)[number])
  const reason = column < 0 ? unknown : (model.weights[column] ?? 0)
  const numeric = numericFeatures(factors)
  const terms = [reason]
  const references = [unknown]
  for (let k = 0; k < numeric.length; k += 1) {
    terms.push((model.weights[columns + k] ?? 0) * (numeric[k] ?? 0))
    references.push(0)
  }
  return { terms, references }
}

function bounded(logOdds: number, bounds: WinBackBounds): number {
  const probability = 1 / (1 + Math.exp(-logOdds))
  const finite = Number.isFinite(probability) ? probability : bounds.min
  return Math.min(Math.max(finite, bounds.min), bounds.max)
}

/** log(p / (1 − p)), with p kept off 0 and 1. */
export function logit(probability: number): number {
  const p = Math.min(Math.max(probability, 1e-6), 1 - 1e-6)
  return Math.log(p / (1 - p))
}
