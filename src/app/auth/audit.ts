import { appendAudit, type Queryable } from '../../store/index.js'

/** Who did something, for the audit log: a user id (never an email), and through which door. */
export interface AuditContext {
  readonly actorUserId: number | null
  readonly via: 'api' | 'cli'
  readonly requestId: string | null
  /** names the actor instead of `user:<id>`, e.g. the CLI's `local-admin` */
  readonly actorLabel?: string
}

/**
 * Appends one audit entry naming the actor as `user:<id>` (or `anonymous`, or `actorLabel`), so the log holds no
 * personal values (TESTPLAN T20).
 * `target` may be a transaction, so a change and its entry commit together.
 * @example await auditAuth(store, context, { action: 'login', objectType: 'session' })
 */
export async function auditAuth(
  target: Queryable,
  context: AuditContext,
  entry: { action: string; objectType: string; objectId?: string | null; fields?: string[] },
): Promise<void> {
  await appendAudit(target, {
    actor: actorLabel(context),
    via: context.via,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    ...(entry.fields === undefined ? {} : { fields: entry.fields }),
    requestId: context.requestId,
  })
}

/** The audit log's and timeline's name for the actor: `user:<id>`, the CLI's label, or `anonymous`. */
export function actorLabel(context: AuditContext): string {
  if (context.actorLabel !== undefined) {
    return context.actorLabel
  }
  return context.actorUserId === null ? 'anonymous' : `user:${context.actorUserId}`
}
