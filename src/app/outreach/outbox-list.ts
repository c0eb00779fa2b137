import { ForbiddenError } from '../../domain/errors.js'
import {
  countOutboxByStatus,
  listOutboxMessages,
  type OutboxRow,
  type Store,
} from '../../store/index.js'
import { auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'
import { outboxOwnerFilter } from './suppress.js'

/** A message in the outbox as the API and CLI show it. */
export interface OutboxMessageView {
  readonly id: number
  readonly status: string
  readonly channel: string
  readonly customerId: string
  readonly contactId: number | null
  readonly to: string
  readonly subject: string | null
  readonly templateId: number
  readonly queuedAt: string
  readonly queuedBy: string
  readonly finishedAt: string | null
  readonly error: string | null
}

function outboxView(row: OutboxRow): OutboxMessageView {
  return {
    id: Number(row.id),
    status: row.status,
    channel: row.channel,
    customerId: row.customer_id,
    contactId: row.contact_id === null ? null : Number(row.contact_id),
    to: row.to_address,
    subject: row.subject,
    templateId: Number(row.template_id),
    queuedAt: row.queued_at,
    queuedBy: row.queued_by,
    finishedAt: row.finished_at,
    error: row.error,
  }
}

/**
 * The outbox, newest first, as far as `who` reads campaigns: all of it, or their team's
 * accounts' messages (SPEC access policy: campaigns).
 */
export async function listOutboxAs(
  store: Store,
  who: CaseActor,
  filter: { status?: string; campaignId?: number; limit: number; offset: number },
): Promise<{ messages: OutboxMessageView[]; counts: Record<string, number> | null }> {
  const owners = outboxOwnerFilter(who)
  if (owners !== null && owners.length === 0) {
    await auditAuth(store, who.audit, { action: 'denied_read', objectType: 'outbox' })
    throw new ForbiddenError(`a ${who.actor.role} may not read the outbox`)
  }
  const rows = await listOutboxMessages(store, { ...filter, ownerIds: owners })
  // the totals cover every account: only those who read all of them see them
  const counts = owners === null ? await countOutboxByStatus(store) : null
  return { messages: rows.map(outboxView), counts }
}
