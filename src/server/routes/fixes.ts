import { listFixViews, listReasonFixedAs, recordFix } from '../../app/index.js'
import {
  fixListResponseSchema,
  reasonFixedQuerySchema,
  reasonFixedResponseSchema,
  recordFixBodySchema,
  recordFixResponseSchema,
} from '../contract/fixes.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { caseActorOf, toResurfacedResponse } from './cases-mapping.js'

const listFixesRoute = defineRoute({
  method: 'get',
  path: '/fixes',
  operationId: 'listFixes',
  summary: 'Every recorded fix, newest first',
  tag: 'fixes',
  access: { kind: 'policy', resource: 'fix', action: 'read' },
  response: fixListResponseSchema,
  async handle({ ctx }) {
    return { items: await listFixViews(ctx.deps.store) }
  },
})

const recordFixRoute = defineRoute({
  method: 'post',
  path: '/fixes',
  operationId: 'recordFix',
  summary:
    'Record a fix of a loss reason: resurfaces at once every customer and deal lost for it before',
  tag: 'fixes',
  access: { kind: 'policy', resource: 'fix', action: 'write' },
  successStatus: 201,
  body: recordFixBodySchema,
  response: recordFixResponseSchema,
  async handle({ body, ctx }) {
    const { scope, ownerId, ...rest } = body
    const result = await recordFix(ctx.deps.store, caseActorOf(ctx), {
      ...rest,
      ...(scope === undefined ? {} : { scope }),
      ...(ownerId === undefined ? {} : { ownerId }),
    })
    return { fix: result.fix, ...toResurfacedResponse(result.resurfaced) }
  },
})

const reasonFixedRoute = defineRoute({
  method: 'get',
  path: '/reason-fixed',
  operationId: 'listReasonFixed',
  summary: 'The "reason now fixed" list: losses a fix or a new decision maker brought back',
  tag: 'fixes',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  query: reasonFixedQuerySchema,
  response: reasonFixedResponseSchema,
  async handle({ query, ctx }) {
    const items = await listReasonFixedAs(
      ctx.deps.store,
      caseActorOf(ctx),
      query.trigger === undefined ? {} : { triggerKey: query.trigger },
    )
    return { items }
  },
})

/** Fixes, and the losses they resurfaced. */
export const FIX_ROUTES: readonly ApiRoute[] = [listFixesRoute, recordFixRoute, reasonFixedRoute]
