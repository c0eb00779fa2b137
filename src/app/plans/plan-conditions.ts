import { NotFoundError, PreconditionFailedError } from '../../domain/errors.js'
import {
  bumpPlan,
  deleteConditionTask,
  deletePlanCondition,
  getPlanCondition,
  insertPlan,
  insertPlanCondition,
  type PlanConditionRow,
  type PlanRow,
  type Queryable,
  type Store,
  syncConditionTask,
  updatePlanCondition,
} from '../../store/index.js'
import { actorLabel, type CaseActor, dayOf, requireVersion } from '../cases/case-support.js'
import { conditionColumns, conditionTaskTitle, type PlanConditionInput } from './condition-input.js'
import { type LoadedPlan, loadPlanFor, readPlanView, recordPlanChange } from './plan-support.js'
import type { PlanView } from './plan-view.js'

// the plan a first condition starts, when the case had none (two at once: the unique key picks one)
async function planToAddTo(trx: Queryable, who: CaseActor, loaded: LoadedPlan): Promise<PlanRow> {
  if (loaded.plan !== undefined) {
    return loaded.plan
  }
  const caseId = Number(loaded.loaded.row.id)
  const created = await insertPlan(trx, { caseId, summary: null, createdBy: actorLabel(who.audit) })
  const plan = created ?? (await loadPlanFor(trx, who, caseId, 'write')).plan
  if (plan === undefined) {
    throw new NotFoundError(`case ${caseId} has no plan`)
  }
  return plan
}

async function keepTaskInStep(
  trx: Queryable,
  who: CaseActor,
  condition: PlanConditionRow,
  customerId: string,
): Promise<void> {
  await syncConditionTask(trx, {
    id: Number(condition.id),
    caseId: Number(condition.case_id),
    customerId,
    ownerId:
      condition.side === 'us' && condition.owner_id !== null ? Number(condition.owner_id) : null,
    title: conditionTaskTitle(condition.text),
    dueOn: condition.due_on,
    done: condition.status === 'done',
    createdBy: actorLabel(who.audit),
  })
}

/**
 * Adds a condition to a case's plan (starting the plan if there is none). One of ours lands on its
 * owner's to-do list as a task kept in step with it. The plan's terms change, so its version rises.
 * @throws NotFoundError, ForbiddenError, ValidationError naming the field
 * @example await addPlanCondition(store, manager, { caseId: 7, condition: { text: 'Weekly delivery report for three months', side: 'us', ownerId: 4, dueOn: '2025-03-31' } })
 */
export async function addPlanCondition(
  store: Store,
  who: CaseActor,
  input: {
    readonly caseId: number
    readonly condition: PlanConditionInput
    readonly today?: string
  },
): Promise<PlanView> {
  const loaded = await loadPlanFor(store, who, input.caseId, 'write')
  const columns = conditionColumns(input.condition, loaded.loaded)
  await store.db.transaction().execute(async (trx) => {
    const plan = await planToAddTo(trx, who, loaded)
    const condition = await insertPlanCondition(trx, {
      ...columns,
      plan_id: Number(plan.id),
      case_id: input.caseId,
    })
    await bumpPlan(trx, { id: Number(plan.id) })
    await keepTaskInStep(trx, who, condition, loaded.loaded.row.customer_id)
    await recordPlanChange(trx, who, {
      caseId: input.caseId,
      kind: 'plan_condition_added',
      action: 'create',
      objectType: 'plan_condition',
      objectId: Number(condition.id),
      fields: Object.keys(columns),
    })
  })
  return readPlanView(store, input.caseId, dayOf(input.today))
}

async function conditionOfCase(
  target: Queryable,
  caseId: number,
  conditionId: number,
): Promise<PlanConditionRow> {
  const condition = await getPlanCondition(target, conditionId)
  if (condition === undefined || Number(condition.case_id) !== caseId) {
    throw new NotFoundError(`condition ${conditionId} of case ${caseId} not found`)
  }
  return condition
}

const stale = (conditionId: number) =>
  new PreconditionFailedError(`condition ${conditionId} changed since you read it: reload`)

/**
 * Rewrites a condition at the version the caller read (If-Match); what is left out stays. The
 * task of one of ours follows (owner, title, due date); the plan's version rises.
 * @throws PRECONDITION_REQUIRED, PreconditionFailedError, NotFoundError, ValidationError
 * @example await changePlanCondition(store, manager, { caseId: 7, conditionId: 3, expectedVersion: 1, change: { dueOn: '2025-04-30' } })
 */
export async function changePlanCondition(
  store: Store,
  who: CaseActor,
  input: {
    readonly caseId: number
    readonly conditionId: number
    readonly expectedVersion: number | undefined
    readonly change: Partial<PlanConditionInput>
    readonly today?: string
  },
): Promise<PlanView> {
  const expected = requireVersion(input.expectedVersion)
  const loaded = await loadPlanFor(store, who, input.caseId, 'write')
  const before = await conditionOfCase(store, input.caseId, input.conditionId)
  const merged: PlanConditionInput = {
    text: before.text,
    side: before.side,
    ownerId: before.owner_id === null ? null : Number(before.owner_id),
    contactName: before.contact_name,
    dueOn: before.due_on,
    note: before.note,
    ...input.change,
  }
  const columns = conditionColumns(merged, loaded.loaded)
  await store.db.transaction().execute(async (trx) => {
    if (
      !(await updatePlanCondition(trx, input.conditionId, {
        expectedVersion: expected,
        set: columns,
      }))
    ) {
      throw stale(input.conditionId)
    }
    await bumpPlan(trx, { id: Number(before.plan_id) })
    const after = await conditionOfCase(trx, input.caseId, input.conditionId)
    await keepTaskInStep(trx, who, after, loaded.loaded.row.customer_id)
    await recordPlanChange(trx, who, {
      caseId: input.caseId,
      kind: 'plan_condition_changed',
      action: 'change',
      objectType: 'plan_condition',
      objectId: input.conditionId,
      fields: Object.keys(input.change),
    })
  })
  return readPlanView(store, input.caseId, dayOf(input.today))
}

/**
 * Removes a condition at the version the caller read (If-Match), with its task; the plan's
 * version rises.
 * @throws PRECONDITION_REQUIRED, PreconditionFailedError, NotFoundError
 * @example await removePlanCondition(store, manager, { caseId: 7, conditionId: 3, expectedVersion: 2 })
 */
export async function removePlanCondition(
  store: Store,
  who: CaseActor,
  input: {
    readonly caseId: number
    readonly conditionId: number
    readonly expectedVersion: number | undefined
    readonly today?: string
  },
): Promise<PlanView> {
  const expected = requireVersion(input.expectedVersion)
  await loadPlanFor(store, who, input.caseId, 'write')
  const before = await conditionOfCase(store, input.caseId, input.conditionId)
  await store.db.transaction().execute(async (trx) => {
    await deleteConditionTask(trx, input.conditionId)
    if (!(await deletePlanCondition(trx, input.conditionId, expected))) {
      throw stale(input.conditionId)
    }
    await bumpPlan(trx, { id: Number(before.plan_id) })
    await recordPlanChange(trx, who, {
      caseId: input.caseId,
      kind: 'plan_condition_removed',
      action: 'delete',
      objectType: 'plan_condition',
      objectId: input.conditionId,
      fields: [],
    })
  })
  return readPlanView(store, input.caseId, dayOf(input.today))
}
