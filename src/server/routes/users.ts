import { changeUserAccess, listUsersAs, type UserRow, unlockAccount } from '../../app/index.js'
import {
  okResponseSchema,
  type User,
  userAccessChangeSchema,
  userListResponseSchema,
  userParamsSchema,
} from '../contract/users.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { signedInActor } from '../signed-in.js'

function toUser(row: UserRow): User {
  return {
    id: Number(row.id),
    email: row.email,
    name: row.name,
    role: row.role,
    managerId: row.manager_id === null ? null : Number(row.manager_id),
    startedOn: row.started_on,
    active: Number(row.active) === 1,
  }
}

const listUsersRoute = defineRoute({
  method: 'get',
  path: '/users',
  operationId: 'listUsers',
  summary:
    'Users the caller may read: admins, VP and analysts all, managers their team, reps themselves',
  tag: 'users',
  access: { kind: 'policy', resource: 'user', action: 'read' },
  response: userListResponseSchema,
  async handle({ ctx }) {
    const users = await listUsersAs(ctx.deps.store, signedInActor(ctx))
    return { items: users.map(toUser) }
  },
})

const changeUserRoute = defineRoute({
  method: 'patch',
  path: '/users/{id}',
  operationId: 'changeUserAccess',
  summary: "Change a user's role, manager or active flag (admin); ends the user's sessions",
  tag: 'users',
  access: { kind: 'policy', resource: 'user', action: 'write' },
  params: userParamsSchema,
  body: userAccessChangeSchema,
  response: okResponseSchema,
  async handle({ params, body, ctx }) {
    await changeUserAccess(ctx.deps.store, params.id, dropUndefined(body), ctx.audit)
    return { ok: true as const }
  },
})

const unlockUserRoute = defineRoute({
  method: 'post',
  path: '/users/{id}/unlock',
  operationId: 'unlockUser',
  summary: 'Lift the sign-in rate limit on a user account (admin)',
  tag: 'users',
  access: { kind: 'policy', resource: 'user', action: 'write' },
  params: userParamsSchema,
  response: okResponseSchema,
  async handle({ params, ctx }) {
    await unlockAccount(ctx.deps.store, params.id, ctx.audit)
    return { ok: true as const }
  },
})

/** User administration. */
export const USER_ROUTES: readonly ApiRoute[] = [listUsersRoute, changeUserRoute, unlockUserRoute]
