import { ConflictError, PreconditionFailedError } from '../../domain/errors.js'
import { bumpPlan, insertPlan, type Store } from '../../store/index.js'
import { actorLabel, type CaseActor, dayOf, requireVersion } from '../cases/case-support.js'
import { cleanText } from '../cases/next-step.js'
import { loadPlanFor, readPlanView, recordPlanChange, requirePlan } from './plan-support.js'
import type { PlanView } from './plan-view.js'

/**
 * Starts the written plan of a case with its fix (what we will do). One plan per case: a second
 * start, even a concurrent one, is a conflict (the unique `case_id` decides).
 * @throws NotFoundError, ForbiddenError; ConflictError when the case has a plan
 * @example await startPlan(store, manager, { caseId: 7, summary: 'Deliveries on Tuesdays, tracked' })
 */
export async function startPlan(
  store: Store,
  who: CaseActor,
  input: { readonly caseId: number; readonly summary?: string | null; readonly today?: string },
): Promise<PlanView> {
  await loadPlanFor(store, who, input.caseId, 'write')
  const summary = cleanText('summary', input.summary) ?? null
  await store.db.transaction().execute(async (trx) => {
    const plan = await insertPlan(trx, {
      caseId: input.caseId,
      summary,
      createdBy: actorLabel(who.audit),
    })
    if (plan === undefined) {
      throw new ConflictError(`case ${input.caseId} already has a plan: change that one`)
    }
    await recordPlanChange(trx, who, {
      caseId: input.caseId,
      kind: 'plan_started',
      action: 'create',
      objectType: 'plan',
      objectId: Number(plan.id),
      fields: ['summary'],
    })
  })
  return readPlanView(store, input.caseId, dayOf(input.today))
}

/**
 * Rewrites the fix of a plan at the version the caller read (If-Match). A change to the terms
 * raises the version, so an agreed plan reads `changed` and needs agreeing again.
 * @throws PRECONDITION_REQUIRED without a version; PreconditionFailedError when stale
 * @example await changePlanSummary(store, manager, { caseId: 7, expectedVersion: 2, summary: '…' })
 */
export async function changePlanSummary(
  store: Store,
  who: CaseActor,
  input: {
    readonly caseId: number
    readonly expectedVersion: number | undefined
    readonly summary: string | null
    readonly today?: string
  },
): Promise<PlanView> {
  const expected = requireVersion(input.expectedVersion)
  const plan = requirePlan(await loadPlanFor(store, who, input.caseId, 'write'))
  const summary = cleanText('summary', input.summary) ?? null
  await store.db.transaction().execute(async (trx) => {
    const changed = await bumpPlan(trx, { id: Number(plan.id), expectedVersion: expected, summary })
    if (!changed) {
      throw new PreconditionFailedError(
        `the plan of case ${input.caseId} changed since you read it (version ${plan.version}): reload`,
      )
    }
    await recordPlanChange(trx, who, {
      caseId: input.caseId,
      kind: 'plan_changed',
      action: 'change',
      objectType: 'plan',
      objectId: Number(plan.id),
      fields: ['summary'],
    })
  })
  return readPlanView(store, input.caseId, dayOf(input.today))
}

/**
 * The plan of a case the actor may read (an empty one, status `none`, before it is started).
 * @throws NotFoundError
 * @example const plan = await getPlanAs(store, rep, 7)
 */
export async function getPlanAs(
  store: Store,
  who: CaseActor,
  caseId: number,
  options: { readonly today?: string } = {},
): Promise<PlanView> {
  await loadPlanFor(store, who, caseId, 'read')
  return readPlanView(store, caseId, dayOf(options.today))
}
