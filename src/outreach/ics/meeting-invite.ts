// a meeting as an iTIP calendar object (RFC 5546) that mail clients turn into an invitation
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator'

/** Everything one invitation (or its cancellation) says. */
export interface MeetingInvite {
  /** the meeting's UID for life: a change or a cancel with the same UID updates the same event */
  readonly uid: string
  /** RFC 5545 §3.8.7.4: 0 first, raised by each revision that changes time or place */
  readonly sequence: number
  /** REQUEST invites or updates; CANCEL withdraws (RFC 5546 §3.2.2 and §3.2.5) */
  readonly method: 'REQUEST' | 'CANCEL'
  readonly title: string
  readonly location: string | null
  readonly description: string | null
  readonly startsAt: Date
  readonly endsAt: Date
  /** DTSTAMP: when this revision was made (kept, so the same revision renders the same bytes) */
  readonly stampedAt: Date
  readonly organiser: { readonly name: string; readonly email: string }
  readonly attendees: readonly { readonly name: string | null; readonly email: string }[]
}

// a name or address goes into a parameter or a mailto: no line breaks or quotes may reach it
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const PARAMETER_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029"]+/g

function parameterSafe(text: string): string {
  return text.replace(PARAMETER_UNSAFE, ' ').trim()
}

/**
 * The `.ics` text of one revision of a meeting. Text values (summary, location, description) are
 * escaped by ical-generator (RFC 5545 §3.3.11: CR/LF become `\n`), so they can never start a new
 * property; names and addresses lose control characters and quotes first.
 * @example renderInvite({ uid: 'meeting-1@comeback.example', sequence: 0, method: 'REQUEST', … })
 */
export function renderInvite(invite: MeetingInvite): string {
  const calendar = ical({
    prodId: { company: 'Comeback', product: 'Meetings', language: 'EN' },
    method: invite.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  })
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    stamp: invite.stampedAt,
    start: invite.startsAt,
    end: invite.endsAt,
    summary: invite.title,
    location: invite.location,
    description: invite.description,
    status: invite.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: {
      // a name of nothing but control characters falls back to the address (CN may not be empty)
      name: parameterSafe(invite.organiser.name) || parameterSafe(invite.organiser.email),
      email: parameterSafe(invite.organiser.email),
    },
    attendees: invite.attendees.map((attendee) => ({
      ...(parameterSafe(attendee.name ?? '') === ''
        ? {}
        : { name: parameterSafe(attendee.name ?? '') }),
      email: parameterSafe(attendee.email),
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: true,
    })),
  })
  return calendar.toString()
}
