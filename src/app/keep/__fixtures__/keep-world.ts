import { randomBytes } from 'node:crypto'
import type { Store } from '../../../store/index.js'
import type { CaseWorld } from '../../cases/__fixtures__/case-world.js'
import { actorOf, TODAY } from '../../cases/__fixtures__/case-world.js'
import type { CaseDetail } from '../../cases/case-detail.js'
import { moveCase } from '../../cases/move-case.js'
import { openCase } from '../../cases/open-case.js'

/** A finding that records the delivery reason (watched as late deliveries). */
export const DELIVERY_FINDING = {
  customerWords: 'Three late deliveries in a row cost us a production day.',
  reasons: ['delivery'],
  customerCostMinor: 3_000_000,
  remedy: 'A dedicated delivery slot',
}

/** Walks an open case on `customerId` to Won back on TODAY, through the real moves. */
export async function winCase(
  store: Store,
  world: CaseWorld,
  customerId: string,
): Promise<CaseDetail> {
  const manager = await actorOf(store, world.managerNorth)
  const opened = await openCase(store, manager, {
    subject: { kind: 'customer', customerId },
    repIds: [Number(world.repOld.id)],
    today: TODAY,
  })
  const steps = [
    { to: 'approached' as const, approachChannel: 'letter' as const },
    { to: 'meeting_held' as const, finding: DELIVERY_FINDING },
    { to: 'plan_agreed' as const, planSummary: 'Tuesday slot; review in 90 days' },
    { to: 'won_back' as const },
  ]
  let detail = opened
  for (const step of steps) {
    detail = await moveCase(store, manager, {
      caseId: detail.id,
      expectedVersion: detail.version,
      today: TODAY,
      ...step,
    })
  }
  return detail
}

/** Stores an analysis run as `analyze` does (the run row, then one score per customer). */
export async function storeRun(
  store: Store,
  asOf: string,
  scores: readonly {
    customerId: string
    status: 'active' | 'at_risk' | 'lapsed' | 'lost'
    pAlive: number | null
    lastOrderOn: string
    lostSince?: string
  }[],
): Promise<number> {
  const run = await store.db
    .insertInto('analysis_runs')
    .values({
      as_of: asOf,
      time_unit: 'day',
      model_requested: 'auto',
      model: null,
      params_json: null,
      fit_json: null,
      validation_json: null,
      choice_reason: 'keep test',
      notes_json: '[]',
      settings_json: '{}',
      currency: 'USD',
      customer_count: scores.length,
      status_counts_json: '{}',
      created_at: new Date().toISOString(),
      actor: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const score of scores) {
    await store.db
      .insertInto('customer_scores')
      .values({
        run_id: Number(run.id),
        customer_id: score.customerId,
        status: score.status,
        status_rule: 'test',
        lost_since: score.lostSince ?? null,
        p_alive: score.pAlive,
        expected_orders: null,
        expected_next_order: null,
        overdue_days: null,
        first_order_on: '2020-01-01',
        last_order_on: score.lastOrderOn,
        purchase_days: 5,
        historical_value_minor: 0,
        value_if_won_back_minor: 0,
        clv_minor: null,
        win_back_probability: 0.3,
        expected_value_minor: 0,
        explanation: 'test',
      })
      .execute()
  }
  return Number(run.id)
}

/** A key no other test uses. */
export function uniqueKey(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`
}
