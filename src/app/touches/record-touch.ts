import { can } from '../../domain/access-policy.js'
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { normaliseEmail } from '../../domain/suppression.js'
import {
  INBOUND_TOUCH_KINDS,
  isTouchChannel,
  TOUCH_CHANNELS,
  TOUCH_KIND,
  TOUCH_NOTE_MAX,
  type TouchChannel,
} from '../../domain/touch.js'
import {
  campaignMemberCustomer,
  contactOfCustomer,
  findSuppressions,
  insertRecordedTouch,
  listTouches,
  readCustomerBasics,
  type Store,
  type TouchRow,
} from '../../store/index.js'
import { actorLabel, auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'

/** A touch as the API and CLI show it. */
export interface TouchView {
  readonly id: number
  readonly customerId: string
  readonly contactId: number | null
  readonly channel: string
  readonly kind: string
  readonly at: string
  readonly outboxMessageId: number | null
  readonly campaignMemberId: number | null
  readonly actor: string
  readonly note: string | null
}

export function touchView(row: TouchRow): TouchView {
  const id = (value: number | null | undefined) => (value == null ? null : Number(value))
  return {
    id: Number(row.id),
    customerId: row.customer_id,
    contactId: id(row.contact_id),
    channel: row.channel,
    kind: row.kind,
    at: row.at,
    outboxMessageId: id(row.outbox_message_id),
    campaignMemberId: id(row.campaign_member_id),
    actor: row.actor,
    note: row.note,
  }
}

/** A touch to record. */
export interface RecordTouchInput {
  readonly channel: string
  /** default: the channel's name */
  readonly kind?: string
  readonly note?: string
  readonly contactId?: number
  /** the campaign member this touch was for: it counts in that campaign's arm */
  readonly campaignMemberId?: number
  /** when it happened (ISO timestamp); default now */
  readonly at?: string
}

function checkedInput(input: RecordTouchInput): {
  channel: TouchChannel
  kind: string
  note: string | null
  at: string | null
} {
  if (!isTouchChannel(input.channel)) {
    throw new ValidationError(
      `channel must be one of ${TOUCH_CHANNELS.join(', ')}, not "${input.channel}"`,
    )
  }
  const kind = input.kind?.trim() || input.channel
  if (!TOUCH_KIND.test(kind)) {
    throw new ValidationError('kind must be lower-case words joined by _ (at most 40 characters)')
  }
  const note = input.note?.trim() || null
  if (note !== null && note.length > TOUCH_NOTE_MAX) {
    throw new ValidationError(`note must be at most ${TOUCH_NOTE_MAX} characters`)
  }
  if (input.at !== undefined && Number.isNaN(Date.parse(input.at))) {
    throw new ValidationError(`at must be an ISO timestamp, not "${input.at}"`)
  }
  const at = input.at === undefined ? null : new Date(input.at).toISOString()
  return { channel: input.channel, kind, note, at }
}

/** The customer, if `who` works it (SPEC: reps their accounts' touches); else not found. */
async function workedCustomer(
  store: Store,
  who: CaseActor,
  customerId: string,
  action: 'read' | 'write',
) {
  const customer = await readCustomerBasics(store, customerId)
  const allowed =
    customer !== undefined &&
    (action === 'write'
      ? can(who.actor, 'write', { type: 'case', ownerId: customer.ownerId })
      : can(who.actor, 'read', { type: 'customer', ownerId: customer.ownerId }))
  if (!allowed) {
    if (customer !== undefined) {
      await auditAuth(store, who.audit, { action: `denied_${action}`, objectType: 'touch' })
    }
    // answered like a customer that does not exist, so ids do not reveal other teams' accounts
    throw new NotFoundError(`no customer ${customerId}`)
  }
  return customer
}

/**
 * Records a touch on a customer's timeline (issue 6 item 7): a call, meeting, gift, letter or
 * email someone made. Those who work the account record them (reps their accounts, managers
 * their team's, the VP and admin all). An outbound touch to a suppressed contact is refused.
 * A touch for a campaign member counts in that campaign's results (a meeting as a meeting).
 * @throws ValidationError naming the field; NotFoundError; ConflictError when suppressed
 */
export async function recordTouch(
  store: Store,
  who: CaseActor,
  customerId: string,
  input: RecordTouchInput,
  options: { readonly now?: () => Date } = {},
): Promise<TouchView> {
  const checked = checkedInput(input)
  await workedCustomer(store, who, customerId, 'write')
  const contactId = input.contactId ?? null
  if (contactId !== null) {
    const contact = await contactOfCustomer(store, contactId)
    if (contact === undefined || contact.customerId !== customerId) {
      throw new ValidationError(`contactId ${contactId} is not a contact of ${customerId}`)
    }
    if (!INBOUND_TOUCH_KINDS.includes(checked.kind)) {
      const suppressed = await findSuppressions(store, {
        emailNormalised: contact.email === null ? null : normaliseEmail(contact.email),
        contactId,
      })
      if (suppressed.length > 0) {
        const kinds = [...new Set(suppressed.map((row) => row.kind))].join(', ')
        throw new ConflictError(`this contact is suppressed (${kinds}): no ${checked.channel}`)
      }
    }
  }
  const memberId = input.campaignMemberId ?? null
  if (memberId !== null && (await campaignMemberCustomer(store, memberId)) !== customerId) {
    throw new ValidationError(`campaignMemberId ${memberId} is not a member for ${customerId}`)
  }
  const at = checked.at ?? (options.now ?? (() => new Date()))().toISOString()
  return store.db.transaction().execute(async (trx) => {
    const row = await insertRecordedTouch(trx, {
      customer_id: customerId,
      contact_id: contactId,
      channel: checked.channel,
      kind: checked.kind,
      at,
      outbox_message_id: null,
      campaign_member_id: memberId,
      actor: actorLabel(who.audit),
      note: checked.note,
    })
    await auditAuth(trx, who.audit, {
      action: 'create',
      objectType: 'touch',
      objectId: String(row.id),
      fields: ['channel', 'kind', ...(checked.note === null ? [] : ['note'])],
    })
    return touchView(row)
  })
}

/** A customer's touches, newest first, for those who may read the account. */
export async function listTouchesAs(
  store: Store,
  who: CaseActor,
  customerId: string,
): Promise<TouchView[]> {
  await workedCustomer(store, who, customerId, 'read')
  return (await listTouches(store, customerId)).map(touchView)
}
