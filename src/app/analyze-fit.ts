import {
  AnalyticsInputError,
  type CandidateOutcome,
  chooseModel,
  type FitResult,
  fitGammaGamma,
  type HoldoutData,
  type ModelChoice,
  type ModelValidation,
  type RfmSummary,
  type SpendSummary,
  type TransactionModel,
} from '../analytics/index.js'
import { candidateModels, type RequestedModel } from './analyze-models.js'

/** Fewer customers than this say nothing about a population: the rules decide alone. */
export const MIN_CUSTOMERS_FOR_MODEL = 30
/** Fewer repeat buyers than this cannot identify a dropout process. */
export const MIN_REPEAT_BUYERS_FOR_MODEL = 10

/** The fitted purchase and spend models of a run, or why the rules decide alone. */
export interface FittedModels {
  readonly model: TransactionModel | null
  readonly fit: FitResult | null
  readonly method: ModelChoice['method'] | 'rules_only'
  readonly reason: string
  readonly candidates: readonly CandidateOutcome[]
  /** the chosen model's holdout validation (fitted on the calibration period) */
  readonly validation: ModelValidation | null
  readonly spendFit: FitResult | null
  readonly notes: readonly string[]
}

/**
 * Fits the requested model (or chooses one for `auto`) and the Gamma-Gamma spend model. Falls
 * back, saying so in `notes`, when the data cannot carry a model: no repeat buyer at all (the
 * 6-month rule for everyone), or every candidate failing; and to each customer's own mean spend
 * when Gamma-Gamma cannot be fitted.
 */
export function fitModels(input: {
  readonly requested: RequestedModel
  readonly full: RfmSummary
  readonly holdout: HoldoutData | null
  readonly spend: SpendSummary
}): FittedModels {
  const notes: string[] = []
  const choice = chooseTransactionModel(input, notes)
  const spendFit = fitSpendModel(input.spend, notes)
  if (choice === null) {
    return {
      model: null,
      fit: null,
      method: 'rules_only',
      reason: notes[0] ?? 'no model was fitted',
      candidates: [],
      validation: null,
      spendFit,
      notes,
    }
  }
  const chosen = choice.candidates.find((outcome) => outcome.model === choice.model.name)
  if (!choice.fit.converged) {
    notes.push(`the refit on all the data did not converge (${choice.fit.reason})`)
  }
  return {
    model: choice.model,
    fit: choice.fit,
    method: choice.method,
    reason: choice.reason,
    candidates: choice.candidates,
    validation: chosen?.validation ?? null,
    spendFit,
    notes,
  }
}

function chooseTransactionModel(
  input: { requested: RequestedModel; full: RfmSummary; holdout: HoldoutData | null },
  notes: string[],
): ModelChoice | null {
  let repeatBuyers = 0
  for (let i = 0; i < input.full.length; i += 1) {
    repeatBuyers += (input.full.frequency[i] ?? 0) > 0 ? 1 : 0
  }
  if (repeatBuyers === 0) {
    notes.push(
      'only one-time buyers: no model can tell who is gone, so the 6-month rule decides for everyone',
    )
    return null
  }
  if (input.full.length < MIN_CUSTOMERS_FOR_MODEL || repeatBuyers < MIN_REPEAT_BUYERS_FOR_MODEL) {
    notes.push(
      `too few customers to fit a model (${input.full.length} customers, ${repeatBuyers} repeat buyers; a model needs ${MIN_CUSTOMERS_FOR_MODEL} and ${MIN_REPEAT_BUYERS_FOR_MODEL}): the gap and 6-month rules decide alone`,
    )
    return null
  }
  const holdout = usableHoldout(input.holdout, notes)
  try {
    return chooseModel({ candidates: candidateModels(input.requested), full: input.full, holdout })
  } catch (error) {
    if (error instanceof AnalyticsInputError) {
      notes.push(`no model could be fitted, so the rules decide alone: ${error.message}`)
      return null
    }
    throw error
  }
}

function usableHoldout(holdout: HoldoutData | null, notes: string[]): HoldoutData | null {
  if (holdout === null) {
    notes.push('the observed window is too short to hold out a quarter of it: chosen by BIC')
    return null
  }
  const summary = holdout.calibration
  let repeatBuyers = 0
  for (let i = 0; i < summary.length; i += 1) {
    repeatBuyers += (summary.frequency[i] ?? 0) > 0 ? 1 : 0
  }
  if (summary.length < 10 || repeatBuyers < 2) {
    notes.push('too few customers with repeat orders before the holdout: chosen by BIC')
    return null
  }
  return holdout
}

function fitSpendModel(spend: SpendSummary, notes: string[]): FitResult | null {
  try {
    const fit = fitGammaGamma(spend)
    if (fit.converged && (fit.params['q'] ?? 0) > 1) {
      return fit
    }
    notes.push(
      `the Gamma-Gamma spend model ${fit.converged ? 'has q <= 1 (no finite mean)' : `did not converge (${fit.reason})`}: each customer's own mean spend is used`,
    )
  } catch (error) {
    if (!(error instanceof AnalyticsInputError)) {
      throw error
    }
    notes.push(
      `no Gamma-Gamma spend model (${error.message}): each customer's own mean spend is used`,
    )
  }
  return null
}
