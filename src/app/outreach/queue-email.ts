import { can } from '../../domain/access-policy.js'
import {
  ComebackError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js'
import { isPlainEmail, normaliseEmail } from '../../domain/suppression.js'
import type { MergeValues } from '../../domain/template.js'
import { headerSafe, renderFields } from '../../domain/template-render.js'
import {
  findSuppressions,
  insertOutboxMessage,
  type OutreachRecipient,
  readOutreachRecipient,
  type Store,
} from '../../store/index.js'
import { actorLabel, auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'
import { assertLawfulContact } from '../privacy/unlawful-outreach.js'
import { latestOrThrow } from './templates.js'

/** What a person fills in beside the template: why they left, what was fixed, the offer. */
export interface MessageFacts {
  readonly reason?: string
  readonly whatWasFixed?: string
  readonly offer?: string
}

/** An email to queue: to one contact, from one template (its newest version). */
export interface QueueEmailInput extends MessageFacts {
  readonly contactId: number
  readonly templateKey: string
  /** queueing the same key twice queues one message */
  readonly idempotencyKey?: string
  /**
   * Whose right to write is used: a case's (the default: reps and managers on their accounts) or a
   * campaign's (SPEC access policy: analysts, the VP, and managers over their team's accounts).
   */
  readonly via?: 'case' | 'campaign'
}

/** The merge values of a message to `recipient` (the unsubscribe link and address come at send). */
export function mergeValuesFor(recipient: OutreachRecipient, facts: MessageFacts): MergeValues {
  return {
    // names are one line wherever they appear, body included
    customer: headerSafe(recipient.customerName ?? recipient.customerId),
    contact: headerSafe(recipient.name ?? ''),
    owner: headerSafe(recipient.ownerName ?? ''),
    reason: facts.reason ?? '',
    what_was_fixed: facts.whatWasFixed ?? '',
    offer: facts.offer ?? '',
  }
}

/**
 * The contact, if `who` may reach out to them: they work the account (case write, SPEC access
 * policy), the contact is still there, has a plain address and a lawful basis (TESTPLAN T22).
 * Suppression is checked again when the message is claimed for sending.
 */
export async function reachableRecipient(
  store: Store,
  who: CaseActor,
  contactId: number,
  now: Date = new Date(),
  via: 'case' | 'campaign' = 'case',
): Promise<OutreachRecipient & { readonly email: string }> {
  const recipient = await readOutreachRecipient(store, contactId)
  if (recipient === undefined) {
    throw new NotFoundError(`no contact ${contactId}`)
  }
  if (!can(who.actor, 'write', { type: via, ownerId: recipient.ownerId })) {
    // answered like a contact that does not exist, so ids do not reveal other teams' contacts
    await auditAuth(store, who.audit, { action: 'denied_write', objectType: 'outbox' })
    throw new NotFoundError(`no contact ${contactId}`)
  }
  const email = recipient.email?.trim() ?? ''
  if (!isPlainEmail(email)) {
    throw new ValidationError(`contact ${contactId} has no usable email address`)
  }
  if (recipient.hasLeft) {
    throw new ConflictError('this contact has left the company: find the current decision maker')
  }
  // a lawful basis, consent where that is the basis, within the CASL and retention windows
  await assertLawfulContact(store, contactId, now)
  const suppressed = await findSuppressions(store, {
    emailNormalised: normaliseEmail(email),
    contactId,
  })
  if (suppressed.length > 0) {
    throw new ComebackError(
      'CONFLICT',
      `this contact is suppressed (${[...new Set(suppressed.map((row) => row.kind))].join(', ')})`,
    )
  }
  return { ...recipient, email }
}

/**
 * Queues one email; `outbox send` (or the server's worker) sends it later, checking suppression
 * again in the same step that claims it.
 * @example await queueEmail(store, who, { contactId: 7, templateKey: 'fun-email-appreciation-day' })
 */
export async function queueEmail(
  store: Store,
  who: CaseActor,
  input: QueueEmailInput,
): Promise<{ id: number; created: boolean }> {
  const recipient = await reachableRecipient(store, who, input.contactId, new Date(), input.via)
  const template = await latestOrThrow(store, input.templateKey)
  if (template.kind !== 'email') {
    throw new ValidationError(`template ${input.templateKey} is a ${template.kind}, not an email`)
  }
  const values = mergeValuesFor(recipient, input)
  return store.db.transaction().execute(async (trx) => {
    const queued = await insertOutboxMessage(trx, {
      channel: 'email',
      customer_id: recipient.customerId,
      contact_id: recipient.contactId,
      to_address: recipient.email,
      to_normalised: normaliseEmail(recipient.email),
      to_name: recipient.name,
      template_id: Number(template.id),
      fields_json: JSON.stringify(values),
      subject: renderFields(template.subject ?? '', values, 'header'),
      idempotency_key: input.idempotencyKey ?? null,
      from_address: null,
      queued_by: actorLabel(who.audit),
    })
    if (queued.created) {
      await auditAuth(trx, who.audit, {
        action: 'queue',
        objectType: 'outbox',
        objectId: String(queued.id),
        fields: ['contact_id', 'template_id'],
      })
    }
    return queued
  })
}
