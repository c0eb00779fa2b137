import { sql } from 'kysely'
import { campaignDb } from './campaigns.js'
import type { Queryable } from './queryable.js'

/** One campaign member with what the campaign page shows: its customer, message and outcomes. */
export interface CampaignMemberDetail {
  readonly id: number
  readonly arm: string
  readonly subjectKind: string
  readonly subjectId: string
  readonly customerId: string
  readonly customerName: string | null
  readonly contactId: number | null
  readonly outboxMessageId: number | null
  /** the message's status (queued, sent, failed, unknown, suppressed) or null when none */
  readonly messageStatus: string | null
  /** why launch sent this treated member nothing (no_contact, unreachable) */
  readonly skipped: string | null
  /** replies and meetings on the customer's timeline since `sinceAt` (0 before launch) */
  readonly replies: number
  readonly meetings: number
}

/**
 * A campaign's members in a stable order, each with its customer's name, its message's status and
 * the replies and meetings recorded on its customer's timeline since `sinceAt` (null: none counted
 * — the campaign has not been launched). Counts use the same rules as `armOutcomes`.
 */
export async function listCampaignMemberDetails(
  target: Queryable,
  campaignId: number,
  sinceAt: string | null,
): Promise<CampaignMemberDetail[]> {
  const db = campaignDb(target)
  const since = sinceAt ?? '9999-12-31'
  const rows = await db
    .selectFrom('campaign_members as m')
    .leftJoin('customers as c', 'c.id', 'm.customer_id')
    .leftJoin('outbox_messages as o', 'o.id', 'm.outbox_message_id')
    .select([
      'm.id',
      'm.arm',
      'm.subject_kind',
      'm.subject_id',
      'm.customer_id',
      'c.name as customer_name',
      'm.contact_id',
      'm.outbox_message_id',
      'o.status as message_status',
      'm.skipped',
      (eb) =>
        eb
          .selectFrom('touches as t')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('t.customer_id', '=', 'm.customer_id')
          .where('t.kind', '=', 'reply')
          .where('t.at', '>=', since)
          .as('replies'),
      (eb) =>
        eb
          .selectFrom('touches as t')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('t.customer_id', '=', 'm.customer_id')
          .where((w) => w.or([w('t.kind', '=', 'meeting'), w('t.channel', '=', 'meeting')]))
          .where('t.at', '>=', since)
          .as('meetings'),
    ])
    .where('m.campaign_id', '=', campaignId)
    .orderBy('m.id')
    .execute()
  return rows.map((row) => ({
    id: Number(row.id),
    arm: row.arm,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    customerId: row.customer_id,
    customerName: row.customer_name ?? null,
    contactId: row.contact_id === null ? null : Number(row.contact_id),
    outboxMessageId: row.outbox_message_id === null ? null : Number(row.outbox_message_id),
    messageStatus: row.message_status ?? null,
    skipped: row.skipped,
    replies: Number(row.replies ?? 0),
    meetings: Number(row.meetings ?? 0),
  }))
}

/** One member of one campaign, or undefined. */
export async function getCampaignMember(
  target: Queryable,
  campaignId: number,
  memberId: number,
): Promise<{ id: number; customerId: string; contactId: number | null } | undefined> {
  const row = await campaignDb(target)
    .selectFrom('campaign_members')
    .select(['id', 'customer_id', 'contact_id'])
    .where('campaign_id', '=', campaignId)
    .where('id', '=', memberId)
    .executeTakeFirst()
  return row === undefined
    ? undefined
    : {
        id: Number(row.id),
        customerId: row.customer_id,
        contactId: row.contact_id === null ? null : Number(row.contact_id),
      }
}
