import { type FormEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { ResurfacedResponse } from '../api/contract-types.js'
import { ErrorState } from '../components/states.js'
import { formatCount } from '../lib/format.js'
import { Link } from '../lib/router.js'
import { useApi } from '../lib/session.js'

const today = () => new Date().toISOString().slice(0, 10)

/**
 * "A new decision maker at a lost account does the same" as a fix (issue 5): records the change
 * and says what it brought back — the account and its lost deals, each with a "tell them what
 * changed" task on the To do page.
 */
export function NewDecisionMakerForm(props: { customerId: string }) {
  const api = useApi()
  const [changedOn, setChangedOn] = useState(today())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [result, setResult] = useState<ResurfacedResponse | undefined>(undefined)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setBusy(true)
    const path = `/customers/${encodeURIComponent(props.customerId)}/new-decision-maker`
    api.send<ResurfacedResponse>('POST', path, { changedOn }).then(
      (answer) => {
        setBusy(false)
        setError(undefined)
        setResult(answer)
      },
      (failure: unknown) => {
        setBusy(false)
        setError(toApiError(failure))
      },
    )
  }
  return (
    <form className="form inline-form" onSubmit={submit} aria-label="Record a new decision maker">
      <label className="field">
        <span>The decision maker changed on</span>
        <input
          type="date"
          required
          value={changedOn}
          onChange={(event) => setChangedOn(event.target.value)}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={busy}>
          {busy ? 'Recording…' : 'Record a new decision maker'}
        </button>
      </div>
      {error === undefined ? null : (
        <ErrorState error={error} title="The new decision maker was not recorded" />
      )}
      <p aria-live="polite" className="form-note">
        {result === undefined ? null : <ResurfacedNote result={result} />}
      </p>
    </form>
  )
}

function ResurfacedNote(props: { result: ResurfacedResponse }) {
  const { result } = props
  if (result.resurfaced.length === 0) {
    return <>Recorded. Nothing lost here was waiting for a new decision maker.</>
  }
  return (
    <>
      Recorded: {formatCount(result.resurfacedCustomerIds.length)} lost customer(s) and{' '}
      {formatCount(result.resurfacedDealIds.length)} lost deal(s) are back on the list, each with a
      task to tell them what changed (<Link to="/todo">To do</Link>).
    </>
  )
}
