import { type FormEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { SuppressionItem, SuppressionRequestBody } from '../api/outreach-types.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatDate, humanize } from '../lib/format.js'
import { navigate, pathWithQuery, useLocation } from '../lib/router.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

/**
 * The suppression list (do not contact, unsubscribed, bounced, erased), searchable by address, and
 * a form to add a "do not contact" with its reason. The list is personal data: the API lets
 * admin, VP and analysts read it; anyone signed in may add to it.
 */
export function SuppressionsPage() {
  const api = useApi()
  const { search } = useLocation()
  const query = search.get('search') ?? ''
  const [draft, setDraft] = useState(query)
  const [round, setRound] = useState(0)
  const list = useApiQuery(`suppressions:${query}:${round}`, (signal) =>
    api.get<{ items: SuppressionItem[] }>('/suppressions', {
      query: { search: query, limit: 200 },
      signal,
    }),
  )
  const find = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    navigate(pathWithQuery('/suppressions', { search: draft.trim() }), { replace: true })
  }
  return (
    <>
      <PageHeader
        title="Suppressions"
        lead="People and addresses that must not be contacted, and why. Checked at send time, every time."
      />
      <Panel title="Add a do-not-contact" id="suppression-add">
        <AddSuppressionForm onAdded={() => setRound((count) => count + 1)} />
      </Panel>
      <Panel title="The list" id="suppression-list">
        <form className="filters" aria-label="Search the suppressions" onSubmit={find}>
          <label className="field field-grow">
            <span>Address contains</span>
            <input
              type="search"
              name="search"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </label>
          <div className="filter-actions">
            <button type="submit" className="button button-secondary">
              Search
            </button>
          </div>
        </form>
        {list.data === undefined && list.loading ? (
          <LoadingState label="Loading the suppressions…" />
        ) : null}
        {list.error === undefined ? null : <ErrorState error={list.error} onRetry={list.reload} />}
        {list.data === undefined ? null : list.data.items.length === 0 ? (
          <EmptyState
            title={query === '' ? 'No one is suppressed' : `No address contains “${query}”`}
          />
        ) : (
          <SuppressionTable items={list.data.items} />
        )}
      </Panel>
    </>
  )
}

function SuppressionTable(props: { items: readonly SuppressionItem[] }) {
  return (
    <div className="table-wrap">
      <table className="table suppressions-table">
        <caption className="visually-hidden">Suppressions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Contact</th>
            <th scope="col">Kind</th>
            <th scope="col">Why</th>
            <th scope="col">Since</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={item.id}>
              <td>{item.email ?? '–'}</td>
              <td>{item.contactId === null ? '–' : `#${item.contactId}`}</td>
              <td>{humanize(item.kind)}</td>
              <td className="wrap">{item.source}</td>
              <td>{formatDate(item.createdAt)}</td>
              <td>{item.createdBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function AddSuppressionForm(props: { onAdded: () => void }) {
  const api = useApi()
  const [email, setEmail] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [done, setDone] = useState<string | null>(null)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const body: SuppressionRequestBody = {
      email: email.trim(),
      kind: 'do_not_contact',
      ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
    }
    setBusy(true)
    api.send<{ added: boolean }>('POST', '/suppressions', body).then(
      (answer) => {
        setBusy(false)
        setError(undefined)
        setDone(
          answer.added
            ? `${body.email} will not be contacted`
            : `${body.email} was on the list already`,
        )
        setEmail('')
        setReason('')
        props.onAdded()
      },
      (failure: unknown) => {
        setBusy(false)
        setError(toApiError(failure))
      },
    )
  }
  return (
    <form className="form" aria-label="Add a do-not-contact" onSubmit={submit}>
      <div className="form-row">
        <label className="field field-grow">
          <span>Email address</span>
          <input
            type="email"
            name="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field field-grow">
          <span>Reason</span>
          <input
            name="reason"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
      </div>
      {error === undefined ? null : <ErrorState error={error} title="Not added" />}
      {done === null ? null : <p role="status">{done}</p>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Add to the list
        </button>
      </div>
    </form>
  )
}
