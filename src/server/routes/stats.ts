import { statsAs } from '../../app/index.js'
import { ComebackError } from '../../domain/errors.js'
import { statsResponseSchema } from '../contract/stats.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'

const statsRoute = defineRoute({
  method: 'get',
  path: '/stats',
  operationId: 'getStats',
  summary: 'How many customers, orders, deals, … the store holds',
  tag: 'figures',
  access: { kind: 'policy', resource: 'figures', action: 'read' },
  response: statsResponseSchema,
  async handle({ ctx }) {
    if (ctx.session === null) {
      throw new ComebackError('UNAUTHENTICATED', 'sign in first')
    }
    return await statsAs(ctx.deps.store, ctx.session.actor)
  },
})

/** Aggregate figures. */
export const STATS_ROUTES: readonly ApiRoute[] = [statsRoute]
