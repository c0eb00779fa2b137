import { readAuditLogAs } from '../../app/index.js'
import { auditListQuerySchema, auditListResponseSchema } from '../contract/audit.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { signedInActor } from '../signed-in.js'

const listAuditRoute = defineRoute({
  method: 'get',
  path: '/audit',
  operationId: 'listAudit',
  summary:
    'The audit log, newest first, filtered by actor, action, object and time, paged back with beforeId: who did what to which object, never the personal values',
  tag: 'audit',
  access: { kind: 'policy', resource: 'audit_log', action: 'read' },
  query: auditListQuerySchema,
  response: auditListResponseSchema,
  async handle({ query, ctx }) {
    return await readAuditLogAs(ctx.deps.store, signedInActor(ctx), dropUndefined(query), ctx.audit)
  },
})

/** Reading the audit log (admin and VP). */
export const AUDIT_ROUTES: readonly ApiRoute[] = [listAuditRoute]
