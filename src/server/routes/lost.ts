import { dashboardAs, listLostAs } from '../../app/index.js'
import { dashboardResponseSchema } from '../contract/dashboard.js'
import { lostListQuerySchema, lostListResponseSchema } from '../contract/lost.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { signedInActor } from '../signed-in.js'

const listLostRoute = defineRoute({
  method: 'get',
  path: '/lost',
  operationId: 'listLost',
  summary:
    'The lost list of the newest analysis: lost, lapsed or at-risk customers and lost deals the caller may read, paged, filtered, sorted, with totals and filter values',
  tag: 'customers',
  access: { kind: 'policy', resource: 'customer', action: 'read' },
  query: lostListQuerySchema,
  response: lostListResponseSchema,
  async handle({ query, ctx }) {
    // a search counts against the caller's quota (TESTPLAN T18)
    ctx.deps.quotas.spendSearch(signedInActor(ctx).userId, query.search)
    return await listLostAs(ctx.deps.store, signedInActor(ctx), {
      ...dropUndefined(query),
      cachePages: ctx.deps.config.cacheLostPages,
    })
  },
})

const dashboardRoute = defineRoute({
  method: 'get',
  path: '/dashboard',
  operationId: 'getDashboard',
  summary:
    "The company's headline figures from the newest analysis: statuses, value at stake, churn, losses by month, top reasons",
  tag: 'figures',
  access: { kind: 'policy', resource: 'figures', action: 'read' },
  response: dashboardResponseSchema,
  async handle({ ctx }) {
    return await dashboardAs(ctx.deps.store, signedInActor(ctx))
  },
})

/** The lost list and the dashboard. */
export const LOST_ROUTES: readonly ApiRoute[] = [listLostRoute, dashboardRoute]
