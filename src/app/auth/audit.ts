import { appendAudit, type Store } from '../../store/index.js'

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
 * @example await auditAuth(store, context, { action: 'login', objectType: 'session' })
 */
export async function auditAuth(
  store: Store,
  context: AuditContext,
  entry: { action: string; objectType: string; objectId?: string | null; fields?: string[] },
): Promise<void> {
  await appendAudit(store, {
    actor: context.actorLabel ?? actorName(context.actorUserId),
    via: context.via,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    ...(entry.fields === undefined ? {} : { fields: entry.fields }),
    requestId: context.requestId,
  })
}

function actorName(userId: number | null): string {
  return userId === null ? 'anonymous' : `user:${userId}`
}
