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

/** Which audit entries to read: each filter narrows; `beforeId` pages back from the newest. */
export interface AuditLogFilter {
  readonly actor?: string
  readonly action?: string
  readonly objectType?: string
  readonly objectId?: string
  /** ISO 8601 UTC, inclusive */
  readonly since?: string
  /** ISO 8601 UTC, exclusive */
  readonly until?: string
  readonly beforeId?: number
  /** entries to read, 1–1000 */
  readonly limit: number
}

/**
 * Audit entries matching the filter, newest first (by id, the order they were written).
 * @example const page = await readAuditLog(store, { action: 'export', limit: 50 })
 */
export async function readAuditLog(
  target: Queryable,
  filter: AuditLogFilter,
): Promise<AuditLogRow[]> {
  let query = dbOf(target).selectFrom('audit_log').selectAll()
  if (filter.actor !== undefined) {
    query = query.where('actor', '=', filter.actor)
  }
  if (filter.action !== undefined) {
    query = query.where('action', '=', filter.action)
  }
  if (filter.objectType !== undefined) {
    query = query.where('object_type', '=', filter.objectType)
  }
  if (filter.objectId !== undefined) {
    query = query.where('object_id', '=', filter.objectId)
  }
  if (filter.since !== undefined) {
    query = query.where('at', '>=', filter.since)
  }
  if (filter.until !== undefined) {
    query = query.where('at', '<', filter.until)
  }
  if (filter.beforeId !== undefined) {
    query = query.where('id', '<', filter.beforeId)
  }
  return await query.orderBy('id', 'desc').limit(filter.limit).execute()
}
