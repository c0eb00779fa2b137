import { can } from '../../domain/access-policy.js'
import { NotFoundError } from '../../domain/errors.js'
import { type CampaignRow, getCampaign, listCampaigns, type Store } from '../../store/index.js'
import { auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'
import { type CampaignView, campaignView } from './campaign-view.js'

/**
 * The campaign if `who` may `action` it (the policy's `campaign` row, scoped by who made it); one
 * out of reach is answered like one that does not exist, so ids reveal nothing.
 */
export async function campaignFor(
  store: Store,
  who: CaseActor,
  id: number,
  action: 'read' | 'write',
): Promise<CampaignRow> {
  const row = await getCampaign(store, id)
  const ownerId =
    row?.created_by === undefined || row.created_by === null ? null : Number(row.created_by)
  if (row === undefined || !can(who.actor, action, { type: 'campaign', ownerId })) {
    if (row !== undefined) {
      await auditAuth(store, who.audit, { action: `denied_${action}`, objectType: 'campaign' })
    }
    throw new NotFoundError(`no campaign ${id}`)
  }
  return row
}

/** The campaigns `who` may read, newest first. */
export async function listCampaignsAs(store: Store, who: CaseActor): Promise<CampaignView[]> {
  const rows = await listCampaigns(store)
  return rows
    .filter((row) =>
      can(who.actor, 'read', {
        type: 'campaign',
        ownerId: row.created_by === null ? null : Number(row.created_by),
      }),
    )
    .map(campaignView)
}

/** One campaign `who` may read. */
export async function getCampaignAs(
  store: Store,
  who: CaseActor,
  id: number,
): Promise<CampaignView> {
  return campaignView(await campaignFor(store, who, id, 'read'))
}
