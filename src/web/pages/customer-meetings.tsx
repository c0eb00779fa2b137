import { type FormEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { MeetingItem } from '../api/letters-types.js'
import { ErrorState } from '../components/states.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

/** A contact as the meeting form offers it. */
export interface MeetingContact {
  readonly id: number
  readonly name: string | null
  readonly email: string | null
  readonly hasLeft: boolean
}

// `<input type="datetime-local">` gives the browser's local time without a zone: say it in UTC
const toZoned = (local: string) => new Date(local).toISOString()

/** The customer's meetings with their .ics downloads, and a form to plan one. */
export function CustomerMeetings(props: {
  customerId: string
  contacts: readonly MeetingContact[]
}) {
  const api = useApi()
  const path = `/customers/${encodeURIComponent(props.customerId)}/meetings`
  const meetings = useApiQuery(path, (signal) =>
    api.get<{ items: MeetingItem[] }>(path, { signal }),
  )
  const items = meetings.data?.items ?? []
  return (
    <div className="stack">
      <h3>Meetings</h3>
      {items.length === 0 ? (
        <p className="form-note">No meetings planned yet.</p>
      ) : (
        <ul aria-label="Meetings">
          {items.map((meeting) => (
            <li key={meeting.id}>
              {meeting.title} · {new Date(meeting.startsAt).toLocaleString()}
              {meeting.status === 'cancelled' ? ' · cancelled' : ''} ·{' '}
              <a href={`/api/meetings/${meeting.id}/invite.ics`} download>
                invite (.ics)
              </a>
            </li>
          ))}
        </ul>
      )}
      <MeetingForm
        customerId={props.customerId}
        contacts={props.contacts.filter((contact) => !contact.hasLeft && contact.email !== null)}
        onPlanned={meetings.reload}
      />
    </div>
  )
}

function MeetingForm(props: {
  customerId: string
  contacts: readonly MeetingContact[]
  onPlanned: () => void
}) {
  const api = useApi()
  const [title, setTitle] = useState('')
  const [location, setLocation] = useState('')
  const [startsAt, setStartsAt] = useState('')
  const [endsAt, setEndsAt] = useState('')
  const [attendees, setAttendees] = useState<number[]>([])
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [planned, setPlanned] = useState<MeetingItem | undefined>(undefined)
  const toggle = (id: number) =>
    setAttendees((now) => (now.includes(id) ? now.filter((one) => one !== id) : [...now, id]))
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const body = {
      customerId: props.customerId,
      title,
      location: location === '' ? null : location,
      startsAt: toZoned(startsAt),
      endsAt: toZoned(endsAt),
      attendeeContactIds: attendees,
    }
    api.send<MeetingItem>('POST', '/meetings', body).then(
      (meeting) => {
        setError(undefined)
        setPlanned(meeting)
        props.onPlanned()
      },
      (failure: unknown) => setError(toApiError(failure)),
    )
  }
  return (
    <form className="form" onSubmit={submit} aria-label="Plan a meeting">
      <label className="field">
        <span>Title</span>
        <input required value={title} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <label className="field">
        <span>Where</span>
        <input value={location} onChange={(event) => setLocation(event.target.value)} />
      </label>
      <label className="field">
        <span>Starts</span>
        <input
          type="datetime-local"
          required
          value={startsAt}
          onChange={(event) => setStartsAt(event.target.value)}
        />
      </label>
      <label className="field">
        <span>Ends</span>
        <input
          type="datetime-local"
          required
          value={endsAt}
          onChange={(event) => setEndsAt(event.target.value)}
        />
      </label>
      <fieldset className="field">
        <legend>Invite</legend>
        {props.contacts.map((contact) => (
          <label key={contact.id} className="checkbox">
            <input
              type="checkbox"
              checked={attendees.includes(contact.id)}
              onChange={() => toggle(contact.id)}
            />{' '}
            {contact.name ?? contact.email}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={attendees.length === 0}>
          Plan the meeting
        </button>
      </div>
      {error === undefined ? null : (
        <ErrorState error={error} title="The meeting was not planned" />
      )}
      <p aria-live="polite" className="form-note">
        {planned === undefined ? null : (
          <>
            Planned.{' '}
            <a href={`/api/meetings/${planned.id}/invite.ics`} download>
              Download the invite (.ics)
            </a>
          </>
        )}
      </p>
    </form>
  )
}
