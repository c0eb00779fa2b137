import { winBackModelAs } from '../../app/index.js'
import { ComebackError } from '../../domain/errors.js'
import { winBackModelResponseSchema } from '../contract/win-back-model.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'

const winBackModelRoute = defineRoute({
  method: 'get',
  path: '/win-back-model',
  operationId: 'getWinBackModel',
  summary: 'The win-back model of the newest analysis: prior or learned, with its calibration',
  tag: 'figures',
  access: { kind: 'policy', resource: 'figures', action: 'read' },
  response: winBackModelResponseSchema,
  async handle({ ctx }) {
    if (ctx.session === null) {
      throw new ComebackError('UNAUTHENTICATED', 'sign in first')
    }
    return await winBackModelAs(ctx.deps.store, ctx.session.actor)
  },
})

/** The win-back model and its calibration. */
export const WIN_BACK_MODEL_ROUTES: readonly ApiRoute[] = [winBackModelRoute]
