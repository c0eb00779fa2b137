import type { Generated } from 'kysely'

/**
 * The tables of campaigns (migration 0013-campaigns), in the conventions of `schema.ts`. Queries
 * reach them through `campaignDb`, which adds them to `Database`.
 */

type Timestamp = string

/** A campaign: a saved lost-list segment, a template, and the share held out. */
export interface CampaignsTable {
  id: Generated<number>
  name: string
  template_key: string
  /** the lost-list filters the members were chosen by, as JSON */
  segment_json: string
  holdout_share: number
  scheduled_on: string | null
  status: string
  /** what the segment held but the campaign left out, by why: `{"letGo": 2}` */
  excluded_json: string
  created_by: number | null
  created_at: Timestamp
  launched_at: Timestamp | null
}

/** One subject of a campaign, frozen at creation, in one arm. */
export interface CampaignMembersTable {
  id: Generated<number>
  campaign_id: number
  subject_kind: string
  subject_id: string
  customer_id: string
  arm: string
  contact_id: number | null
  outbox_message_id: number | null
  skipped: string | null
}

/** The tables migration 0013 adds (a type alias: `withTables` needs an index-compatible type). */
export type CampaignTables = {
  campaigns: CampaignsTable
  campaign_members: CampaignMembersTable
}
