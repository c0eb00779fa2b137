import { AnalyticsInputError } from '../errors.js'
import type { ModelParams, TransactionModel } from '../types.js'

/**
 * P(alive at T + t | x, t_x, T and no purchase in (T, T + t]): how sure the model would be that
 * the customer is still there if they stay silent for t more time units. With no purchase in
 * between, the history is (x, t_x, T + t), so this is P(alive) at age T + t — for BG/NBD and
 * MBG/NBD (Fader, Hardie & Lee 2005; dropout happens only at purchases) as for Pareto/NBD
 * (Schmittlein, Morrison & Colombo 1987). O(1) plus the model's P(alive).
 *
 * @example
 * ```ts
 * probabilityAliveAt(mbgNbd, params, { x: 3, recency: 20, age: 30 }, 26) // after half a year more
 * ```
 */
export function probabilityAliveAt(
  model: TransactionModel,
  params: ModelParams,
  history: { readonly x: number; readonly recency: number; readonly age: number },
  t: number,
): number {
  if (!(t >= 0 && Number.isFinite(t))) {
    throw new AnalyticsInputError(
      'invalid_input',
      `probabilityAliveAt: time ahead ${t} is not a finite number ≥ 0`,
    )
  }
  return model.probabilityAlive(params, history.x, history.recency, history.age + t)
}
