import { ComebackError } from '../../domain/errors.js'
import {
  type CampaignMemberRow,
  decisionMakersOf,
  listCampaignMembers,
  recordMemberOutreach,
  type Store,
  setCampaignStatus,
} from '../../store/index.js'
import { auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'
import { queueEmail } from '../outreach/queue-email.js'
import { UnlawfulOutreachError } from '../privacy/unlawful-outreach.js'
import { campaignFor } from './campaign-access.js'

/** What one launch did: messages queued now, and treated members left without one, by why. */
export interface LaunchOutcome {
  readonly queued: number
  /** treated members with no decision maker with an address */
  readonly noContact: number
  /** treated members whose decision maker may not be written to (suppressed, no lawful basis …) */
  readonly unreachable: number
  /** treated members whose decision maker has no lawful basis, or is past the CASL/retention window */
  readonly unlawful: number
  /** treated members a previous launch already handled */
  readonly alreadyDone: number
  readonly holdout: number
}

/**
 * Launches a campaign: one email per treated member to its decision maker through the outreach
 * queue (suppression is checked again when each is sent); the holdout gets nothing. Launching
 * again queues nothing new: members already handled are passed over, and each message's
 * idempotency key is its member.
 * @example const outcome = await launchCampaign(store, who, 7)
 */
export async function launchCampaign(
  store: Store,
  who: CaseActor,
  id: number,
): Promise<LaunchOutcome> {
  const campaign = await campaignFor(store, who, id, 'write')
  const members = await listCampaignMembers(store, id)
  const treated = members.filter((member) => member.arm === 'treated')
  const pending = treated.filter(
    (member) => member.outbox_message_id === null && member.skipped === null,
  )
  const contacts = await decisionMakersOf(store, [
    ...new Set(pending.map((row) => row.customer_id)),
  ])
  await setCampaignStatus(store, id, 'running')
  const counts = { queued: 0, noContact: 0, unreachable: 0, unlawful: 0 }
  for (const member of pending) {
    const outcome = await reachOut(store, who, {
      member,
      contactId: contacts.get(member.customer_id),
      templateKey: campaign.template_key,
    })
    counts[outcome] += 1
  }
  await auditAuth(store, who.audit, {
    action: 'launch',
    objectType: 'campaign',
    objectId: String(id),
  })
  return {
    ...counts,
    alreadyDone: treated.length - pending.length,
    holdout: members.length - treated.length,
  }
}

async function reachOut(
  store: Store,
  who: CaseActor,
  input: { member: CampaignMemberRow; contactId: number | undefined; templateKey: string },
): Promise<'queued' | 'noContact' | 'unreachable' | 'unlawful'> {
  const { member, contactId } = input
  const memberId = Number(member.id)
  if (contactId === undefined) {
    await recordMemberOutreach(store, memberId, {
      contactId: null,
      outboxMessageId: null,
      skipped: 'no_contact',
    })
    return 'noContact'
  }
  try {
    const queued = await queueEmail(store, who, {
      contactId,
      templateKey: input.templateKey,
      idempotencyKey: `campaign:${member.campaign_id}:member:${memberId}`,
      via: 'campaign',
    })
    await recordMemberOutreach(store, memberId, {
      contactId,
      outboxMessageId: queued.id,
      skipped: null,
    })
    return 'queued'
  } catch (error) {
    // a contact that may not be written to is counted, not fatal: the rest still go out
    if (!(error instanceof ComebackError)) {
      throw error
    }
    const unlawful = error instanceof UnlawfulOutreachError
    await recordMemberOutreach(store, memberId, {
      contactId,
      outboxMessageId: null,
      skipped: unlawful ? 'no_lawful_basis' : 'unreachable',
    })
    return unlawful ? 'unlawful' : 'unreachable'
  }
}
