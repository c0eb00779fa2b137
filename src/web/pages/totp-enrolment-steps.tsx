import { type FormEvent, useState } from 'react'
import type { ApiError } from '../api/api-error.js'
import { toApiError } from '../api/api-error.js'
import type { MeResponse, TotpEnrolment } from '../api/contract-types.js'
import { ErrorState } from '../components/states.js'
import { useSession } from '../lib/session.js'

type Step =
  | { readonly kind: 'start' }
  | { readonly kind: 'confirm'; readonly enrolment: TotpEnrolment }
  | { readonly kind: 'codes'; readonly me: MeResponse; readonly recoveryCodes: readonly string[] }

/** Groups a base32 secret in fours so people can type it. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim()
}

/** Setting up an authenticator app: a new secret, a first code, then the recovery codes once. */
export function TotpEnrolmentSteps(props: { me: MeResponse }) {
  const { api, accept } = useSession()
  const [step, setStep] = useState<Step>({ kind: 'start' })
  const [error, setError] = useState<ApiError | null>(null)
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)

  async function run(action: () => Promise<void>) {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (failure) {
      setError(toApiError(failure))
    } finally {
      setBusy(false)
    }
  }

  const start = () =>
    run(async () =>
      setStep({ kind: 'confirm', enrolment: await api.send<TotpEnrolment>('POST', '/me/totp') }),
    )

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    return run(async () => {
      const answer = await api.send<MeResponse & { recoveryCodes: string[] }>(
        'POST',
        '/me/totp/confirm',
        {
          code: code.replace(/\s+/g, ''),
        },
      )
      const { recoveryCodes, ...me } = answer
      api.setCsrfToken(me.csrfToken)
      setStep({ kind: 'codes', me, recoveryCodes })
    })
  }

  return (
    <div className="enrolment">
      {error === null ? null : <ErrorState error={error} />}
      {step.kind === 'start' ? (
        <>
          <p>
            {props.me.secondFactor.required
              ? 'Your role needs a second factor. Set up an authenticator app (such as 1Password, Google Authenticator or Aegis) to continue.'
              : 'Add an authenticator app to protect your account.'}
          </p>
          <button
            type="button"
            className="button button-primary button-wide"
            disabled={busy}
            onClick={() => void start()}
          >
            Set up authenticator app
          </button>
        </>
      ) : null}
      {step.kind === 'confirm' ? (
        <form onSubmit={confirm} className="form">
          <p>Add this key to your authenticator app, then type the code it shows.</p>
          <p className="secret">
            <span className="visually-hidden">Secret key: </span>
            <code>{groupSecret(step.enrolment.secretBase32)}</code>
          </p>
          <label className="field">
            <span>Setup link (for apps that take one)</span>
            <input
              readOnly
              value={step.enrolment.otpauthUri}
              onFocus={(event) => event.target.select()}
            />
          </label>
          <label className="field">
            <span>Six-digit code</span>
            <input
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </label>
          <button type="submit" className="button button-primary button-wide" disabled={busy}>
            Confirm
          </button>
        </form>
      ) : null}
      {step.kind === 'codes' ? (
        <div>
          <p>
            <strong>Save these recovery codes now.</strong> Each works once if you lose your phone;
            they will not be shown again.
          </p>
          <ul className="recovery-codes" aria-label="Recovery codes">
            {step.recoveryCodes.map((recoveryCode) => (
              <li key={recoveryCode}>
                <code>{recoveryCode}</code>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button-primary button-wide"
            onClick={() => accept(step.me)}
          >
            I have saved them, continue
          </button>
        </div>
      ) : null}
    </div>
  )
}
