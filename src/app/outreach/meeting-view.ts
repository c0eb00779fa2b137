import type { MeetingRow } from '../../store/index.js'

/** A meeting as the API and CLI show it. */
export interface MeetingView {
  readonly id: number
  readonly uid: string
  readonly sequence: number
  readonly status: 'scheduled' | 'cancelled'
  readonly customerId: string
  readonly caseId: number | null
  readonly title: string
  readonly location: string | null
  readonly startsAt: string
  readonly endsAt: string
  readonly organiser: { readonly name: string; readonly email: string }
  readonly attendees: readonly {
    readonly contactId: number
    readonly name: string | null
    readonly email: string
  }[]
  readonly updatedAt: string
}

export function meetingView(row: MeetingRow): MeetingView {
  return {
    id: Number(row.id),
    uid: row.uid,
    sequence: Number(row.sequence),
    status: row.status === 'cancelled' ? 'cancelled' : 'scheduled',
    customerId: row.customer_id,
    caseId: row.case_id === null ? null : Number(row.case_id),
    title: row.title,
    location: row.location,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    organiser: { name: row.organiser_name, email: row.organiser_email },
    attendees: parseAttendees(row.attendees_json),
    updatedAt: row.updated_at,
  }
}

function parseAttendees(json: string): MeetingView['attendees'] {
  const parsed: unknown = JSON.parse(json)
  if (!Array.isArray(parsed)) {
    return []
  }
  return parsed.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) {
      return []
    }
    const { contactId, name, email } = item as Record<string, unknown>
    return typeof contactId === 'number' && typeof email === 'string'
      ? [{ contactId, name: typeof name === 'string' ? name : null, email }]
      : []
  })
}
