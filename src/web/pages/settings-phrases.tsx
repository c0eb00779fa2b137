import { type FormEvent, useState } from 'react'
import { toApiError } from '../api/api-error.js'
import type { ReasonListResponse, ReasonPhraseListResponse } from '../api/contract-types.js'
import { ErrorState, LoadingState } from '../components/states.js'
import { formatCount, humanize } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

/**
 * The reason mapping (SPEC: imported deal reasons map to codes by editable phrases): the phrases,
 * a form to map one, and every imported reason with the code it maps to today and how.
 */
export function PhraseSettings(props: { canEdit: boolean }) {
  const api = useApi()
  const query = useApiQuery('reason-phrases', (signal) =>
    api.get<ReasonPhraseListResponse>('/reason-phrases', { signal }),
  )
  const reasons = useApiQuery('case-reasons', (signal) =>
    api.get<ReasonListResponse>('/reasons', { signal }),
  )
  const [phrase, setPhrase] = useState('')
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState('')
  const run = (work: Promise<unknown>) =>
    work.then(
      () => {
        setProblem('')
        query.reload()
      },
      (failure: unknown) => setProblem(toApiError(failure).message),
    )
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    void run(api.send('POST', '/reason-phrases', { phrase: phrase.trim(), code }))
    setPhrase('')
  }
  if (query.data === undefined) {
    return query.error === undefined ? (
      <LoadingState label="Loading the reason mapping…" />
    ) : (
      <ErrorState error={query.error} onRetry={query.reload} />
    )
  }
  return (
    <>
      {problem === '' ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {props.canEdit ? (
        <form className="form-row" onSubmit={submit} aria-label="Map a phrase">
          <label className="field field-grow">
            <span>When the imported reason contains</span>
            <input
              name="phrase"
              required
              value={phrase}
              onChange={(e) => setPhrase(e.target.value)}
            />
          </label>
          <label className="field">
            <span>it means</span>
            <select name="code" required value={code} onChange={(e) => setCode(e.target.value)}>
              <option value="">Choose…</option>
              {(reasons.data?.items ?? []).map((reason) => (
                <option key={reason.code} value={reason.code}>
                  {reason.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button-primary">
            Map the phrase
          </button>
        </form>
      ) : null}
      <h3>Phrases</h3>
      {query.data.items.length === 0 ? <p className="muted">No phrases mapped yet.</p> : null}
      <ul className="phrase-list" aria-label="Mapped phrases">
        {query.data.items.map((item) => (
          <li key={item.phrase}>
            <span>
              “{item.phrase}” → {humanize(item.liveCode)}
            </span>
            {props.canEdit ? (
              <button
                type="button"
                className="link-button small"
                aria-label={`Remove “${item.phrase}”`}
                onClick={() =>
                  run(api.send('DELETE', `/reason-phrases/${encodeURIComponent(item.phrase)}`))
                }
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <h3>Imported reasons as they map today</h3>
      <div className="table-wrap">
        <table className="table compact">
          <caption className="visually-hidden">Imported deal reasons and their codes</caption>
          <thead>
            <tr>
              <th scope="col">Imported words</th>
              <th scope="col">Code</th>
              <th scope="col">Matched by</th>
              <th scope="col" className="numeric">
                Lost deals
              </th>
            </tr>
          </thead>
          <tbody>
            {query.data.imported.map((row) => (
              <tr key={row.words}>
                <td className="wrap">{row.words}</td>
                <td>{humanize(row.code)}</td>
                <td>{row.phrase === null ? humanize(row.matchedBy) : `“${row.phrase}”`}</td>
                <td className="numeric">{formatCount(row.deals)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
