import { ValidationError } from '../../domain/errors.js'
import type { PdfPageSize } from '../../outreach/index.js'
import { listCampaignMembers, type Store } from '../../store/index.js'
import { campaignFor } from '../campaigns/campaign-access.js'
import type { CaseActor } from '../cases/case-support.js'
import { customerToReach } from './letter-access.js'
import { type LetterBatch, type LetterTarget, letterBatch } from './letters.js'
import type { MessageFacts } from './queue-email.js'

/** A batch's paper, template and what a person fills in beside it. */
export interface LetterBatchOptions {
  readonly size: PdfPageSize
  /** default: the campaign's own template, when it is a letter or card note */
  readonly templateKey?: string
  readonly facts?: MessageFacts
  readonly senderAddress?: string | null
}

/** Largest explicit list one request may print (a campaign prints all its treated members). */
export const MAX_LETTER_LIST = 500

/**
 * One merged PDF of letters to a campaign's treated members (the holdout gets nothing, so the
 * lift stays measured): one letter per customer, each recorded against its member so it counts in
 * the campaign's results. Campaign write access (SPEC: analysts, VP, managers over their team)
 * covers its members.
 * @example const { pdf, skipped } = await campaignLetters(store, who, 7, { size: 'LETTER' })
 */
export async function campaignLetters(
  store: Store,
  who: CaseActor,
  campaignId: number,
  options: LetterBatchOptions,
): Promise<LetterBatch> {
  const campaign = await campaignFor(store, who, campaignId, 'write')
  const members = await listCampaignMembers(store, campaignId)
  const seen = new Set<string>()
  const targets: LetterTarget[] = []
  for (const member of members) {
    // a customer and its lost deal may both be members: one letter per customer
    if (member.arm !== 'treated' || seen.has(member.customer_id)) {
      continue
    }
    seen.add(member.customer_id)
    targets.push({
      customerId: member.customer_id,
      campaignId,
      campaignMemberId: Number(member.id),
    })
  }
  return letterBatch(store, who, {
    targets,
    templateKey: options.templateKey ?? campaign.template_key,
    size: options.size,
    ...(options.facts === undefined ? {} : { facts: options.facts }),
    senderAddress: options.senderAddress ?? null,
  })
}

/**
 * One merged PDF of letters to the listed customers, each of whom `who` must work (a customer out
 * of reach fails the whole request, answered as not found).
 */
export async function customerLetters(
  store: Store,
  who: CaseActor,
  customerIds: readonly string[],
  options: LetterBatchOptions & { templateKey: string },
): Promise<LetterBatch> {
  const unique = [...new Set(customerIds.map((id) => id.trim()).filter((id) => id !== ''))]
  if (unique.length === 0) {
    throw new ValidationError('customerIds: list at least one customer')
  }
  if (unique.length > MAX_LETTER_LIST) {
    throw new ValidationError(`customerIds: at most ${MAX_LETTER_LIST} customers a batch`)
  }
  for (const customerId of unique) {
    await customerToReach(store, who, customerId)
  }
  return letterBatch(store, who, {
    targets: unique.map((customerId) => ({ customerId, campaignId: null, campaignMemberId: null })),
    templateKey: options.templateKey,
    size: options.size,
    ...(options.facts === undefined ? {} : { facts: options.facts }),
    senderAddress: options.senderAddress ?? null,
  })
}
