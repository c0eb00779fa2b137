import {
  addPlanCondition,
  addPlanExtra,
  changePlanCondition,
  completePlanConditionAs,
  removePlanCondition,
  removePlanExtra,
} from '../../app/index.js'
import {
  addPlanConditionBodySchema,
  addPlanExtraBodySchema,
  changePlanConditionBodySchema,
  completePlanConditionBodySchema,
  planCaseParamsSchema,
  planConditionParamsSchema,
  planExtraParamsSchema,
  planSchema,
} from '../contract/plans.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute, expectedVersion } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'
import { PLAN_WRITE, toPlanResponse } from './plans.js'

// every answer is the whole plan (its ETag is the plan's version); a condition's own version,
// which its PATCH and DELETE send as If-Match, is in the plan's `conditions`
const addConditionRoute = defineRoute({
  method: 'post',
  path: '/cases/{id}/plan/conditions',
  operationId: 'addPlanCondition',
  summary: "Add a condition (ours: an owner, on their to-do list; theirs: the customer's contact)",
  tag: 'plans',
  access: PLAN_WRITE,
  successStatus: 201,
  versioned: true,
  params: planCaseParamsSchema,
  body: addPlanConditionBodySchema,
  response: planSchema,
  async handle({ params, body, ctx }) {
    const plan = await addPlanCondition(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      condition: { ...dropUndefined(body), text: body.text, side: body.side, dueOn: body.dueOn },
    })
    return toPlanResponse(plan)
  },
})

const changeConditionRoute = defineRoute({
  method: 'patch',
  path: '/cases/{id}/plan/conditions/{conditionId}',
  operationId: 'changePlanCondition',
  summary: "Change a condition (If-Match: the condition's version); its task follows",
  tag: 'plans',
  access: PLAN_WRITE,
  versioned: true,
  params: planConditionParamsSchema,
  body: changePlanConditionBodySchema,
  response: planSchema,
  async handle({ params, body, ctx }) {
    const plan = await changePlanCondition(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      conditionId: params.conditionId,
      expectedVersion: expectedVersion(ctx),
      change: dropUndefined(body),
    })
    return toPlanResponse(plan)
  },
})

const removeConditionRoute = defineRoute({
  method: 'delete',
  path: '/cases/{id}/plan/conditions/{conditionId}',
  operationId: 'removePlanCondition',
  summary: "Remove a condition (If-Match: the condition's version) and its task",
  tag: 'plans',
  access: PLAN_WRITE,
  versioned: true,
  params: planConditionParamsSchema,
  response: planSchema,
  async handle({ params, ctx }) {
    const plan = await removePlanCondition(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      conditionId: params.conditionId,
      expectedVersion: expectedVersion(ctx),
    })
    return toPlanResponse(plan)
  },
})

const completeConditionRoute = defineRoute({
  method: 'post',
  path: '/cases/{id}/plan/conditions/{conditionId}/done',
  operationId: 'completePlanCondition',
  summary: 'Mark a condition done (409 when it already is: one done record)',
  tag: 'plans',
  access: PLAN_WRITE,
  versioned: true,
  params: planConditionParamsSchema,
  body: completePlanConditionBodySchema,
  response: planSchema,
  async handle({ params, body, ctx }) {
    const plan = await completePlanConditionAs(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      conditionId: params.conditionId,
      note: body.note ?? null,
    })
    return toPlanResponse(plan)
  },
})

const addExtraRoute = defineRoute({
  method: 'post',
  path: '/cases/{id}/plan/extras',
  operationId: 'addPlanExtra',
  summary: 'Record what is delivered beyond the fix ("X plus something else")',
  tag: 'plans',
  access: PLAN_WRITE,
  successStatus: 201,
  versioned: true,
  params: planCaseParamsSchema,
  body: addPlanExtraBodySchema,
  response: planSchema,
  async handle({ params, body, ctx }) {
    const plan = await addPlanExtra(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      extra: { ...dropUndefined(body), what: body.what },
    })
    return toPlanResponse(plan)
  },
})

const removeExtraRoute = defineRoute({
  method: 'delete',
  path: '/cases/{id}/plan/extras/{extraId}',
  operationId: 'removePlanExtra',
  summary: "Remove an extra (If-Match: the plan's version)",
  tag: 'plans',
  access: PLAN_WRITE,
  versioned: true,
  params: planExtraParamsSchema,
  response: planSchema,
  async handle({ params, ctx }) {
    const plan = await removePlanExtra(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      extraId: params.extraId,
      expectedVersion: expectedVersion(ctx),
    })
    return toPlanResponse(plan)
  },
})

/** The conditions and extras of a case's plan. */
export const PLAN_CONDITION_ROUTES: readonly ApiRoute[] = [
  addConditionRoute,
  changeConditionRoute,
  removeConditionRoute,
  completeConditionRoute,
  addExtraRoute,
  removeExtraRoute,
]
