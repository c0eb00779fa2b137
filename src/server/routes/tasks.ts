import { completeTaskAs, listTasksAs } from '../../app/index.js'
import {
  completeTaskBodySchema,
  completeTaskResponseSchema,
  taskListQuerySchema,
  taskListResponseSchema,
  taskParamsSchema,
} from '../contract/tasks.js'
import { type ApiRoute, defineRoute, expectedVersion } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

const listTasksRoute = defineRoute({
  method: 'get',
  path: '/tasks',
  operationId: 'listTasks',
  summary: "Tasks the caller may see (their own, their team's), or only their own",
  tag: 'tasks',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  query: taskListQuerySchema,
  response: taskListResponseSchema,
  async handle({ query, ctx }) {
    const who = caseActorOf(ctx)
    const tasks = await listTasksAs(ctx.deps.store, who, query.open === true ? { open: true } : {})
    const items = query.mine === true ? tasks.filter((t) => t.ownerId === who.actor.userId) : tasks
    return { items }
  },
})

const completeTaskRoute = defineRoute({
  method: 'patch',
  path: '/tasks/{id}',
  operationId: 'completeTask',
  summary: 'Mark a task done',
  tag: 'tasks',
  access: { kind: 'policy', resource: 'case', action: 'write' },
  versioned: true,
  params: taskParamsSchema,
  body: completeTaskBodySchema,
  response: completeTaskResponseSchema,
  async handle({ params, ctx }) {
    const version = await completeTaskAs(ctx.deps.store, caseActorOf(ctx), {
      taskId: params.id,
      expectedVersion: expectedVersion(ctx),
    })
    return { id: params.id, version, done: true }
  },
})

/** The caller's tasks. */
export const TASK_ROUTES: readonly ApiRoute[] = [listTasksRoute, completeTaskRoute]
