import { type FormEvent, useState } from 'react'
import { toApiError } from '../api/api-error.js'
import type {
  AddReasonBody,
  ChangeReasonBody,
  ReasonItem,
  ReasonListResponse,
} from '../api/contract-types.js'
import { ErrorState, LoadingState } from '../components/states.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

/**
 * The reason taxonomy: add a reason, rename one (code or label), mark it fixable or not, merge it
 * into another. Merged reasons are kept (history stays with them) and shown as merged.
 */
export function ReasonSettings(props: { canEdit: boolean }) {
  const api = useApi()
  const query = useApiQuery('reasons-all', (signal) =>
    api.get<ReasonListResponse>('/reasons', { query: { includeMerged: true }, signal }),
  )
  const [message, setMessage] = useState('')
  const [problem, setProblem] = useState('')
  const run = (work: Promise<unknown>, done: string) =>
    work.then(
      () => {
        setProblem('')
        setMessage(done)
        query.reload()
      },
      (failure: unknown) => setProblem(toApiError(failure).message),
    )
  if (query.data === undefined) {
    return query.error === undefined ? (
      <LoadingState label="Loading the reasons…" />
    ) : (
      <ErrorState error={query.error} onRetry={query.reload} />
    )
  }
  const live = query.data.items.filter((reason) => reason.mergedIntoCode === null)
  const change = (reason: ReasonItem, body: ChangeReasonBody, done: string) =>
    run(
      api.send('PATCH', `/reasons/${encodeURIComponent(reason.code)}`, body, {
        ifMatch: `"${reason.version}"`,
      }),
      done,
    )
  const merge = (reason: ReasonItem, into: string) =>
    run(
      api.send('POST', `/reasons/${encodeURIComponent(reason.code)}/merge`, { into }),
      `${reason.label} was merged into ${into}.`,
    )
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">
        {message}
      </p>
      {problem === '' ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="table-wrap">
        <table className="table compact reasons-table">
          <caption className="visually-hidden">The reason taxonomy</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Label</th>
              <th scope="col">Fixable</th>
              <th scope="col">Merge into</th>
            </tr>
          </thead>
          <tbody>
            {query.data.items.map((reason) => (
              <ReasonRow
                key={`${reason.code}:${reason.version}`}
                reason={reason}
                live={live}
                canEdit={props.canEdit}
                onChange={(body, done) => change(reason, body, done)}
                onMerge={(into) => merge(reason, into)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {props.canEdit ? (
        <AddReasonForm
          onAdd={(body) => run(api.send('POST', '/reasons', body), `${body.label} was added.`)}
        />
      ) : null}
    </>
  )
}

function ReasonRow(props: {
  reason: ReasonItem
  live: readonly ReasonItem[]
  canEdit: boolean
  onChange: (body: ChangeReasonBody, done: string) => void
  onMerge: (into: string) => void
}) {
  const { reason } = props
  const [label, setLabel] = useState(reason.label)
  const [into, setInto] = useState('')
  const merged = reason.mergedIntoCode !== null
  const editable = props.canEdit && !merged
  return (
    <tr>
      <td>
        <code>{reason.code}</code>
      </td>
      <td>
        {editable ? (
          <form
            className="form-row"
            onSubmit={(event) => {
              event.preventDefault()
              props.onChange({ label: label.trim() }, `Renamed to ${label.trim()}.`)
            }}
          >
            <input
              aria-label={`Label of ${reason.code}`}
              value={label}
              onChange={(e) => setLabel(e.target.value)}
            />
            <button
              type="submit"
              className="button button-secondary small"
              disabled={label.trim() === reason.label}
            >
              Rename
            </button>
          </form>
        ) : (
          <>
            {reason.label}
            {merged ? (
              <span className="muted small"> · merged into {reason.mergedIntoCode}</span>
            ) : null}
          </>
        )}
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${reason.label} is fixable`}
          checked={reason.fixable}
          disabled={!editable}
          onChange={(event) =>
            props.onChange(
              { fixable: event.target.checked },
              `${reason.label} is ${event.target.checked ? 'now' : 'no longer'} fixable.`,
            )
          }
        />
      </td>
      <td>
        {editable ? (
          <span className="form-row">
            <select
              aria-label={`Merge ${reason.code} into`}
              value={into}
              onChange={(e) => setInto(e.target.value)}
            >
              <option value="">Choose…</option>
              {props.live
                .filter((other) => other.code !== reason.code)
                .map((other) => (
                  <option key={other.code} value={other.code}>
                    {other.label}
                  </option>
                ))}
            </select>
            <button
              type="button"
              className="button button-secondary small"
              disabled={into === ''}
              onClick={() => props.onMerge(into)}
            >
              Merge
            </button>
          </span>
        ) : null}
      </td>
    </tr>
  )
}

function AddReasonForm(props: { onAdd: (body: AddReasonBody) => void }) {
  const [code, setCode] = useState('')
  const [label, setLabel] = useState('')
  const [fixable, setFixable] = useState(true)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    props.onAdd({ code: code.trim(), label: label.trim(), fixable })
  }
  return (
    <form className="form-row" onSubmit={submit} aria-label="Add a reason">
      <label className="field">
        <span>New code</span>
        <input
          name="code"
          required
          pattern="[a-z][a-z0-9_]{1,39}"
          title="2 to 40 lower-case letters, digits or _, starting with a letter"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      <label className="field field-grow">
        <span>Label</span>
        <input name="label" required value={label} onChange={(e) => setLabel(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={fixable} onChange={(e) => setFixable(e.target.checked)} />
        <span>Fixable</span>
      </label>
      <button type="submit" className="button button-primary">
        Add the reason
      </button>
    </form>
  )
}
