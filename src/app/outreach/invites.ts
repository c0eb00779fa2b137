import { randomUUID } from 'node:crypto'
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.js'
import { isPlainEmail } from '../../domain/suppression.js'
import { renderInvite } from '../../outreach/index.js'
import {
  getCaseRow,
  getMeeting,
  getUser,
  insertMeeting,
  insertTouch,
  type MeetingChanges,
  type MeetingRow,
  readCustomerContacts,
  reviseMeeting,
  type Store,
} from '../../store/index.js'
import { actorLabel, auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'
import { customerToReach } from './letter-access.js'
import { letterBlock } from './letter-recipients.js'
import {
  checkLocation,
  checkTimes,
  checkTitle,
  type MeetingChange,
  type MeetingInput,
} from './meeting-input.js'
import { type MeetingView, meetingView } from './meeting-view.js'

/** Where invites come from: the host in each UID, and the organiser when the user has no email. */
export interface InviteConfig {
  /** `COMEBACK_PUBLIC_URL`; its host names the UIDs (RFC 5545 §3.8.4.7 suggests a domain) */
  readonly publicUrl: string | null
  /** `COMEBACK_MAIL_FROM` */
  readonly fromAddress: string | null
}

/**
 * Plans a meeting with contacts of a customer the user works: stored with a UID for life and
 * SEQUENCE 0, a `meeting` touch on the timeline, audited. A suppressed attendee (any kind) or one
 * without a plain email address is refused.
 * @example const meeting = await createMeeting(store, who, { customerId: 'C-1', title: 'Coffee', … }, config)
 */
export async function createMeeting(
  store: Store,
  who: CaseActor,
  input: MeetingInput,
  config: InviteConfig,
): Promise<MeetingView> {
  const title = checkTitle(input.title)
  const location = checkLocation(input.location)
  const times = checkTimes(input.startsAt, input.endsAt)
  await customerToReach(store, who, input.customerId)
  const caseId = await caseOfCustomer(store, input.customerId, input.caseId ?? null)
  const attendees = await invitableAttendees(store, input.customerId, input.attendeeContactIds)
  const organiser = await organiserOf(store, who, config)
  const row = await store.db.transaction().execute(async (trx) => {
    const saved = await insertMeeting(trx, {
      uid: `meeting-${randomUUID()}@${uidHost(config.publicUrl)}`,
      customer_id: input.customerId,
      case_id: caseId,
      title,
      location,
      starts_at: times.startsAt,
      ends_at: times.endsAt,
      organiser_user_id: who.actor.userId > 0 ? who.actor.userId : null,
      organiser_name: organiser.name,
      organiser_email: organiser.email,
      attendees_json: JSON.stringify(attendees),
      created_by: actorLabel(who.audit),
    })
    await insertTouch(trx, {
      customer_id: input.customerId,
      contact_id: attendees[0]?.contactId ?? null,
      channel: 'meeting',
      kind: 'meeting',
      at: saved.created_at,
      outbox_message_id: null,
      actor: actorLabel(who.audit),
      note: title,
    })
    await auditAuth(trx, who.audit, {
      action: 'create',
      objectType: 'meeting',
      objectId: String(saved.id),
      fields: ['title', 'location', 'starts_at', 'ends_at', 'attendees'],
    })
    return saved
  })
  return meetingView(row)
}

/**
 * Changes a meeting's title, time or place and raises its SEQUENCE, so calendars replace the
 * event (RFC 5546 §2.1.4). With `expectedSequence` (If-Match), a change made meanwhile is refused.
 */
export async function updateMeeting(
  store: Store,
  who: CaseActor,
  change: { id: number; expectedSequence?: number; set: MeetingChange },
): Promise<MeetingView> {
  const current = await meetingFor(store, who, change.id, 'write')
  const changes = meetingChanges(current, change.set)
  if (Object.keys(changes).length === 0) {
    throw new ValidationError('nothing to change: give a title, location, startsAt or endsAt')
  }
  const row = await revise(store, who, { current, expected: change.expectedSequence, changes })
  return meetingView(row)
}

/** Cancels a meeting: SEQUENCE raised, and its invite becomes METHOD:CANCEL with the same UID. */
export async function cancelMeeting(
  store: Store,
  who: CaseActor,
  change: { id: number; expectedSequence?: number },
): Promise<MeetingView> {
  const current = await meetingFor(store, who, change.id, 'write')
  const row = await revise(store, who, {
    current,
    expected: change.expectedSequence,
    changes: { status: 'cancelled' },
  })
  return meetingView(row)
}

/** The `.ics` of a meeting as it stands: a REQUEST, or a CANCEL once cancelled. */
export async function meetingInvite(
  store: Store,
  who: CaseActor,
  id: number,
): Promise<{ ics: string; filename: string; meeting: MeetingView }> {
  const row = await meetingFor(store, who, id, 'read')
  const meeting = meetingView(row)
  const ics = renderInvite({
    uid: meeting.uid,
    sequence: meeting.sequence,
    method: meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    title: meeting.title,
    location: meeting.location,
    description: null,
    startsAt: new Date(meeting.startsAt),
    endsAt: new Date(meeting.endsAt),
    stampedAt: new Date(row.updated_at),
    organiser: meeting.organiser,
    attendees: meeting.attendees,
  })
  return { ics, filename: `meeting-${id}.ics`, meeting }
}

/**
 * One meeting, if `who` may `action` the customer it is with (answered as not found otherwise);
 * a write also needs it still scheduled.
 */
export async function meetingFor(
  store: Store,
  who: CaseActor,
  id: number,
  action: 'read' | 'write',
): Promise<MeetingRow> {
  const row = await getMeeting(store, id)
  if (row === undefined) {
    throw new NotFoundError(`no meeting ${id}`)
  }
  try {
    await customerToReach(store, who, row.customer_id, action)
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new NotFoundError(`no meeting ${id}`, { cause: error })
    }
    throw error
  }
  if (action === 'write' && row.status === 'cancelled') {
    throw new ConflictError(`meeting ${id} is cancelled: plan a new one`)
  }
  return row
}

function meetingChanges(current: MeetingRow, set: MeetingChange): MeetingChanges {
  const changes: { -readonly [K in keyof MeetingChanges]: MeetingChanges[K] } = {}
  if (set.title !== undefined && checkTitle(set.title) !== current.title) {
    changes.title = checkTitle(set.title)
  }
  if (set.location !== undefined && checkLocation(set.location) !== current.location) {
    changes.location = checkLocation(set.location)
  }
  if (set.startsAt !== undefined || set.endsAt !== undefined) {
    const times = checkTimes(set.startsAt ?? current.starts_at, set.endsAt ?? current.ends_at)
    if (times.startsAt !== current.starts_at) {
      changes.starts_at = times.startsAt
    }
    if (times.endsAt !== current.ends_at) {
      changes.ends_at = times.endsAt
    }
  }
  return changes
}

async function revise(
  store: Store,
  who: CaseActor,
  revision: { current: MeetingRow; expected: number | undefined; changes: MeetingChanges },
): Promise<MeetingRow> {
  const { current } = revision
  const sequence = Number(current.sequence)
  if (revision.expected !== undefined && revision.expected !== sequence) {
    throw new PreconditionFailedError(
      `meeting ${current.id} changed meanwhile: it is at sequence ${sequence} now`,
    )
  }
  return store.db.transaction().execute(async (trx) => {
    const row = await reviseMeeting(trx, {
      id: Number(current.id),
      expectedSequence: sequence,
      changes: revision.changes,
    })
    if (row === undefined) {
      throw new ConflictError(`meeting ${current.id} changed meanwhile: reload it and try again`)
    }
    await auditAuth(trx, who.audit, {
      action: revision.changes.status === 'cancelled' ? 'cancel' : 'update',
      objectType: 'meeting',
      objectId: String(current.id),
      fields: Object.keys(revision.changes),
    })
    return row
  })
}

async function caseOfCustomer(
  store: Store,
  customerId: string,
  caseId: number | null,
): Promise<number | null> {
  if (caseId === null) {
    return null
  }
  const row = await getCaseRow(store, caseId)
  if (row === undefined || row.customer_id !== customerId) {
    throw new ValidationError(`caseId: customer ${customerId} has no case ${caseId}`)
  }
  return caseId
}

/** The attendees as invited: each a present contact of the customer, reachable, not suppressed. */
async function invitableAttendees(
  store: Store,
  customerId: string,
  contactIds: readonly number[],
): Promise<{ contactId: number; name: string | null; email: string }[]> {
  const unique = [...new Set(contactIds)]
  if (unique.length === 0 || unique.length > 20) {
    throw new ValidationError('attendeeContactIds: invite 1 to 20 contacts of the customer')
  }
  const contacts = await readCustomerContacts(store, [customerId])
  const attendees = []
  for (const contactId of unique) {
    const contact = contacts.find((line) => line.contactId === contactId)
    if (contact === undefined || contact.hasLeft) {
      throw new ValidationError(
        `attendeeContactIds: ${contactId} is not a present contact of ${customerId}`,
      )
    }
    const email = contact.email?.trim() ?? ''
    if (!isPlainEmail(email)) {
      throw new ValidationError(
        `attendeeContactIds: contact ${contactId} has no usable email address`,
      )
    }
    const blocked = await letterBlock(store, contact)
    if (blocked !== null) {
      const detail = blocked.detail === null ? '' : ` (${blocked.detail})`
      throw new ConflictError(`contact ${contactId} may not be invited: ${blocked.reason}${detail}`)
    }
    attendees.push({ contactId, name: contact.name, email })
  }
  return attendees
}

async function organiserOf(
  store: Store,
  who: CaseActor,
  config: InviteConfig,
): Promise<{ name: string; email: string }> {
  const user = who.actor.userId > 0 ? await getUser(store, who.actor.userId) : undefined
  const email = [user?.email, config.fromAddress].find(
    (candidate): candidate is string => typeof candidate === 'string' && isPlainEmail(candidate),
  )
  return {
    name: user?.name ?? 'Comeback',
    email: email ?? `meetings@${uidHost(config.publicUrl)}`,
  }
}

/** The host of the public URL, or `comeback.invalid` (RFC 2606: a name that never resolves). */
export function uidHost(publicUrl: string | null): string {
  try {
    return publicUrl === null
      ? 'comeback.invalid'
      : new URL(publicUrl).hostname || 'comeback.invalid'
  } catch {
    return 'comeback.invalid'
  }
}
