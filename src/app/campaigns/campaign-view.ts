import type { CampaignRow } from '../../store/index.js'
import type { LostListQuery } from '../lost-list-as.js'

/** The lost-list filters a campaign's members are chosen by (paging and sort play no part). */
export type CampaignSegment = Omit<LostListQuery, 'limit' | 'offset' | 'sort' | 'cachePages'>

export type CampaignStatus = 'draft' | 'scheduled' | 'running' | 'done'

/** A campaign as the API and CLI show it. */
export interface CampaignView {
  readonly id: number
  readonly name: string
  readonly templateKey: string
  readonly segment: CampaignSegment
  readonly holdoutShare: number
  readonly scheduledOn: string | null
  readonly status: CampaignStatus
  /** what the segment held but the campaign left out, by why */
  readonly excluded: Readonly<Record<string, number>>
  readonly createdBy: number | null
  readonly createdAt: string
  readonly launchedAt: string | null
}

export function campaignView(row: CampaignRow): CampaignView {
  return {
    id: Number(row.id),
    name: row.name,
    templateKey: row.template_key,
    segment: JSON.parse(row.segment_json) as CampaignSegment,
    holdoutShare: Number(row.holdout_share),
    scheduledOn: row.scheduled_on,
    status: row.status as CampaignStatus,
    excluded: JSON.parse(row.excluded_json) as Record<string, number>,
    createdBy: row.created_by === null ? null : Number(row.created_by),
    createdAt: row.created_at,
    launchedAt: row.launched_at,
  }
}
