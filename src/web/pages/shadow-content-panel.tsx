import { type FormEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { ShadowContentResponse } from '../api/shadow-types.js'
import { Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { humanize } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

const KINDS = ['case_study', 'article', 'check_in', 'referral'] as const

/**
 * The content library the touches carry: case studies, articles, introductions. Who writes
 * templates (admin, VP, managers, analysts) adds to it; everyone reads it.
 */
export function ShadowContentPanel(props: { mayWrite: boolean }) {
  const api = useApi()
  const [round, setRound] = useState(0)
  const library = useApiQuery(`shadow-content:${round}`, (signal) =>
    api.get<{ items: ShadowContentResponse[] }>('/shadow/content', { signal }),
  )
  return (
    <Panel title="Content library" id="shadow-content">
      {props.mayWrite ? <AddContentForm onAdded={() => setRound((n) => n + 1)} /> : null}
      {library.data === undefined && library.loading ? (
        <LoadingState label="Loading the library…" />
      ) : null}
      {library.error === undefined ? null : (
        <ErrorState error={library.error} onRetry={library.reload} />
      )}
      {library.data === undefined ? null : library.data.items.length === 0 ? (
        <EmptyState title="The library is empty: touches are check-ins until it has content" />
      ) : (
        <ul className="plain-list" aria-label="Content items">
          {library.data.items.map((item) => (
            <li key={item.id}>
              <strong>{humanize(item.valueKind)}</strong>:{' '}
              <a href={item.url} rel="noopener noreferrer" target="_blank">
                {item.title}
              </a>
              {item.segment === null ? null : (
                <span className="muted small"> (for {item.segment})</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  )
}

function AddContentForm(props: { onAdded: () => void }) {
  const api = useApi()
  const [title, setTitle] = useState('')
  const [url, setUrl] = useState('')
  const [valueKind, setValueKind] = useState<(typeof KINDS)[number]>('case_study')
  const [segment, setSegment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setBusy(true)
    const body = {
      title: title.trim(),
      url: url.trim(),
      valueKind,
      ...(segment.trim() === '' ? {} : { segment: segment.trim() }),
    }
    api.send<ShadowContentResponse>('POST', '/shadow/content', body).then(
      () => {
        setBusy(false)
        setError(undefined)
        setTitle('')
        setUrl('')
        setSegment('')
        props.onAdded()
      },
      (failure: unknown) => {
        setBusy(false)
        setError(toApiError(failure))
      },
    )
  }
  return (
    <form className="form" aria-label="Add to the content library" onSubmit={submit}>
      <div className="form-row">
        <label className="field field-grow">
          <span>Title</span>
          <input name="title" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field field-grow">
          <span>Address (URL)</span>
          <input
            name="url"
            type="url"
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Value</span>
          <select
            name="valueKind"
            value={valueKind}
            onChange={(e) => setValueKind(e.target.value as (typeof KINDS)[number])}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {humanize(kind)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Segment (optional)</span>
          <input name="segment" value={segment} onChange={(e) => setSegment(e.target.value)} />
        </label>
      </div>
      {error === undefined ? null : (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Adding…' : 'Add'}
      </button>
    </form>
  )
}
