import { z } from 'zod'
import {
  agreePlan,
  changePlanSummary,
  getPlanAs,
  type PlanView,
  planAgreementPdf,
  startPlan,
} from '../../app/index.js'
import {
  agreePlanBodySchema,
  changePlanBodySchema,
  type PlanResponse,
  planAgreementQuerySchema,
  planCaseParamsSchema,
  planSchema,
  startPlanBodySchema,
} from '../contract/plans.js'
import {
  type ApiRoute,
  defineRoute,
  expectedVersion,
  type FileAnswer,
} from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

/** Plans follow the case policy: a plan is part of its case. */
export const PLAN_READ = { kind: 'policy', resource: 'case', action: 'read' } as const
export const PLAN_WRITE = { kind: 'policy', resource: 'case', action: 'write' } as const

/** A plan as the API sends it. */
export const toPlanResponse = (plan: PlanView): PlanResponse => ({
  ...plan,
  conditions: [...plan.conditions],
  extras: [...plan.extras],
})

const getPlanRoute = defineRoute({
  method: 'get',
  path: '/cases/{id}/plan',
  operationId: 'getPlan',
  summary: 'The written plan of a case: the fix, conditions both sides agree to, extras, agreement',
  tag: 'plans',
  access: PLAN_READ,
  versioned: true,
  params: planCaseParamsSchema,
  response: planSchema,
  async handle({ params, ctx }) {
    return toPlanResponse(await getPlanAs(ctx.deps.store, caseActorOf(ctx), params.id))
  },
})

const startPlanRoute = defineRoute({
  method: 'post',
  path: '/cases/{id}/plan',
  operationId: 'startPlan',
  summary: 'Start the plan of a case with its fix (409 when it has one)',
  tag: 'plans',
  access: PLAN_WRITE,
  successStatus: 201,
  versioned: true,
  params: planCaseParamsSchema,
  body: startPlanBodySchema,
  response: planSchema,
  async handle({ params, body, ctx }) {
    const plan = await startPlan(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      summary: body.summary ?? null,
    })
    return toPlanResponse(plan)
  },
})

const changePlanRoute = defineRoute({
  method: 'patch',
  path: '/cases/{id}/plan',
  operationId: 'changePlan',
  summary: 'Rewrite the fix; an agreed plan then needs agreeing again',
  tag: 'plans',
  access: PLAN_WRITE,
  versioned: true,
  params: planCaseParamsSchema,
  body: changePlanBodySchema,
  response: planSchema,
  async handle({ params, body, ctx }) {
    const plan = await changePlanSummary(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      expectedVersion: expectedVersion(ctx),
      summary: body.summary,
    })
    return toPlanResponse(plan)
  },
})

const agreePlanRoute = defineRoute({
  method: 'patch',
  path: '/cases/{id}/plan/agreement',
  operationId: 'agreePlan',
  summary: 'Record that both sides agree the plan at the version read (If-Match)',
  tag: 'plans',
  access: PLAN_WRITE,
  versioned: true,
  params: planCaseParamsSchema,
  body: agreePlanBodySchema,
  response: planSchema,
  async handle({ params, body, ctx }) {
    const plan = await agreePlan(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      expectedVersion: expectedVersion(ctx),
      theirSigner: body.theirSigner ?? null,
    })
    return toPlanResponse(plan)
  },
})

const agreementPdfRoute = defineRoute({
  method: 'get',
  path: '/cases/{id}/plan/agreement.pdf',
  operationId: 'getPlanAgreement',
  summary: "The printable agreement (PDF) with both parties' names",
  tag: 'plans',
  access: PLAN_READ,
  produces: 'application/pdf',
  params: planCaseParamsSchema,
  query: planAgreementQuerySchema,
  response: z.custom<FileAnswer>(),
  async handle({ params, query, ctx }) {
    const file = await planAgreementPdf(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      paper: query.size ?? 'a4',
    })
    return {
      fileName: file.fileName,
      chunks: (async function* () {
        yield new Uint8Array(file.pdf)
      })(),
    }
  },
})

/** The plan of a case and its printable agreement. */
export const PLAN_ROUTES: readonly ApiRoute[] = [
  getPlanRoute,
  startPlanRoute,
  changePlanRoute,
  agreePlanRoute,
  agreementPdfRoute,
]
