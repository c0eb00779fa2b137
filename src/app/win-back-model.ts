import {
  type Calibration,
  calibrationOf,
  createMulberry32,
  crossValidatedPredictions,
  fitLogistic,
  predictLogistic,
} from '../analytics/index.js'
import type { ValueSettings } from '../domain/analysis-settings.js'
import {
  featureRow,
  REASON_COLUMNS,
  reasonGroupOf,
  type WinBackFactors,
} from '../domain/win-back-factors.js'
import {
  priorCoefficients,
  probabilityOf,
  type WinBackCoefficients,
} from '../domain/win-back-prior.js'
import type { EndedCaseLine } from '../store/index.js'
import {
  isReasonFixed,
  relativeValue,
  type WinBackKnowledge,
  yearsBetween,
} from './win-back-facts.js'

/** The names of the model's features, in `featureRow` order, for showing coefficients. */
export const FEATURE_NAMES: readonly string[] = [
  ...REASON_COLUMNS.map((group) => `reason:${group}`),
  'reasonFixed',
  'decisionMakerChanged',
  'tenure',
  'value',
  'yearsSinceLoss',
  'incidents',
  'failedAttempts',
]

/**
 * The L2 penalty of the learned model. With some 14 features on unit-ish scales and 50+ cases, λ
 * = 1 pulls a weight with little evidence toward 0 (the prior's "no effect") without drowning a
 * real one; it also keeps separable samples (all price leavers came back) finite.
 */
export const LEARNED_MODEL_L2 = 1

const FOLDS = 5

/** The model of an analysis run, as stored with it and shown by `comeback model`. */
export interface WinBackModelRecord {
  readonly basis: 'prior' | 'learned_model'
  /** why this model, in words */
  readonly reason: string
  /** the customers' model (log-odds coefficients in `FEATURE_NAMES` order) */
  readonly coefficients: WinBackCoefficients
  /** the base rate of lost deals (the company's conversion or the fallback) */
  readonly dealBaseRate: number
  readonly dealBasis: 'company_deal_conversion' | 'deal_fallback_prior'
  /** the company's typical (median) yearly customer value, what `value` is measured against */
  readonly referenceValueMinor: number
  /** ended cases with an answer (won back or not), and how many were won back */
  readonly endedCases: number
  readonly wonBack: number
  readonly minEndedCases: number
  /** the learned model's cross-validated calibration; null while the prior scores */
  readonly learned: Calibration | null
  /** the prior's calibration on the same ended cases, to compare; null without any */
  readonly prior: Calibration | null
}

/** One ended case as a training row: its factors when the attempt began, and whether it worked. */
export interface TrainingCase {
  readonly caseId: number
  readonly factors: WinBackFactors
  readonly wonBack: boolean
}

/**
 * The training rows of the learned model: every ended customer case that got an answer — won back,
 * or not (not compatible); a case we let go is our decision, not their answer, so it is left out.
 * Factors are as they were when the attempt began: fixes and new decision makers recorded by then,
 * earlier failed attempts, incidents by the loss, tenure and yearly value at the loss.
 */
export function trainingCases(
  ended: readonly EndedCaseLine[],
  knowledge: WinBackKnowledge,
  work: {
    readonly reasonCodesByCase: ReadonlyMap<number, readonly string[]>
    readonly reasonIdsByCase: ReadonlyMap<number, readonly number[]>
    readonly referenceValueMinor: number
  },
): TrainingCase[] {
  const failedBefore = new Map<string, number>()
  const cases: TrainingCase[] = []
  for (const line of ended) {
    const earlier = failedBefore.get(line.subjectKey) ?? 0
    if (line.stage !== 'won_back') {
      failedBefore.set(line.subjectKey, earlier + 1)
    }
    if (line.subjectKind !== 'customer' || line.stage === 'let_go') {
      continue
    }
    const lostOn = line.lostOn ?? line.openedOn
    const loss = { ...line, lostOn, reasonIds: work.reasonIdsByCase.get(line.caseId) ?? [] }
    const changes = knowledge.decisionMakerChanges.get(line.subjectKey) ?? []
    cases.push({
      caseId: line.caseId,
      wonBack: line.stage === 'won_back',
      factors: {
        reasonGroup: reasonGroupOf(work.reasonCodesByCase.get(line.caseId) ?? []),
        reasonFixed: isReasonFixed(knowledge.fixes, loss, line.openedOn),
        decisionMakerChanged: changes.some((day) => day <= line.openedOn),
        tenureYears: line.firstOrderOn === null ? null : yearsBetween(line.firstOrderOn, lostOn),
        relativeValue: relativeValue(line.lostValueMinor, work.referenceValueMinor),
        yearsSinceLoss: yearsBetween(lostOn, line.openedOn),
        incidents: line.incidentsBeforeLoss,
        failedAttempts: earlier,
      },
    })
  }
  return cases
}

/**
 * The model the run scores customers with (SPEC §2): the prior until the company has
 * `minEndedCasesForModel` answered cases with both outcomes, then an L2-regularised logistic
 * regression fitted on them, with its 5-fold cross-validated calibration beside the prior's on
 * the same cases.
 */
export function chooseWinBackModel(
  cases: readonly TrainingCase[],
  context: {
    readonly settings: ValueSettings
    readonly referenceValueMinor: number
    readonly deal: { readonly rate: number; readonly basis: WinBackModelRecord['dealBasis'] }
  },
): WinBackModelRecord {
  const { settings } = context
  const prior = priorCoefficients(settings.exCustomerWinBackPrior)
  const bounds = { min: settings.winBackMinProbability, max: settings.winBackMaxProbability }
  const outcomes = cases.map((item) => (item.wonBack ? 1 : 0))
  const wonBack = outcomes.reduce((sum: number, y) => sum + y, 0)
  const base = {
    dealBaseRate: context.deal.rate,
    dealBasis: context.deal.basis,
    referenceValueMinor: context.referenceValueMinor,
    endedCases: cases.length,
    wonBack,
    minEndedCases: settings.minEndedCasesForModel,
    prior:
      cases.length === 0
        ? null
        : calibrationOf(
            cases.map((item) => probabilityOf(item.factors, prior, bounds)),
            outcomes,
          ),
  }
  if (cases.length < settings.minEndedCasesForModel || wonBack === 0 || wonBack === cases.length) {
    const why =
      cases.length < settings.minEndedCasesForModel
        ? `${cases.length} ended cases with an answer, fewer than the ${settings.minEndedCasesForModel} a learned model needs`
        : `all ${cases.length} ended cases ended the same way: nothing to learn from`
    return {
      ...base,
      basis: 'prior',
      reason: `the prior: ${why}`,
      coefficients: prior,
      learned: null,
    }
  }
  // a case without a recorded reason (an imported attempt nobody answered) gets the mix of the
  // reasons found, here and when scoring: otherwise "unknown" would stand for "did not answer"
  const unknownReason = reasonMix(cases)
  const rows = cases.map((item) => featureRow(item.factors, unknownReason))
  const options = { l2: LEARNED_MODEL_L2, center: prior.weights }
  const fit = fitLogistic(rows, outcomes, options)
  const predicted = crossValidatedPredictions(rows, outcomes, {
    folds: FOLDS,
    order: shuffledOrder(rows.length),
    fit: (train, ys) => fitLogistic(train, ys, options),
    predict: (model, row) =>
      Math.min(Math.max(predictLogistic(model, row), bounds.min), bounds.max),
  })
  return {
    ...base,
    basis: 'learned_model',
    reason: `learned from ${cases.length} ended cases (${wonBack} won back), at least the ${settings.minEndedCasesForModel} needed`,
    coefficients: { intercept: fit.intercept, weights: fit.weights, unknownReason },
    learned: calibrationOf(predicted, outcomes),
  }
}

/** The share of each reason column among the cases whose reason is known (zeros for none). */
function reasonMix(cases: readonly TrainingCase[]): number[] {
  const known = cases.filter((item) => item.factors.reasonGroup !== 'unknown')
  return REASON_COLUMNS.map((group) =>
    known.length === 0
      ? 0
      : known.filter((item) => item.factors.reasonGroup === group).length / known.length,
  )
}

// the same folds run after run: a seeded Fisher–Yates shuffle of the row order
function shuffledOrder(n: number): number[] {
  const uniform = createMulberry32(20_150_701)
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(uniform() * (i + 1))
    const swap = order[i] ?? 0
    order[i] = order[j] ?? 0
    order[j] = swap
  }
  return order
}
