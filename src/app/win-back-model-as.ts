import type { Calibration } from '../analytics/index.js'
import { type Actor, can } from '../domain/access-policy.js'
import { parseAnalysisSettings } from '../domain/analysis-settings.js'
import { ForbiddenError, NotFoundError } from '../domain/errors.js'
import { priorCoefficients } from '../domain/win-back-prior.js'
import {
  insertWinBackModel,
  type Queryable,
  readLatestAnalysisRun,
  readWinBackModel,
  type Store,
} from '../store/index.js'
import { FEATURE_NAMES, type WinBackModelRecord } from './win-back-model.js'

/**
 * Keeps the model a run scored with beside the run.
 * @example await storeWinBackModel(store, runId, scorer.record)
 */
export async function storeWinBackModel(
  target: Queryable,
  runId: number,
  record: WinBackModelRecord,
): Promise<void> {
  await insertWinBackModel(target, {
    runId,
    basis: record.basis,
    modelJson: JSON.stringify(record),
  })
}

/**
 * The model a run scored with; for a run from before models were kept, the prior it used.
 * @example const record = await runWinBackModel(store, run)
 */
export async function runWinBackModel(
  target: Queryable,
  run: { readonly id: number; readonly settings_json: string },
): Promise<WinBackModelRecord> {
  const stored = await readWinBackModel(target, run.id)
  if (stored !== undefined) {
    return JSON.parse(stored.modelJson) as WinBackModelRecord
  }
  const settings = parseAnalysisSettings(JSON.parse(run.settings_json)).value
  return {
    basis: 'prior',
    reason: 'the prior: this run was scored before win-back models were kept',
    coefficients: priorCoefficients(settings.exCustomerWinBackPrior),
    dealBaseRate: settings.dealWinBackFallback,
    dealBasis: 'deal_fallback_prior',
    referenceValueMinor: 0,
    endedCases: 0,
    wonBack: 0,
    minEndedCases: settings.minEndedCasesForModel,
    learned: null,
    prior: null,
  }
}

/** The win-back model of the newest run, as `comeback model` and the API show it. */
export interface WinBackModelView {
  readonly runId: number
  readonly asOf: string
  readonly basis: 'prior' | 'learned_model'
  readonly reason: string
  readonly endedCases: number
  readonly wonBack: number
  readonly minEndedCases: number
  readonly intercept: number
  /** log-odds per unit of each feature, by name */
  readonly coefficients: { readonly feature: string; readonly weight: number }[]
  readonly referenceValueMinor: number
  readonly dealBaseRate: number
  /** the learned model's cross-validated calibration (null while the prior scores) */
  readonly calibration: Calibration | null
  /** the prior's calibration on the same ended cases, to compare */
  readonly priorCalibration: Calibration | null
}

/**
 * The win-back model the newest analysis scored with, its coefficients and its calibration
 * (issue 5 part 5: "with its calibration shown"). Everyone reads figures.
 * @throws ForbiddenError; NotFoundError before the first `analyze`
 * @example const model = await winBackModelAs(store, actor)
 */
export async function winBackModelAs(store: Store, actor: Actor): Promise<WinBackModelView> {
  if (!can(actor, 'read', { type: 'figures' })) {
    throw new ForbiddenError(`a ${actor.role} may not read figures`)
  }
  const run = await readLatestAnalysisRun(store)
  if (run === undefined) {
    throw new NotFoundError('there is no analysis yet: run `comeback analyze` first')
  }
  const record = await runWinBackModel(store, run)
  return {
    runId: run.id,
    asOf: run.as_of,
    basis: record.basis,
    reason: record.reason,
    endedCases: record.endedCases,
    wonBack: record.wonBack,
    minEndedCases: record.minEndedCases,
    intercept: record.coefficients.intercept,
    coefficients: FEATURE_NAMES.map((feature, index) => ({
      feature,
      weight: record.coefficients.weights[index] ?? 0,
    })),
    referenceValueMinor: record.referenceValueMinor,
    dealBaseRate: record.dealBaseRate,
    calibration: record.learned,
    priorCalibration: record.prior,
  }
}
