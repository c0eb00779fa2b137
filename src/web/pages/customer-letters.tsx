import { type FormEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { TemplateItem } from '../api/outreach-types.js'
import { Panel } from '../components/page-header.js'
import { ErrorState } from '../components/states.js'
import { postForDownload } from '../lib/download.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { CustomerMeetings, type MeetingContact } from './customer-meetings.js'

/**
 * Letters and meetings on the customer page (issue 6 item 4): download a letter from a letter or
 * card template on A4 or US Letter (a suppressed contact is refused with the reason), and plan a
 * meeting whose .ics invite can be downloaded.
 */
export function CustomerLettersPanel(props: {
  customerId: string
  contacts: readonly MeetingContact[]
}) {
  return (
    <Panel title="Letters and meetings" id="letters">
      <LetterForm customerId={props.customerId} />
      <CustomerMeetings customerId={props.customerId} contacts={props.contacts} />
    </Panel>
  )
}

function LetterForm(props: { customerId: string }) {
  const api = useApi()
  const me = useMe()
  const templates = useApiQuery('/templates', (signal) =>
    api.get<{ items: TemplateItem[] }>('/templates', { signal }),
  )
  const printable = (templates.data?.items ?? []).filter(
    (template) => template.kind === 'letter' || template.kind === 'card_note',
  )
  const [templateKey, setTemplateKey] = useState('')
  const [size, setSize] = useState<'a4' | 'letter'>('a4')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [done, setDone] = useState(false)
  const chosen = templateKey === '' ? (printable[0]?.key ?? '') : templateKey
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setBusy(true)
    setDone(false)
    const path = `/customers/${encodeURIComponent(props.customerId)}/letter`
    postForDownload(path, { templateKey: chosen, size }, me.csrfToken).then(
      () => {
        setBusy(false)
        setError(undefined)
        setDone(true)
      },
      (failure: unknown) => {
        setBusy(false)
        setError(toApiError(failure))
      },
    )
  }
  return (
    <form className="form inline-form" onSubmit={submit} aria-label="Download a letter">
      <label className="field">
        <span>Letter template</span>
        <select value={chosen} onChange={(event) => setTemplateKey(event.target.value)} required>
          {printable.map((template) => (
            <option key={template.key} value={template.key}>
              {template.name} ({template.kind === 'letter' ? 'letter' : 'card'}, {template.tone})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Paper</span>
        <select value={size} onChange={(event) => setSize(event.target.value as 'a4' | 'letter')}>
          <option value="a4">A4</option>
          <option value="letter">US Letter</option>
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={busy || chosen === ''}>
          {busy ? 'Making the PDF…' : 'Download letter (PDF)'}
        </button>
      </div>
      {error === undefined ? null : <ErrorState error={error} title="No letter was made" />}
      <p aria-live="polite" className="form-note">
        {done ? 'The letter is downloaded and recorded on the timeline.' : null}
      </p>
    </form>
  )
}
