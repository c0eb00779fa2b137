import type { ColumnType, Generated } from 'kysely'

/**
 * The tables of reaching out (migration 0011-outreach): templates, suppressions, the outbox and
 * the touches on a customer's timeline, in the conventions of `schema.ts`.
 */

type Timestamp = string
type Flag = 0 | 1

/** One version of a template; a change adds a row with the next version under the same key. */
export interface TemplatesTable {
  id: Generated<number>
  template_key: string
  version: number
  kind: string
  tone: string
  name: string
  subject: string | null
  body: string
  shipped: ColumnType<Flag, Flag | undefined, Flag>
  created_at: Timestamp
  created_by: string
}

/** A person or address that must not be contacted, and why (`suppression_key` makes it once). */
export interface SuppressionsTable {
  id: Generated<number>
  /** `email:<address>:<kind>` or `contact:<id>:<kind>` */
  suppression_key: string
  email_normalised: string | null
  contact_id: number | null
  kind: string
  source: string
  created_at: Timestamp
  created_by: string
}

/** One outgoing message as a stored, idempotent job (issue 6 part 3). */
export interface OutboxMessagesTable {
  id: Generated<number>
  status: string
  channel: string
  customer_id: string
  contact_id: number | null
  to_address: string
  to_normalised: string
  to_name: string | null
  template_id: number
  /** the merge values captured when it was queued, as JSON */
  fields_json: string
  subject: string | null
  /** a caller's key: queueing the same key twice queues once */
  idempotency_key: string | null
  from_address: string | null
  queued_at: Timestamp
  queued_by: string
  claimed_at: Timestamp | null
  finished_at: Timestamp | null
  smtp_message_id: string | null
  error: string | null
}

/** Any contact with a customer (SPEC: touch), on their timeline. */
export interface TouchesTable {
  id: Generated<number>
  customer_id: string
  contact_id: number | null
  channel: string
  kind: string
  at: Timestamp
  outbox_message_id: number | null
  actor: string
  note: string | null
  /** the campaign member a recorded touch was for (migration 0019-privacy) */
  campaign_member_id: ColumnType<number | null, number | null | undefined, number | null>
}
