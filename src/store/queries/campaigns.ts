import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database } from '../schema.js'
import type { CampaignMembersTable, CampaignsTable, CampaignTables } from '../schema-campaigns.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** A stored campaign. */
export type CampaignRow = Selectable<CampaignsTable>
/** A stored campaign member. */
export type CampaignMemberRow = Selectable<CampaignMembersTable>
/** What a new campaign needs; it is stamped now. */
export type NewCampaign = Omit<Insertable<CampaignsTable>, 'id' | 'created_at' | 'launched_at'>
/** What a new member needs. */
export type NewCampaignMember = Omit<
  Insertable<CampaignMembersTable>,
  'id' | 'contact_id' | 'outbox_message_id' | 'skipped'
>

/** One arm's counts after launch; `revenueMinor` is placed orders of its members' customers. */
export interface ArmOutcome {
  readonly arm: string
  readonly members: number
  readonly sent: number
  readonly responses: number
  readonly winBacks: number
  readonly revenueMinor: number
  /** touches of every channel on the members' customers since launch (issue 6 item 7) */
  readonly touches: number
  /** of those, meetings */
  readonly meetings: number
}

/** The database with migration 0013's tables, on the same connection or transaction. */
export function campaignDb(target: Queryable): Kysely<Database & CampaignTables> {
  return dbOf(target).withTables<CampaignTables>()
}

/** Adds a campaign and returns it. */
export async function insertCampaign(target: Queryable, row: NewCampaign): Promise<CampaignRow> {
  return campaignDb(target)
    .insertInto('campaigns')
    .values({ ...row, created_at: nowTimestamp() })
    .returningAll()
    .executeTakeFirstOrThrow()
}

// a few hundred rows a statement keeps under SQLite's and PostgreSQL's bound-parameter limits
const CHUNK = 500

/** Adds the members; a subject already in the campaign is not added again. */
export async function insertCampaignMembers(
  target: Queryable,
  rows: readonly NewCampaignMember[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await campaignDb(target)
      .insertInto('campaign_members')
      .values(rows.slice(start, start + CHUNK))
      .onConflict((conflict) =>
        conflict.columns(['campaign_id', 'subject_kind', 'subject_id']).doNothing(),
      )
      .execute()
  }
}

/** One campaign, or undefined. */
export async function getCampaign(target: Queryable, id: number): Promise<CampaignRow | undefined> {
  return campaignDb(target)
    .selectFrom('campaigns')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Every campaign, newest first; `createdBy` narrows to one person's. */
export async function listCampaigns(target: Queryable, createdBy?: number): Promise<CampaignRow[]> {
  let query = campaignDb(target).selectFrom('campaigns').selectAll()
  if (createdBy !== undefined) {
    query = query.where('created_by', '=', createdBy)
  }
  return query.orderBy('id', 'desc').execute()
}

/** A campaign's members in a stable order. */
export async function listCampaignMembers(
  target: Queryable,
  campaignId: number,
): Promise<CampaignMemberRow[]> {
  return campaignDb(target)
    .selectFrom('campaign_members')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .execute()
}

/** Records what launch did for one member: its contact and message, or why it got none. */
export async function recordMemberOutreach(
  target: Queryable,
  memberId: number,
  outcome: { contactId: number | null; outboxMessageId: number | null; skipped: string | null },
): Promise<void> {
  await campaignDb(target)
    .updateTable('campaign_members')
    .set({
      contact_id: outcome.contactId,
      outbox_message_id: outcome.outboxMessageId,
      skipped: outcome.skipped,
    })
    .where('id', '=', memberId)
    .execute()
}

/** Moves a campaign to `status`, stamping the launch the first time it runs. */
export async function setCampaignStatus(
  target: Queryable,
  id: number,
  status: string,
): Promise<void> {
  const launch = status === 'running' ? { launched_at: nowTimestamp() } : {}
  let query = campaignDb(target)
    .updateTable('campaigns')
    .set({ status, ...launch })
  query = query.where('id', '=', id)
  if (status === 'running') {
    // the first launch's time stays: results count from it
    query = query.where('launched_at', 'is', null)
  }
  await query.execute()
}
