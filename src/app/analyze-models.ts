import {
  AnalyticsInputError,
  bgNbd,
  mbgNbd,
  paretoNbd,
  type TransactionModel,
  type TransactionModelName,
} from '../analytics/index.js'
import { InsufficientDataError, ValidationError } from '../domain/errors.js'

/** What `analyze` may be asked for: one model, or `auto` (SPEC "Model choice"). */
export type RequestedModel = 'auto' | TransactionModelName

/** The time unit a fit runs in: days, or weeks of 7 days. */
export type TimeUnit = 'day' | 'week'

export const REQUESTED_MODELS: readonly RequestedModel[] = ['auto', 'bgnbd', 'mbgnbd', 'pareto-nbd']

const MODELS: Record<TransactionModelName, TransactionModel> = {
  bgnbd: bgNbd,
  mbgnbd: mbgNbd,
  'pareto-nbd': paretoNbd,
}

/**
 * The models to fit: for `auto` MBG/NBD and Pareto/NBD, which can tell that a one-time buyer is
 * gone; plain BG/NBD (every one-time buyer alive) only when asked for by name.
 */
export function candidateModels(requested: RequestedModel): TransactionModel[] {
  return requested === 'auto' ? [MODELS.mbgnbd, MODELS['pareto-nbd']] : [MODELS[requested]]
}

/** The model of a name. */
export function transactionModel(name: TransactionModelName): TransactionModel {
  return MODELS[name]
}

/** Days in one time unit. */
export function daysPerUnit(unit: TimeUnit): number {
  return unit === 'week' ? 7 : 1
}

/**
 * Turns an analytics input error into the app's error (invalid input → ValidationError, too
 * little data → InsufficientDataError); anything else passes through unchanged.
 */
export function toAppError(error: unknown): unknown {
  if (error instanceof AnalyticsInputError) {
    return error.kind === 'insufficient_data'
      ? new InsufficientDataError(error.message, { cause: error })
      : new ValidationError(error.message, { cause: error })
  }
  return error
}

/** Runs `work`, mapping analytics input errors to the app's errors. */
export function withAppErrors<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    throw toAppError(error)
  }
}
