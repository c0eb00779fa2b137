import type { Kysely } from 'kysely'
import { ComebackError } from '../../domain/errors.js'
import type { ValueKind } from '../../domain/shadow-cadence.js'
import {
  type Database,
  getShadowContent,
  insertShadowTouch,
  insertTask,
  insertTouch,
  type Store,
} from '../../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor } from '../cases/case-support.js'
import { queueEmail } from '../outreach/queue-email.js'
import type { ShadowMember } from './shadow-plan.js'

/** What one touch became. */
export type TouchOutcome = 'emailed' | 'task' | 'already' | 'no_owner'

/** The shipped template of a value kind's email in a tone (migration 0014 adds them). */
export function shadowTemplateKey(kind: ValueKind, tone: 'professional' | 'fun'): string {
  return `${tone}-email-shadow-${kind.replace('_', '-')}`
}

const KIND_WORDS: Readonly<Record<ValueKind, string>> = {
  case_study: 'a case study',
  article: 'an article',
  check_in: 'a check-in',
  referral: 'an introduction',
}

/** One touch to make. */
export interface ShadowTouchInput {
  readonly member: ShadowMember
  readonly touchKey: string
  readonly kind: ValueKind
  readonly contentId: number | null
  readonly tone: 'professional' | 'fun'
  readonly today: string
  readonly at: string
}

/**
 * Makes one value-adding touch, once per `touchKey`: an email through the outbox (the key is the
 * message's idempotency key, and suppression is checked again when it is sent) to the member's
 * contact, or — with no contact that may be emailed — a check-in call task for the account owner
 * (the key is the task's source key). Records the planned touch and the touch on the customer's
 * timeline with its value kind. Rerunning with the same key adds nothing: every write is keyed.
 */
export async function makeShadowTouch(
  store: Store,
  who: CaseActor,
  input: ShadowTouchInput,
): Promise<TouchOutcome> {
  const { member, kind } = input
  const content =
    input.contentId === null ? undefined : await getShadowContent(store, input.contentId)
  const offer = content === undefined ? '' : `${content.title} — ${content.url}`
  const note = `${KIND_WORDS[kind]}${content === undefined ? '' : `: ${content.title}`}`
  const outboxId = await queueTouchEmail(store, who, input, offer)
  if (outboxId === null && member.ownerId === null) {
    return 'no_owner'
  }
  return store.db.transaction().execute(async (trx) => {
    const taskId = outboxId === null ? await callTask(trx, who, input, note) : null
    const recorded = await insertShadowTouch(trx, {
      touch_key: input.touchKey,
      subject_key: member.subjectKey,
      customer_id: member.customerId,
      due_on: input.today,
      value_kind: kind,
      content_id: input.contentId,
      channel: outboxId === null ? 'task' : 'email',
      outbox_message_id: outboxId,
      task_id: taskId,
      created_at: input.at,
    })
    if (!recorded) {
      return 'already'
    }
    // the timeline's touch; for an email the send path's own insert then finds it there
    await insertTouch(trx, {
      customer_id: member.customerId,
      contact_id: outboxId === null ? null : member.contactId,
      channel: outboxId === null ? 'call' : 'email',
      kind,
      at: input.at,
      outbox_message_id: outboxId,
      actor: actorLabel(who.audit),
      note: outboxId === null ? `check-in call task: ${note}` : note,
    })
    await auditCaseChange(trx, who.audit, {
      action: 'shadow_touch',
      objectType: 'customer',
      objectId: member.customerId,
      fields: ['touch', outboxId === null ? 'task' : 'outbox'],
    })
    return outboxId === null ? 'task' : 'emailed'
  })
}

// the email's outbox id, or null when there is no contact that may be written to
async function queueTouchEmail(
  store: Store,
  who: CaseActor,
  input: ShadowTouchInput,
  offer: string,
): Promise<number | null> {
  if (input.member.contactId === null) {
    return null
  }
  try {
    const queued = await queueEmail(store, who, {
      contactId: input.member.contactId,
      templateKey: shadowTemplateKey(input.kind, input.tone),
      idempotencyKey: input.touchKey,
      offer,
    })
    return queued.id
  } catch (error) {
    // a contact that may not be written to (no lawful basis, just suppressed …): call instead
    if (!(error instanceof ComebackError)) {
      throw error
    }
    return null
  }
}

async function callTask(
  trx: Kysely<Database>,
  who: CaseActor,
  input: ShadowTouchInput,
  note: string,
): Promise<number | null> {
  const { member } = input
  if (member.ownerId === null) {
    return null
  }
  const task = await insertTask(trx, {
    owner_id: member.ownerId,
    customer_id: member.customerId,
    deal_id: member.dealId,
    case_id: null,
    kind: 'shadow_check_in',
    title: `Check-in call with ${member.name ?? member.customerId}: ${note}`,
    due_on: input.today,
    source_key: input.touchKey,
    created_by: actorLabel(who.audit),
  })
  return task.id
}
