import { type FormEvent, useState } from 'react'
import type { ApiError } from '../api/api-error.js'
import { toApiError } from '../api/api-error.js'
import type { MeResponse } from '../api/contract-types.js'
import { ErrorState } from '../components/states.js'
import { useSession } from '../lib/session.js'
import { TotpEnrolmentSteps } from './totp-enrolment-steps.js'

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function SecondFactorPage(props: { me: MeResponse }) {
  const { signOut } = useSession()
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1 id="page-title">Two-step verification</h1>
        <p className="muted">
          Signed in as {props.me.user.name} ({props.me.user.email}).
        </p>
        {props.me.secondFactor.enrolled ? <CodeForm /> : <TotpEnrolmentSteps me={props.me} />}
        <button type="button" className="link-button" onClick={() => void signOut()}>
          Sign out and use another account
        </button>
      </div>
    </main>
  )
}

function CodeForm() {
  const { api, accept } = useSession()
  const [useRecovery, setUseRecovery] = useState(false)
  const [code, setCode] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const body = useRecovery ? { recoveryCode: code.trim() } : { code: code.replace(/\s+/g, '') }
    try {
      accept(await api.send<MeResponse>('POST', '/session/second-factor', body))
    } catch (failure) {
      setError(toApiError(failure))
      setCode('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} className="form">
      {error === null ? null : <ErrorState title="That code did not work" error={error} />}
      <label className="field">
        <span>{useRecovery ? 'Recovery code' : 'Six-digit code from your authenticator app'}</span>
        <input
          name="code"
          autoComplete="one-time-code"
          inputMode={useRecovery ? 'text' : 'numeric'}
          pattern={useRecovery ? undefined : '[0-9 ]{6,7}'}
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </label>
      <button type="submit" className="button button-primary button-wide" disabled={busy}>
        {busy ? 'Checking…' : 'Verify'}
      </button>
      <button type="button" className="link-button" onClick={() => setUseRecovery(!useRecovery)}>
        {useRecovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
      </button>
    </form>
  )
}
