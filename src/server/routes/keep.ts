import {
  acknowledgeAlertAs,
  dismissLetGo,
  keepPlanOf,
  letGoSuggestions,
  listAlertsAs,
  markLetGo,
  relapseReport,
} from '../../app/index.js'
import { ValidationError } from '../../domain/errors.js'
import {
  acknowledgeAlertBodySchema,
  alertListQuerySchema,
  alertListResponseSchema,
  alertParamsSchema,
  alertSchema,
  keepCustomerParamsSchema,
  keepPlanResponseSchema,
  letGoBodySchema,
  letGoResponseSchema,
  letGoSuggestionsResponseSchema,
  relapseQuerySchema,
  relapseResponseSchema,
} from '../contract/keep.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

const listAlertsRoute = defineRoute({
  method: 'get',
  path: '/alerts',
  operationId: 'listAlerts',
  summary: "Alerts about won-back customers: the caller's own, their team's, or all",
  tag: 'keep',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  query: alertListQuerySchema,
  response: alertListResponseSchema,
  async handle({ query, ctx }) {
    const items = await listAlertsAs(
      ctx.deps.store,
      caseActorOf(ctx),
      query.open === true ? { open: true } : {},
    )
    return { items }
  },
})

const acknowledgeAlertRoute = defineRoute({
  method: 'post',
  path: '/alerts/{id}/acknowledge',
  operationId: 'acknowledgeAlert',
  summary: 'Acknowledge an alert (once: a second acknowledgement is a conflict)',
  tag: 'keep',
  access: { kind: 'policy', resource: 'case', action: 'write' },
  params: alertParamsSchema,
  body: acknowledgeAlertBodySchema,
  response: alertSchema,
  async handle({ params, ctx }) {
    return acknowledgeAlertAs(ctx.deps.store, caseActorOf(ctx), params.id)
  },
})

const keepPlanRoute = defineRoute({
  method: 'get',
  path: '/customers/{id}/keep-plan',
  operationId: 'getKeepPlan',
  summary: "A customer's keep-plans (thanks, check-ins, watched reasons, baseline) and alerts",
  tag: 'keep',
  access: { kind: 'policy', resource: 'customer', action: 'read' },
  params: keepCustomerParamsSchema,
  response: keepPlanResponseSchema,
  async handle({ params, ctx }) {
    return keepPlanOf(ctx.deps.store, caseActorOf(ctx), params.id)
  },
})

const relapseRoute = defineRoute({
  method: 'get',
  path: '/reports/re-lapse',
  operationId: 'getRelapseReport',
  summary: 'Won-back customers lost again within 12 months of the win: counts and rate',
  tag: 'keep',
  access: { kind: 'policy', resource: 'report', action: 'read' },
  query: relapseQuerySchema,
  response: relapseResponseSchema,
  async handle({ query, ctx }) {
    return relapseReport(
      ctx.deps.store,
      caseActorOf(ctx),
      query.asOf === undefined ? {} : { asOf: query.asOf },
    )
  },
})

const suggestionsRoute = defineRoute({
  method: 'get',
  path: '/let-go/suggestions',
  operationId: 'listLetGoSuggestions',
  summary: 'Customers the data says may not be worth winning back, each with the rule that fired',
  tag: 'keep',
  access: { kind: 'policy', resource: 'customer', action: 'read' },
  response: letGoSuggestionsResponseSchema,
  async handle({ ctx }) {
    return { items: await letGoSuggestions(ctx.deps.store, caseActorOf(ctx)) }
  },
})

const letGoRoute = defineRoute({
  method: 'post',
  path: '/customers/{id}/let-go',
  operationId: 'decideLetGo',
  summary: 'Let a customer go (with a reason and a note), or dismiss the suggestion',
  tag: 'keep',
  access: { kind: 'policy', resource: 'case_management', action: 'write' },
  params: keepCustomerParamsSchema,
  body: letGoBodySchema,
  response: letGoResponseSchema,
  async handle({ params, body, ctx }) {
    const who = caseActorOf(ctx)
    if (body.decision === 'dismissed') {
      return dismissLetGo(ctx.deps.store, who, {
        customerId: params.id,
        ...(body.note === undefined ? {} : { note: body.note }),
      })
    }
    if (body.reason === undefined) {
      throw new ValidationError('reason: letting a customer go needs a reason', {
        issues: [{ path: ['reason'], message: 'required' }],
      })
    }
    return markLetGo(ctx.deps.store, who, {
      customerId: params.id,
      reason: body.reason,
      ...(body.note === undefined ? {} : { note: body.note }),
    })
  },
})

/** Seal the deal and let go (issue 7 items 4–5): alerts, keep-plans, re-lapse, let-go. */
export const KEEP_ROUTES: readonly ApiRoute[] = [
  listAlertsRoute,
  acknowledgeAlertRoute,
  keepPlanRoute,
  relapseRoute,
  suggestionsRoute,
  letGoRoute,
]
