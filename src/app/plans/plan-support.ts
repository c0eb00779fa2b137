import { NotFoundError } from '../../domain/errors.js'
import {
  getPlanOfCase,
  insertCaseEvent,
  listPlanConditions,
  listPlanExtras,
  type PlanRow,
  type Queryable,
} from '../../store/index.js'
import {
  actorLabel,
  auditCaseChange,
  type CaseActor,
  type LoadedCase,
  loadCaseFor,
  usersById,
} from '../cases/case-support.js'
import { type PlanView, toConditionView, toExtraView, toPlanView } from './plan-view.js'

/** A case the actor may act on, with its plan if one was started. */
export interface LoadedPlan {
  readonly loaded: LoadedCase
  readonly plan: PlanRow | undefined
}

/**
 * Loads a case the actor may `action` (the case policy: a plan is part of its case) and its plan.
 * @throws NotFoundError, ForbiddenError as `loadCaseFor`
 */
export async function loadPlanFor(
  target: Queryable,
  who: CaseActor,
  caseId: number,
  action: 'read' | 'write',
): Promise<LoadedPlan> {
  const loaded = await loadCaseFor(target, who, caseId, action)
  return { loaded, plan: await getPlanOfCase(target, caseId) }
}

/** The plan of a loaded case, or a NotFoundError naming the case when none was started. */
export function requirePlan(loadedPlan: LoadedPlan): PlanRow {
  if (loadedPlan.plan === undefined) {
    throw new NotFoundError(
      `case ${loadedPlan.loaded.row.id} has no plan yet: start one (POST /cases/{id}/plan)`,
    )
  }
  return loadedPlan.plan
}

/** The plan of a case as it stands, conditions overdue as of `today`. */
export async function readPlanView(
  target: Queryable,
  caseId: number,
  today: string,
): Promise<PlanView> {
  const plan = await getPlanOfCase(target, caseId)
  if (plan === undefined) {
    return toPlanView(caseId, { plan, conditions: [], extras: [] })
  }
  const users = await usersById(target)
  const names = new Map([...users].map(([id, user]) => [id, user.name]))
  const conditions = await listPlanConditions(target, Number(plan.id))
  const extras = await listPlanExtras(target, Number(plan.id))
  return toPlanView(caseId, {
    plan,
    conditions: conditions.map((row) => toConditionView(row, names, today)),
    extras: extras.map(toExtraView),
  })
}

/**
 * Records a plan change on the case's timeline and in the audit log (the fields changed, never
 * their values: TESTPLAN T20), in the caller's transaction.
 */
export async function recordPlanChange(
  trx: Queryable,
  who: CaseActor,
  change: {
    readonly caseId: number
    readonly kind: string
    readonly action: string
    readonly objectType: 'plan' | 'plan_condition' | 'plan_extra'
    readonly objectId: number
    readonly fields: string[]
  },
): Promise<void> {
  await insertCaseEvent(trx, {
    case_id: change.caseId,
    actor: actorLabel(who.audit),
    kind: change.kind,
    from_stage: null,
    to_stage: null,
    note: null,
    data_json: JSON.stringify({ [`${change.objectType}Id`]: change.objectId }),
  })
  await auditCaseChange(trx, who.audit, {
    action: change.action,
    objectType: change.objectType,
    objectId: String(change.objectId),
    fields: change.fields,
  })
}
