import type { ModelParams, TransactionModel } from '../analytics/index.js'
import { firstDayBelow } from '../domain/lapse-status.js'

/** What a fitted model says about one history: P(alive), expected orders ahead, CLV steps. */
export interface HistoryPrediction {
  readonly probabilityAlive: number
  /** expected orders in the won-back horizon */
  readonly expectedOrders: number
  /** expected orders in the next `k × stepMonths` months, k = 1 … */
  readonly cumulativeBySteps: readonly number[]
}

/** The fitted model, its parameters, and the time grid predictions are made on. */
export interface PredictionContext {
  readonly model: TransactionModel
  readonly params: ModelParams
  readonly daysPerUnit: number
  readonly horizonDays: number
  readonly clvHorizonMonths: number
  readonly clvStepMonths: number
}

const DAYS_PER_MONTH = 365.25 / 12
const KEY_LIMIT = 65_536

/**
 * Predictions memoised by distinct (x, t_x, T) in days, so that customers sharing a history cost
 * one evaluation (SPEC: cost grows with distinct histories, not customers). Non-finite model
 * output becomes 0 (expected orders) or 1 (P(alive)) rather than NaN reaching a figure.
 */
export function createPredictor(context: PredictionContext): {
  predict(x: number, recencyDays: number, ageDays: number): HistoryPrediction
  crossingDays(x: number, recencyDays: number, threshold: number, maxDays: number): number
} {
  const memo = new Map<number, HistoryPrediction>()
  const crossings = new Map<number, number>()
  const { model, params, daysPerUnit } = context
  const steps = Math.ceil(context.clvHorizonMonths / context.clvStepMonths)
  const compute = (x: number, recencyDays: number, ageDays: number): HistoryPrediction => {
    const recency = recencyDays / daysPerUnit
    const age = ageDays / daysPerUnit
    const expected = (days: number) =>
      finiteOr(model.expectedTransactions(params, days / daysPerUnit, x, recency, age), 0)
    const cumulativeBySteps: number[] = []
    for (let step = 1; step <= steps; step += 1) {
      const months = Math.min(step * context.clvStepMonths, context.clvHorizonMonths)
      cumulativeBySteps.push(expected(months * DAYS_PER_MONTH))
    }
    return {
      probabilityAlive: clampProbability(model.probabilityAlive(params, x, recency, age)),
      expectedOrders: expected(context.horizonDays),
      cumulativeBySteps,
    }
  }
  return {
    predict(x, recencyDays, ageDays) {
      if (x >= KEY_LIMIT || recencyDays >= KEY_LIMIT || ageDays >= KEY_LIMIT) {
        return compute(x, recencyDays, ageDays)
      }
      const key = (x * KEY_LIMIT + recencyDays) * KEY_LIMIT + ageDays
      let prediction = memo.get(key)
      if (prediction === undefined) {
        prediction = compute(x, recencyDays, ageDays)
        memo.set(key, prediction)
      }
      return prediction
    },
    crossingDays(x, recencyDays, threshold, maxDays) {
      const key = x * KEY_LIMIT + recencyDays
      const known = crossings.get(key)
      // the rule asks only when P(alive) is already below: the first crossing is the same for all
      if (known !== undefined) {
        return Math.min(known, maxDays)
      }
      const days = firstDayBelow(
        (after) =>
          clampProbability(
            model.probabilityAlive(
              params,
              x,
              recencyDays / daysPerUnit,
              (recencyDays + after) / daysPerUnit,
            ),
          ),
        threshold,
        maxDays,
      )
      crossings.set(key, days)
      return days
    },
  }
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.max(0, value) : fallback
}

function clampProbability(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1
}
