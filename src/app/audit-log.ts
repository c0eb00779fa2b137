import type { Actor } from '../domain/access-policy.js'
import { ValidationError } from '../domain/errors.js'
import { readAuditLog, type Store } from '../store/index.js'
import type { AuditContext } from './auth/audit.js'
import { assertMayAccess } from './auth/authorized-reads.js'

/** One audit entry as people read it: who, through which door, did what to which object, when. */
export interface AuditLogItem {
  readonly id: number
  /** ISO 8601 UTC */
  readonly at: string
  readonly actor: string
  readonly via: 'cli' | 'api' | 'job'
  readonly action: string
  readonly objectType: string
  readonly objectId: string | null
  /** the names of the fields changed or exported, never their values */
  readonly fields: string[]
  readonly requestId: string | null
}

/** Which entries to read; dates are ISO 8601 (a date alone means its start, UTC). */
export interface AuditLogQuery {
  readonly actor?: string
  readonly action?: string
  readonly objectType?: string
  readonly objectId?: string
  readonly since?: string
  readonly until?: string
  readonly beforeId?: number
  /** 1–1000; default 50 */
  readonly limit?: number
}

/** A page of the audit log, newest first; `nextBeforeId` reads the page before it. */
export interface AuditLogPage {
  readonly items: AuditLogItem[]
  readonly nextBeforeId: number | null
}

const DEFAULT_LIMIT = 50

/**
 * A page of the audit log, filtered by actor, action, object and time, for the admin and the VP
 * (SPEC access policy, `audit_log`); anyone else is refused and the refusal itself is audited.
 * @throws ForbiddenError for other roles; ValidationError for a bad date or limit
 * @example const page = await readAuditLogAs(store, admin, { action: 'export' }, context)
 */
export async function readAuditLogAs(
  store: Store,
  actor: Actor,
  query: AuditLogQuery,
  context: AuditContext,
): Promise<AuditLogPage> {
  await assertMayAccess(store, { actor, action: 'read', type: 'audit_log' }, context)
  const limit = query.limit ?? DEFAULT_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new ValidationError('limit must be a whole number from 1 to 1000')
  }
  const { since, until, ...exact } = query
  const rows = await readAuditLog(store, {
    ...exact,
    limit,
    ...(since === undefined ? {} : { since: isoInstant('since', since) }),
    ...(until === undefined ? {} : { until: isoInstant('until', until) }),
  })
  const items = rows.map(toItem)
  const last = items.at(-1)
  return { items, nextBeforeId: items.length === limit && last !== undefined ? last.id : null }
}

function toItem(row: Awaited<ReturnType<typeof readAuditLog>>[number]): AuditLogItem {
  return {
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    via: row.via,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    fields: parseFields(row.fields_json),
    requestId: row.request_id,
  }
}

function parseFields(json: string | null): string[] {
  if (json === null) {
    return []
  }
  const parsed: unknown = JSON.parse(json)
  return Array.isArray(parsed) ? parsed.map(String) : []
}

/**
 * An ISO 8601 date or date-time as the log stores it (UTC, milliseconds), so text order is time order.
 * @example isoInstant('since', '2026-01-31') // '2026-01-31T00:00:00.000Z'
 */
export function isoInstant(option: string, text: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text)
  const parsed = new Date(dateOnly ? `${text}T00:00:00Z` : text)
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(parsed.getTime())) {
    throw new ValidationError(`${option} must be an ISO 8601 date or date-time, e.g. 2026-01-31`)
  }
  return parsed.toISOString()
}
