import type {
  FitResult,
  ModelParams,
  ModelValidation,
  TransactionModelName,
} from '../analytics/index.js'
import {
  type AnalysisSettings,
  DEFAULT_ANALYSIS_SETTINGS,
  parseAnalysisSettings,
} from '../domain/analysis-settings.js'
import { ValidationError } from '../domain/errors.js'
import {
  appendAudit,
  getSetting,
  type NewAnalysisRun,
  readDeals,
  readLatestContracts,
  type Store,
  writeAnalysisRun,
} from '../store/index.js'
import { dayNumber, todayIn } from './analyze-days.js'
import { type ContractCustomer, contractFacts, scoreLostDeals } from './analyze-deals.js'
import { type FittedModels, fitModels } from './analyze-fit.js'
import type { CustomerHistories } from './analyze-histories.js'
import { daysPerUnit, type RequestedModel, type TimeUnit, withAppErrors } from './analyze-models.js'
import { createPredictor } from './analyze-predict.js'
import { readStoredHistories, type StoredHistories } from './analyze-read.js'
import { type ScoringContext, scoreCustomers } from './analyze-score.js'
import { holdoutData, spendSummary, summarizeHistories } from './analyze-summary.js'
import { afterAnalysis } from './keep/watch-analysis.js'
import { storeWinBackModel } from './win-back-model-as.js'
import { medianYearlyValueMinor, prepareWinBack, type WinBackScorer } from './win-back-scorer.js'

/** What `analyze` is asked for. `asOf` defaults to today in the company's time zone. */
export interface AnalyzeOptions {
  readonly asOf?: string
  readonly model?: RequestedModel
  readonly timeUnit?: TimeUnit
  readonly actor: string
  /** the door the run came through, for the audit log */
  readonly via?: 'cli' | 'api' | 'job'
  /** the clock, for tests */
  readonly now?: Date
  /** told when the keep watch over won-back customers' P(alive) failed (SPEC §9; the run stands) */
  readonly onWatchError?: (error: unknown) => void
}

/** What one analyze run did: the model and why, its fit and validation, the statuses it gave. */
export interface AnalyzeResult {
  readonly runId: number
  readonly asOf: string
  readonly timeUnit: TimeUnit
  readonly modelRequested: RequestedModel
  readonly model: TransactionModelName | null
  readonly method: FittedModels['method']
  readonly reason: string
  readonly params: ModelParams | null
  readonly fit: FitSummary | null
  readonly spendParams: ModelParams | null
  readonly validation: ModelValidation | null
  readonly customers: number
  readonly statusCounts: Readonly<Record<string, number>>
  readonly lostDeals: number
  readonly currency: string
  readonly notes: readonly string[]
}

/** The numbers of a fit worth keeping with a run. */
export interface FitSummary {
  readonly logLikelihood: number
  readonly standardErrors: ModelParams | null
  readonly converged: boolean
  readonly reason: string
  readonly n: number
  readonly distinctRows: number
}

// CLV is discounted in quarterly steps: 4 model evaluations per distinct history for a year
const CLV_STEP_MONTHS = 3

/**
 * Analyzes the stored orders at an as-of date (SPEC §1 and "Decisions"): builds every customer's
 * history, chooses and fits a model, scores every customer and every lost deal, and stores the
 * run with all its scores in one transaction.
 * @throws ValidationError for a bad or future as-of date, InsufficientDataError without orders
 * @example const run = await analyze(store, { model: 'auto', timeUnit: 'week', actor: 'cli' })
 */
export async function analyze(store: Store, options: AnalyzeOptions): Promise<AnalyzeResult> {
  const settings = await getSetting(store, 'analysis', DEFAULT_ANALYSIS_SETTINGS, (value) =>
    withAppErrors(() => parseSettings(value)),
  )
  const asOf = await resolveAsOf(store, options)
  const timeUnit = options.timeUnit ?? 'week'
  const requested = options.model ?? 'auto'
  const stored = await readStoredHistories(store, asOf, true)
  const fitted = fitStored(stored.histories, { asOf, timeUnit, requested })
  const currency = await companySetting(
    store,
    ['company.currency', 'currency'],
    stored.currency ?? 'USD',
  )
  const contracts = contractFacts(await readLatestContracts(store))
  const deals = await readDeals(store)
  // P(win back) moves with what is known, learned from ended cases once there are enough (issue 5)
  const winBack = await prepareWinBack(store, {
    settings,
    referenceValueMinor: medianYearlyValueMinor(stored.histories),
    deals,
  })
  const dealRows = scoreLostDeals(deals, settings, { scorer: winBack, asOf })
  const notes = [...stored.warnings, ...fitted.notes]
  if (stored.histories.refundOnlyCustomers > 0) {
    notes.push(
      `${stored.histories.refundOnlyCustomers} customers with only refunds were not scored`,
    )
  }
  const chunks = scoreCustomers(
    scoringContext({ stored, fitted, asOf, timeUnit, settings, contracts, currency, winBack }),
  )
  const fit = fitted.fit === null ? null : summarizeFit(fitted.fit)
  const run = { asOf, timeUnit, requested, fitted, fit, notes, settings, currency }
  const { runId, statusCounts } = await writeAnalysisRun(
    store,
    runRow(run, options),
    chunks,
    dealRows,
  )
  await storeWinBackModel(store, runId, winBack.record)
  await afterAnalysis(store, runId, options.onWatchError)
  await auditRun(store, runId, options)
  return {
    runId,
    asOf,
    timeUnit,
    modelRequested: requested,
    model: fitted.model?.name ?? null,
    method: fitted.method,
    reason: fitted.reason,
    params: fitted.fit?.params ?? null,
    fit,
    spendParams: fitted.spendFit?.params ?? null,
    validation: fitted.validation,
    customers: Object.values(statusCounts).reduce((sum, count) => sum + count, 0),
    statusCounts,
    lostDeals: dealRows.length,
    currency,
    notes,
  }
}

async function auditRun(store: Store, runId: number, options: AnalyzeOptions): Promise<void> {
  await appendAudit(store, {
    actor: options.actor,
    via: options.via ?? 'cli',
    action: 'analyze',
    objectType: 'analysis',
    objectId: String(runId),
  })
}

function fitStored(
  histories: CustomerHistories,
  run: { readonly asOf: string; readonly timeUnit: TimeUnit; readonly requested: RequestedModel },
): FittedModels {
  const unit = daysPerUnit(run.timeUnit)
  const cohort = histories.calibration
  return withAppErrors(() =>
    fitModels({
      requested: run.requested,
      full: summarizeHistories(histories, dayNumber(run.asOf, 'as-of date'), unit),
      holdout: cohort === null || cohort.length === 0 ? null : holdoutData(cohort, unit),
      spend: spendSummary(histories),
    }),
  )
}

function scoringContext(input: {
  readonly stored: StoredHistories
  readonly fitted: FittedModels
  readonly asOf: string
  readonly timeUnit: TimeUnit
  readonly settings: AnalysisSettings
  readonly contracts: Map<string, ContractCustomer>
  readonly currency: string
  readonly winBack: WinBackScorer
}): ScoringContext {
  const { fitted, settings } = input
  const unit = daysPerUnit(input.timeUnit)
  const params = fitted.fit?.params ?? null
  const alpha = params?.['alpha']
  return {
    histories: input.stored.histories,
    asOfDay: dayNumber(input.asOf, 'as-of date'),
    predictor:
      fitted.model === null || params === null
        ? null
        : createPredictor({
            model: fitted.model,
            params,
            daysPerUnit: unit,
            horizonDays: settings.value.wonBackHorizonDays,
            clvHorizonMonths: settings.value.clvHorizonMonths,
            clvStepMonths: CLV_STEP_MONTHS,
          }),
    rateShape: params?.['r'],
    rateScaleDays: alpha === undefined ? undefined : alpha * unit,
    spendParams: fitted.spendFit?.params ?? null,
    contracts: input.contracts,
    settings,
    currency: input.currency,
    clvStepMonths: CLV_STEP_MONTHS,
    winBack: input.winBack,
  }
}

function runRow(
  run: {
    readonly asOf: string
    readonly timeUnit: TimeUnit
    readonly requested: RequestedModel
    readonly fitted: FittedModels
    readonly fit: FitSummary | null
    readonly notes: readonly string[]
    readonly settings: AnalysisSettings
    readonly currency: string
  },
  options: AnalyzeOptions,
): NewAnalysisRun {
  const { fitted, fit } = run
  const params = fitted.fit?.params ?? null
  return {
    as_of: run.asOf,
    time_unit: run.timeUnit,
    model_requested: run.requested,
    model: fitted.model?.name ?? null,
    params_json: params === null ? null : JSON.stringify(params),
    fit_json:
      fit === null
        ? null
        : JSON.stringify({ ...fit, method: fitted.method, spend: fitted.spendFit }),
    validation_json: JSON.stringify({ chosen: fitted.validation, candidates: fitted.candidates }),
    choice_reason: fitted.reason,
    notes_json: JSON.stringify(run.notes),
    settings_json: JSON.stringify(run.settings),
    currency: run.currency,
    created_at: (options.now ?? new Date()).toISOString(),
    actor: options.actor,
  }
}

function parseSettings(value: unknown): AnalysisSettings {
  try {
    return parseAnalysisSettings(value)
  } catch (error) {
    throw new ValidationError(`the stored analysis setting is invalid: ${String(error)}`, {
      cause: error,
    })
  }
}

async function resolveAsOf(store: Store, options: AnalyzeOptions): Promise<string> {
  const timeZone = await companySetting(store, ['company.timeZone', 'time_zone'], 'UTC')
  const today = todayIn(timeZone, options.now)
  const asOf = options.asOf ?? today
  dayNumber(asOf, 'as-of date')
  if (asOf > today) {
    throw new ValidationError(`the as-of date ${asOf} is in the future (today is ${today})`)
  }
  return asOf
}

function summarizeFit(fit: FitResult): FitSummary {
  return {
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors,
    converged: fit.converged,
    reason: fit.reason,
    n: fit.n,
    distinctRows: fit.distinctRows,
  }
}

// the company's currency and time zone have been stored under more than one key
async function companySetting(
  store: Store,
  keys: readonly string[],
  fallback: string,
): Promise<string> {
  for (const key of keys) {
    const value = await getSetting<unknown>(store, key, null)
    if (typeof value === 'string' && value !== '') {
      return value
    }
  }
  return fallback
}
