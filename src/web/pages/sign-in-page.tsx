import { type FormEvent, useState } from 'react'
import type { ApiError } from '../api/api-error.js'
import { toApiError } from '../api/api-error.js'
import type { MeResponse } from '../api/contract-types.js'
import { ErrorState } from '../components/states.js'
import { useSession } from '../lib/session.js'

/** The sign-in form: email and password; a second factor, if owed, comes next. */
export function SignInPage(props: { notice: string | null }) {
  const { api, accept } = useSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      accept(await api.send<MeResponse>('POST', '/session', { email: email.trim(), password }))
    } catch (failure) {
      setError(toApiError(failure))
      setPassword('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="brand-mark auth-brand">
          <span className="brand-logo" aria-hidden="true">
            ↺
          </span>
          Comeback
        </p>
        <h1 id="page-title">Sign in</h1>
        <p className="muted">Win back the customers and deals you lost.</p>
        {props.notice === null ? null : (
          <p className="notice" role="status">
            {props.notice}
          </p>
        )}
        {error === null ? null : (
          <ErrorState
            title={error.status === 401 ? 'That did not work' : 'Could not sign in'}
            error={error}
          />
        )}
        <form onSubmit={submit} className="form" aria-labelledby="page-title">
          <label className="field">
            <span>Email</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          <button type="submit" className="button button-primary button-wide" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  )
}
