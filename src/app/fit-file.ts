import {
  chooseModel,
  type FitResult,
  type FrequencyBucket,
  fitBgBb,
  fitGammaGamma,
  type HoldoutData,
  type ModelName,
  type ModelParams,
  type RfmSummary,
  summarizePurchaseDays,
  type TrackingPoint,
  type TransactionModelName,
  validateModel,
} from '../analytics/index.js'
import { ValidationError } from '../domain/errors.js'
import { dayNumber } from './analyze-days.js'
import {
  candidateModels,
  daysPerUnit,
  type TimeUnit,
  transactionModel,
  withAppErrors,
} from './analyze-models.js'
import { holdoutData, spendSummary } from './analyze-summary.js'
import {
  type CsvTable,
  findColumn,
  numberColumn,
  readCsvTable,
  requireColumn,
} from './fit-file-csv.js'
import { historiesFromOrders } from './fit-file-orders.js'

/** Every model `comeback fit` can fit. */
export type FitFileModel = 'auto' | TransactionModelName | 'gamma-gamma' | 'bg-bb'

export const FIT_FILE_MODELS: readonly FitFileModel[] = [
  'auto',
  'bgnbd',
  'mbgnbd',
  'pareto-nbd',
  'gamma-gamma',
  'bg-bb',
]

/** A summary file, or an order file with a calibration end (and a holdout end to validate). */
export interface FitFileOptions {
  readonly summary?: string | undefined
  readonly orders?: string | undefined
  readonly calibrationEnd?: string | undefined
  readonly holdoutEnd?: string | undefined
  readonly model: FitFileModel
  readonly timeUnit?: TimeUnit | undefined
}

/** Holdout validation in numbers and chart data: repeat transactions actual vs expected. */
export interface FitValidation {
  readonly holdoutLength: number
  readonly totalActual: number
  readonly totalExpected: number
  readonly byFrequency: readonly FrequencyBucket[]
  readonly tracking: readonly TrackingPoint[]
}

/** A fit as `comeback fit --json` prints it. */
export interface FitFileResult {
  readonly model: ModelName
  readonly params: ModelParams
  readonly logLikelihood: number
  readonly standardErrors: ModelParams | null
  readonly converged: boolean
  readonly reason: string
  readonly n: number
  readonly distinctRows: number
  readonly choice?: string
  readonly validation?: FitValidation
}

/**
 * Fits a model on a file, for analysts without a database: `summary` (columns frequency/x,
 * recency/t_x, T; optional weights, monetary_value/zbar, periods) or `orders` with a calibration
 * end (and optionally a holdout end, which adds the validation).
 * @throws ValidationError for bad options or values, NotFoundError for a missing file,
 *   InsufficientDataError when the data cannot carry the model
 * @example await fitFile({ summary: 'cbs.csv', model: 'bgnbd' })
 */
export async function fitFile(options: FitFileOptions): Promise<FitFileResult> {
  if ((options.summary === undefined) === (options.orders === undefined)) {
    throw new ValidationError('give exactly one of --summary FILE or --orders FILE')
  }
  if (options.summary !== undefined) {
    const table = await readCsvTable(options.summary)
    return withAppErrors(() => fitSummaryTable(table, options.model))
  }
  if (options.calibrationEnd === undefined) {
    throw new ValidationError('--orders needs --calibration-end DATE')
  }
  const table = await readCsvTable(options.orders ?? '')
  return withAppErrors(() =>
    fitOrdersTable(table, { ...options, calibrationEnd: options.calibrationEnd ?? '' }),
  )
}

function fitSummaryTable(table: CsvTable, model: FitFileModel): FitFileResult {
  if (table.records.length === 0) {
    throw new ValidationError(`${table.file} has no rows`)
  }
  const frequency = numberColumn(table, requireColumn(table, ['frequency', 'x']))
  const weightsColumn = findColumn(table, ['weights', 'weight', 'count'])
  const weights =
    weightsColumn < 0
      ? new Float64Array(frequency.length).fill(1)
      : numberColumn(table, weightsColumn)
  if (model === 'gamma-gamma') {
    const meanSpend = numberColumn(table, requireColumn(table, ['monetary_value', 'zbar', 'm_x']))
    return describeFit(fitGammaGamma({ length: frequency.length, frequency, meanSpend, weights }))
  }
  const recency = numberColumn(table, requireColumn(table, ['recency', 't_x']))
  if (model === 'bg-bb') {
    const periods = numberColumn(table, requireColumn(table, ['periods', 'n']))
    return describeFit(fitBgBb({ length: frequency.length, frequency, recency, periods, weights }))
  }
  const age = numberColumn(table, requireColumn(table, ['t', 'age']))
  checkRecencyWithinAge(table, recency, age)
  return fitTransactions(
    { length: frequency.length, frequency, recency, age, weights },
    model,
    null,
  )
}

function checkRecencyWithinAge(table: CsvTable, recency: Float64Array, age: Float64Array): void {
  for (let row = 0; row < recency.length; row += 1) {
    if ((recency[row] ?? 0) > (age[row] ?? 0)) {
      throw new ValidationError(
        `${table.file} line ${table.lines[row]}: recency ${recency[row]} is greater than T ${age[row]}`,
      )
    }
  }
}

function fitOrdersTable(
  table: CsvTable,
  options: FitFileOptions & { readonly calibrationEnd: string },
): FitFileResult {
  const unit = daysPerUnit(options.timeUnit ?? 'week')
  const histories = historiesFromOrders(table, options)
  const cohort = histories.calibration
  if (options.model === 'bg-bb') {
    throw new ValidationError(
      'bg-bb fits discrete periods: give --summary FILE with a periods column',
    )
  }
  if (options.model === 'gamma-gamma') {
    return describeFit(fitGammaGamma(spendSummary(cohort ?? histories)))
  }
  if (cohort === null) {
    const endDay = dayNumber(options.calibrationEnd, 'calibration end')
    const summary = summarizePurchaseDays(histories, { endDay, daysPerUnit: unit })
    return fitTransactions(summary, options.model, null)
  }
  const holdout = holdoutData(cohort, unit)
  return fitTransactions(holdout.calibration, options.model, holdout)
}

function fitTransactions(
  summary: RfmSummary,
  model: 'auto' | TransactionModelName,
  holdout: HoldoutData | null,
): FitFileResult {
  if (model === 'auto') {
    const choice = chooseModel({ candidates: candidateModels('auto'), full: summary, holdout })
    const chosen = choice.candidates.find((outcome) => outcome.model === choice.model.name)
    const validation = chosen?.validation ?? null
    return {
      ...describeFit(choice.fit),
      choice: choice.reason,
      ...(validation === null ? {} : { validation: describeValidation(validation) }),
    }
  }
  const transaction = transactionModel(model)
  const fit = transaction.fit(summary)
  if (holdout === null) {
    return describeFit(fit)
  }
  return {
    ...describeFit(fit),
    validation: describeValidation(validateModel(transaction, fit.params, holdout)),
  }
}

function describeValidation(validation: FitValidation): FitValidation {
  return {
    holdoutLength: validation.holdoutLength,
    totalActual: validation.totalActual,
    totalExpected: validation.totalExpected,
    byFrequency: validation.byFrequency,
    tracking: validation.tracking,
  }
}

function describeFit(fit: FitResult): FitFileResult {
  return {
    model: fit.model,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors,
    converged: fit.converged,
    reason: fit.reason,
    n: fit.n,
    distinctRows: fit.distinctRows,
  }
}
