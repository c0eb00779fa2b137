import { AnalyticsInputError } from '../errors.js'
import type { FitResult, RfmSummary, TransactionModel, TransactionModelName } from '../types.js'
import { type HoldoutData, type ModelValidation, validateModel } from './validate.js'

/** How a candidate did: its calibration fit and holdout validation, or why it could not be fitted. */
export interface CandidateOutcome {
  readonly model: TransactionModelName
  readonly calibrationFit: FitResult | null
  readonly validation: ModelValidation | null
  /** Bayesian information criterion of the fit it was judged by (lower is better) */
  readonly bic: number | null
  readonly failure: string | null
}

/** The chosen model refitted on all the data, how it was chosen, and why in words. */
export interface ModelChoice {
  readonly model: TransactionModel
  readonly fit: FitResult
  readonly method: 'holdout' | 'bic' | 'only_candidate'
  readonly reason: string
  readonly candidates: readonly CandidateOutcome[]
}

/** Readable model names for reasons and explanations. */
export const MODEL_LABELS: Record<TransactionModelName, string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  'pareto-nbd': 'Pareto/NBD',
}

/**
 * Chooses among candidate models (SPEC "Model choice"): with a holdout, fits each on the
 * calibration period and picks the smallest Σ |actual − expected| holdout repeat transactions over
 * calibration-frequency buckets 0..7+ (ties: the smaller total error); without one, the lowest BIC
 * on all the data. Then fits the chosen model on all the data. Candidates that fail or do not
 * converge are left out and named; if none is left, throws `AnalyticsInputError`.
 */
export function chooseModel(input: {
  readonly candidates: readonly TransactionModel[]
  readonly full: RfmSummary
  readonly holdout: HoldoutData | null
}): ModelChoice {
  const { candidates, full, holdout } = input
  if (candidates.length === 0) {
    throw new AnalyticsInputError('invalid_input', 'chooseModel: no candidate models')
  }
  const judged = holdout ?? null
  const outcomes = candidates.map((model) =>
    judgeCandidate(model, judged === null ? full : judged.calibration, judged),
  )
  const ranked = outcomes
    .map((outcome, index) => ({ outcome, model: candidates[index]! }))
    .filter(({ outcome }) => outcome.failure === null)
    .sort((left, right) => compareOutcomes(left.outcome, right.outcome))
  const best = ranked[0]
  if (best === undefined) {
    const failures = outcomes.map((outcome) => `${MODEL_LABELS[outcome.model]}: ${outcome.failure}`)
    throw new AnalyticsInputError(
      'insufficient_data',
      `no model could be fitted (${failures.join('; ')})`,
    )
  }
  const method = candidates.length === 1 ? 'only_candidate' : judged === null ? 'bic' : 'holdout'
  const fit =
    judged === null && best.outcome.calibrationFit !== null
      ? best.outcome.calibrationFit
      : best.model.fit(full, initialFrom(best.outcome.calibrationFit))
  return {
    model: best.model,
    fit,
    method,
    reason: describeChoice(method, best.outcome, outcomes),
    candidates: outcomes,
  }
}

function initialFrom(fit: FitResult | null): { initial: FitResult['params'] } | undefined {
  return fit === null ? undefined : { initial: fit.params }
}

function judgeCandidate(
  model: TransactionModel,
  summary: RfmSummary,
  holdout: HoldoutData | null,
): CandidateOutcome {
  let fit: FitResult
  try {
    fit = model.fit(summary)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { model: model.name, calibrationFit: null, validation: null, bic: null, failure: reason }
  }
  if (!fit.converged || !Number.isFinite(fit.logLikelihood)) {
    return {
      model: model.name,
      calibrationFit: fit,
      validation: null,
      bic: null,
      failure: `did not converge (${fit.reason})`,
    }
  }
  const bic = Object.keys(fit.params).length * Math.log(Math.max(fit.n, 1)) - 2 * fit.logLikelihood
  const validation = holdout === null ? null : validateModel(model, fit.params, holdout)
  return { model: model.name, calibrationFit: fit, validation, bic, failure: null }
}

function compareOutcomes(left: CandidateOutcome, right: CandidateOutcome): number {
  if (left.validation !== null && right.validation !== null) {
    const byBuckets = left.validation.bucketAbsoluteError - right.validation.bucketAbsoluteError
    if (Math.abs(byBuckets) > 1e-9) {
      return byBuckets
    }
    return (
      Math.abs(left.validation.totalExpected - left.validation.totalActual) -
      Math.abs(right.validation.totalExpected - right.validation.totalActual)
    )
  }
  return (left.bic ?? Infinity) - (right.bic ?? Infinity)
}

function describeChoice(
  method: ModelChoice['method'],
  best: CandidateOutcome,
  outcomes: readonly CandidateOutcome[],
): string {
  const label = MODEL_LABELS[best.model]
  const others = outcomes.filter((outcome) => outcome.model !== best.model)
  const failed = others
    .filter((outcome) => outcome.failure !== null)
    .map((outcome) => `${MODEL_LABELS[outcome.model]} was left out: ${outcome.failure}`)
  if (method === 'only_candidate') {
    return [`${label} was the only model asked for`, ...holdoutWords(best)].join('; ')
  }
  if (method === 'bic') {
    const rest = others
      .filter((outcome) => outcome.bic !== null)
      .map((outcome) => `${MODEL_LABELS[outcome.model]} ${formatNumber(outcome.bic ?? 0)}`)
    return [
      `chose ${label} by BIC (${formatNumber(best.bic ?? 0)}, lower is better${rest.length > 0 ? `; ${rest.join(', ')}` : ''}), as there was no holdout to judge forecasts on`,
      ...failed,
    ].join('; ')
  }
  const rest = others
    .filter((outcome) => outcome.validation !== null)
    .map((outcome) => `${MODEL_LABELS[outcome.model]} ${forecastWords(outcome)}`)
  return [`chose ${label}: on the holdout it ${forecastWords(best)}`, ...rest, ...failed].join('; ')
}

function holdoutWords(outcome: CandidateOutcome): string[] {
  return outcome.validation === null ? [] : [`on the holdout it ${forecastWords(outcome)}`]
}

function forecastWords(outcome: CandidateOutcome): string {
  const validation = outcome.validation
  if (validation === null) {
    return 'was not validated'
  }
  const percent = (validation.relativeTotalError * 100).toFixed(1)
  const sign = validation.relativeTotalError >= 0 ? '+' : ''
  return `forecast ${formatNumber(validation.totalExpected)} repeat transactions against ${formatNumber(validation.totalActual)} actual (${sign}${percent} %) and missed by ${formatNumber(validation.bucketAbsoluteError)} summed over calibration frequencies 0..7+`
}

function formatNumber(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}
