import { isWithinScope, scopeOf } from '../../domain/access-policy.js'
import { NotFoundError } from '../../domain/errors.js'
import { keepWindowEnd, watchedIncidentKinds } from '../../domain/keep-watch.js'
import { listKeepPlans, listTasks, readCustomerOwners, type Store } from '../../store/index.js'
import type { CaseActor } from '../cases/case-support.js'
import { type AlertView, listAlertsAs } from './alerts.js'
import { getKeepSettings } from './keep-settings.js'

/** One task of a keep-plan. */
export interface KeepTaskView {
  readonly id: number
  readonly kind: string
  readonly title: string
  readonly dueOn: string
  readonly done: boolean
}

/** One keep-plan as the customer page shows it. */
export interface KeepPlanView {
  readonly caseId: number
  readonly ownerId: number
  readonly wonOn: string
  readonly watchUntil: string
  readonly watchedReasons: string[]
  readonly watchedIncidentKinds: string[]
  readonly baselineProbabilityAlive: number | null
  readonly baselineStatus: string | null
  readonly tasks: KeepTaskView[]
}

/** A customer's keep-plans (one per won case, newest first) and their alerts. */
export interface CustomerKeep {
  readonly customerId: string
  readonly plans: KeepPlanView[]
  readonly alerts: AlertView[]
}

/**
 * The keep-plans of one customer the actor may read, with their tasks and the customer's alerts.
 * @throws NotFoundError for a customer out of reach (the same answer as one that does not exist)
 * @example const keep = await keepPlanOf(store, who, 'C-1') // keep.plans[0].tasks.length === 4
 */
export async function keepPlanOf(
  store: Store,
  who: CaseActor,
  customerId: string,
): Promise<CustomerKeep> {
  const owner = (await readCustomerOwners(store, [customerId])).get(customerId)
  const scope = scopeOf(who.actor.role, 'read', 'customer')
  if (owner === undefined || !isWithinScope(who.actor, scope, owner.ownerId)) {
    throw new NotFoundError(`customer ${customerId} not found`)
  }
  const settings = await getKeepSettings(store)
  const tasks = (await listTasks(store, { customerId })).filter((task) =>
    task.kind.startsWith('keep_'),
  )
  const plans = (await listKeepPlans(store, { customerId })).map((plan) => {
    const reasons = JSON.parse(plan.watched_reasons_json) as string[]
    return {
      caseId: Number(plan.case_id),
      ownerId: Number(plan.owner_id),
      wonOn: plan.won_on,
      watchUntil: keepWindowEnd(plan.won_on, settings),
      watchedReasons: reasons,
      watchedIncidentKinds: [...watchedIncidentKinds(reasons, settings)].sort(),
      baselineProbabilityAlive:
        plan.baseline_p_alive === null ? null : Number(plan.baseline_p_alive),
      baselineStatus: plan.baseline_status,
      tasks: tasks
        .filter((task) => Number(task.case_id) === Number(plan.case_id))
        .map((task) => ({
          id: Number(task.id),
          kind: task.kind,
          title: task.title,
          dueOn: task.due_on,
          done: Number(task.done) === 1,
        })),
    }
  })
  return { customerId, plans, alerts: await listAlertsAs(store, who, { customerId }) }
}
