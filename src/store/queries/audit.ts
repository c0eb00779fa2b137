import { dbOf, nowTimestamp, type Queryable } from './queryable.js'
import type { AuditLogRow } from './rows.js'

/**
 * One audited act: who (`actor`, and through which door), did what to which object, naming the
 * fields changed — never their values, so no personal data reaches the log (TESTPLAN T20).
 */
export interface AuditEntry {
  readonly actor: string
  readonly via: AuditLogRow['via']
  readonly action: string
  readonly objectType: string
  readonly objectId?: string | null
  readonly fields?: readonly string[]
  readonly requestId?: string | null
  /** ISO 8601 UTC; defaults to now */
  readonly at?: string
}

/**
 * Appends one entry to the audit log and returns its id; the log itself refuses updates and
 * deletes. Pass a transaction to make the entry part of the change it records.
 * @example await appendAudit(trx, { actor: 'ann@x.test', via: 'api', action: 'update', objectType: 'case', objectId: '7', fields: ['stage'] })
 */
export async function appendAudit(target: Queryable, entry: AuditEntry): Promise<number> {
  const row = await dbOf(target)
    .insertInto('audit_log')
    .values({
      at: entry.at ?? nowTimestamp(),
      actor: entry.actor,
      via: entry.via,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId ?? null,
      fields_json: entry.fields === undefined ? null : JSON.stringify(entry.fields),
      request_id: entry.requestId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * Audit entries about one object, oldest first.
 * @example const trail = await auditTrail(store, 'customer', 'C-1001')
 */
export async function auditTrail(
  target: Queryable,
  objectType: string,
  objectId: string,
): Promise<AuditLogRow[]> {
  return dbOf(target)
    .selectFrom('audit_log')
    .selectAll()
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .orderBy('id')
    .execute()
}
