import {
  assignCase,
  getCaseAs,
  listCasesAs,
  listOverdueStepsAs,
  moveCase,
  openCase,
  pageCases,
  recordNewDecisionMaker,
  updateCase,
} from '../../app/index.js'
import {
  assignCaseBodySchema,
  caseDetailSchema,
  caseListQuerySchema,
  caseListResponseSchema,
  caseParamsSchema,
  changeCaseBodySchema,
  openCaseBodySchema,
  overdueStepsResponseSchema,
} from '../contract/cases.js'
import {
  customerIdParamsSchema,
  newDecisionMakerBodySchema,
  resurfacedSchema,
} from '../contract/fixes.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute, expectedVersion } from '../route-definition.js'
import {
  caseActorOf,
  toCaseDetailResponse,
  toCaseSummaryItem,
  toResurfacedResponse,
} from './cases-mapping.js'

const listCasesRoute = defineRoute({
  method: 'get',
  path: '/cases',
  operationId: 'listCases',
  summary:
    'Win-back cases the caller may read, filtered (stage, owner, overdue, kind), sorted, paged',
  tag: 'cases',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  query: caseListQuerySchema,
  response: caseListResponseSchema,
  async handle({ query, ctx }) {
    const { limit, offset, overdue, subjectKind, sort, stage, ...filters } = query
    const visible = await listCasesAs(
      ctx.deps.store,
      caseActorOf(ctx),
      dropUndefined({ ...filters, stages: stage }),
    )
    const page = pageCases(visible, dropUndefined({ limit, offset, overdue, subjectKind, sort }))
    return { items: page.items.map(toCaseSummaryItem), total: page.total }
  },
})

const overdueStepsRoute = defineRoute({
  method: 'get',
  path: '/cases/overdue',
  operationId: 'listOverdueSteps',
  summary: "Open cases whose next step is overdue: the caller's own, and their team's",
  tag: 'cases',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  response: overdueStepsResponseSchema,
  async handle({ ctx }) {
    const who = caseActorOf(ctx)
    const late = await listOverdueStepsAs(ctx.deps.store, who)
    return {
      mine: late.filter((c) => c.owner.id === who.actor.userId).map(toCaseSummaryItem),
      team: late.filter((c) => c.owner.id !== who.actor.userId).map(toCaseSummaryItem),
    }
  },
})

const getCaseRoute = defineRoute({
  method: 'get',
  path: '/cases/{id}',
  operationId: 'getCase',
  summary: 'One case: finding, overrides, timeline, the next questions and the moves allowed now',
  tag: 'cases',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  versioned: true,
  params: caseParamsSchema,
  response: caseDetailSchema,
  async handle({ params, ctx }) {
    return toCaseDetailResponse(await getCaseAs(ctx.deps.store, caseActorOf(ctx), params.id))
  },
})

const openCaseRoute = defineRoute({
  method: 'post',
  path: '/cases',
  operationId: 'openCase',
  summary: 'Open a win-back case on a lost customer or lost deal (managers, the VP, admins)',
  tag: 'cases',
  access: { kind: 'policy', resource: 'case_management', action: 'write' },
  successStatus: 201,
  versioned: true,
  body: openCaseBodySchema,
  response: caseDetailSchema,
  async handle({ body, ctx }) {
    const { subject, overrides, ...rest } = body
    const detail = await openCase(ctx.deps.store, caseActorOf(ctx), {
      ...dropUndefined(rest),
      subject,
      ...(overrides === undefined ? {} : { overrides }),
    })
    return toCaseDetailResponse(detail)
  },
})

const changeCaseRoute = defineRoute({
  method: 'patch',
  path: '/cases/{id}',
  operationId: 'changeCase',
  summary:
    "Move a case to a stage with that stage's answers, or record answers and the next step in place",
  tag: 'cases',
  access: { kind: 'policy', resource: 'case', action: 'write' },
  versioned: true,
  params: caseParamsSchema,
  body: changeCaseBodySchema,
  response: caseDetailSchema,
  async handle({ params, body, ctx }) {
    const { to, finding, overrides, ...rest } = body
    const input = {
      ...dropUndefined(rest),
      ...(finding === undefined ? {} : { finding: dropUndefined(finding) }),
      ...(overrides === undefined ? {} : { overrides }),
      caseId: params.id,
      expectedVersion: expectedVersion(ctx),
    }
    const who = caseActorOf(ctx)
    const detail =
      to === undefined
        ? await updateCase(ctx.deps.store, who, input)
        : await moveCase(ctx.deps.store, who, { ...input, to })
    return toCaseDetailResponse(detail)
  },
})

const assignCaseRoute = defineRoute({
  method: 'patch',
  path: '/cases/{id}/people',
  operationId: 'assignCase',
  summary: 'Change who works a case: its owner, reps and exit interviewer (sales management)',
  tag: 'cases',
  access: { kind: 'policy', resource: 'case_management', action: 'write' },
  versioned: true,
  params: caseParamsSchema,
  body: assignCaseBodySchema,
  response: caseDetailSchema,
  async handle({ params, body, ctx }) {
    const { overrides, ...rest } = body
    const detail = await assignCase(ctx.deps.store, caseActorOf(ctx), {
      ...dropUndefined(rest),
      ...(overrides === undefined ? {} : { overrides }),
      caseId: params.id,
      expectedVersion: expectedVersion(ctx),
    })
    return toCaseDetailResponse(detail)
  },
})

const newDecisionMakerRoute = defineRoute({
  method: 'post',
  path: '/customers/{id}/new-decision-maker',
  operationId: 'recordNewDecisionMaker',
  summary: 'A new decision maker at a lost account: resurfaces the account and its lost deals',
  tag: 'cases',
  access: { kind: 'policy', resource: 'case', action: 'write' },
  params: customerIdParamsSchema,
  body: newDecisionMakerBodySchema,
  response: resurfacedSchema,
  async handle({ params, body, ctx }) {
    const { resurfaced } = await recordNewDecisionMaker(ctx.deps.store, caseActorOf(ctx), {
      customerId: params.id,
      changedOn: body.changedOn,
    })
    return toResurfacedResponse(resurfaced)
  },
})

/** The case board, the case page, and the changes made there. */
export const CASE_ROUTES: readonly ApiRoute[] = [
  listCasesRoute,
  overdueStepsRoute,
  getCaseRoute,
  openCaseRoute,
  changeCaseRoute,
  assignCaseRoute,
  newDecisionMakerRoute,
]
