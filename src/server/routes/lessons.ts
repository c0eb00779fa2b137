import { goldenLessons } from '../../app/index.js'
import { lessonsQuerySchema, lessonsResponseSchema } from '../contract/lessons.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { caseActorOf, toLessonsResponse } from './cases-mapping.js'

const lessonsRoute = defineRoute({
  method: 'get',
  path: '/lessons',
  operationId: 'getGoldenLessons',
  summary:
    'The golden lessons: Pareto of loss reasons by count and lost revenue, trend, and breakdowns',
  tag: 'lessons',
  access: { kind: 'policy', resource: 'golden_lessons', action: 'read' },
  query: lessonsQuerySchema,
  response: lessonsResponseSchema,
  async handle({ query, ctx }) {
    return toLessonsResponse(
      await goldenLessons(ctx.deps.store, caseActorOf(ctx), dropUndefined(query)),
    )
  },
})

/** The golden lessons page. */
export const LESSON_ROUTES: readonly ApiRoute[] = [lessonsRoute]
