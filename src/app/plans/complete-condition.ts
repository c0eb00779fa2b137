import { todayIso } from '../../domain/case-dates.js'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import {
  completePlanCondition,
  conditionIdOfTaskKey,
  getPlanCondition,
  type Queryable,
  type Store,
  syncConditionTask,
} from '../../store/index.js'
import { actorLabel, type CaseActor, dayOf } from '../cases/case-support.js'
import { cleanText } from '../cases/next-step.js'
import { conditionTaskTitle } from './condition-input.js'
import { loadPlanFor, readPlanView, recordPlanChange } from './plan-support.js'
import type { PlanView } from './plan-view.js'

/**
 * Marks a condition of a case's plan done, as of `today`, with an optional note. The write is a
 * conditional UPDATE on the open status: of two people completing it at once one records it (one
 * done record, one timeline event, one audit entry) and the other gets a ConflictError. The task
 * of one of ours closes with it.
 * @throws NotFoundError, ForbiddenError; ConflictError when it is already done
 * @example await completePlanConditionAs(store, rep, { caseId: 7, conditionId: 3 })
 */
export async function completePlanConditionAs(
  store: Store,
  who: CaseActor,
  input: {
    readonly caseId: number
    readonly conditionId: number
    readonly note?: string | null
    readonly today?: string
  },
): Promise<PlanView> {
  const today = dayOf(input.today)
  const { loaded } = await loadPlanFor(store, who, input.caseId, 'write')
  const note = cleanText('note', input.note)
  await store.db.transaction().execute(async (trx) => {
    const done = await completePlanCondition(trx, {
      id: input.conditionId,
      doneOn: today,
      doneBy: actorLabel(who.audit),
      ...(note == null ? {} : { note }),
    })
    const after = await getPlanCondition(trx, input.conditionId)
    if (after === undefined || Number(after.case_id) !== input.caseId) {
      throw new NotFoundError(`condition ${input.conditionId} of case ${input.caseId} not found`)
    }
    if (!done) {
      throw new ConflictError(
        `condition ${input.conditionId} is already done (on ${after.done_on} by ${after.done_by})`,
      )
    }
    await syncConditionTask(trx, {
      id: input.conditionId,
      caseId: input.caseId,
      customerId: loaded.row.customer_id,
      ownerId: after.owner_id === null ? null : Number(after.owner_id),
      title: conditionTaskTitle(after.text),
      dueOn: after.due_on,
      done: true,
      createdBy: actorLabel(who.audit),
    })
    await recordDone(trx, who, input.caseId, input.conditionId)
  })
  return readPlanView(store, input.caseId, today)
}

async function recordDone(
  trx: Queryable,
  who: CaseActor,
  caseId: number,
  conditionId: number,
): Promise<void> {
  await recordPlanChange(trx, who, {
    caseId,
    kind: 'plan_condition_done',
    action: 'complete',
    objectType: 'plan_condition',
    objectId: conditionId,
    fields: ['status', 'done_on', 'done_by'],
  })
}

/**
 * Keeps a condition in step when its task is marked done on the to-do list: called in the task's
 * own transaction (after the task's conditional update won), it completes the open condition the
 * task carries and records it; any other task is left alone.
 * @example await completeConditionOfTask(trx, who, task.source_key)
 */
export async function completeConditionOfTask(
  trx: Queryable,
  who: CaseActor,
  sourceKey: string | null,
): Promise<void> {
  const conditionId = conditionIdOfTaskKey(sourceKey)
  if (conditionId === null) {
    return
  }
  const done = await completePlanCondition(trx, {
    id: conditionId,
    doneOn: todayIso(),
    doneBy: actorLabel(who.audit),
  })
  const condition = done ? await getPlanCondition(trx, conditionId) : undefined
  if (condition !== undefined) {
    await recordDone(trx, who, Number(condition.case_id), conditionId)
  }
}
