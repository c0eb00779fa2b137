import { NotFoundError, ValidationError } from '../../domain/errors.js'
import {
  type CampaignMemberDetail,
  getCampaignMember,
  insertTouch,
  listCampaignMemberDetails,
  type Store,
} from '../../store/index.js'
import { actorLabel, auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'
import { campaignFor } from './campaign-access.js'

/** What a member did after the campaign reached (or held out) them. */
export type MemberOutcomeKind = 'reply' | 'meeting'

const OUTCOME_KINDS: readonly MemberOutcomeKind[] = ['reply', 'meeting']

/**
 * A campaign's members, each with its arm, customer, message status and the replies and meetings
 * since launch (who may read the campaign reads its members).
 * @example const members = await listCampaignMembersAs(store, who, 7)
 */
export async function listCampaignMembersAs(
  store: Store,
  who: CaseActor,
  campaignId: number,
): Promise<CampaignMemberDetail[]> {
  const campaign = await campaignFor(store, who, campaignId, 'read')
  return listCampaignMemberDetails(store, campaignId, campaign.launched_at)
}

/**
 * Records that a member replied or met us: a touch on its customer's timeline (a reply to the
 * campaign's email, or a meeting), which the campaign's results count in its arm. Each call is one
 * event, so two replies are two touches; the page disables its button while one is recorded.
 * Who may run the campaign records its outcomes; it is audited without the note's text.
 * @example await recordMemberOutcome(store, who, { campaignId: 7, memberId: 3, kind: 'reply' })
 */
export async function recordMemberOutcome(
  store: Store,
  who: CaseActor,
  input: { campaignId: number; memberId: number; kind: MemberOutcomeKind; note?: string },
): Promise<{ touches: number }> {
  if (!OUTCOME_KINDS.includes(input.kind)) {
    throw new ValidationError(`kind must be reply or meeting, not "${String(input.kind)}"`)
  }
  await campaignFor(store, who, input.campaignId, 'write')
  const member = await getCampaignMember(store, input.campaignId, input.memberId)
  if (member === undefined) {
    throw new NotFoundError(`campaign ${input.campaignId} has no member ${input.memberId}`)
  }
  const note = input.note?.trim() ?? ''
  await store.db.transaction().execute(async (trx) => {
    await insertTouch(trx, {
      customer_id: member.customerId,
      contact_id: member.contactId,
      channel: input.kind === 'meeting' ? 'meeting' : 'email',
      kind: input.kind,
      at: new Date().toISOString(),
      outbox_message_id: null,
      actor: actorLabel(who.audit),
      note: note === '' ? `campaign ${input.campaignId}` : note,
    })
    await auditAuth(trx, who.audit, {
      action: 'create',
      objectType: 'touch',
      objectId: `campaign:${input.campaignId}:member:${member.id}`,
      fields: ['kind', 'note'],
    })
  })
  return { touches: 1 }
}
