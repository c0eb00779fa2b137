import { type FormEvent, useState } from 'react'
import type {
  ChangeMakeGoodSettingsBody,
  MakeGoodSettingsResponse,
} from '../../server/contract/make-goods.js'
import { toApiError } from '../api/api-error.js'
import { ErrorState, LoadingState } from '../components/states.js'
import { moneyInputText, parseMoneyInput } from '../lib/money-input.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { useCompanyCurrency } from './case-move.js'

const ROLES = [
  ['rep', 'Rep'],
  ['manager', 'Manager'],
  ['vp', 'VP'],
] as const
const SHARES = [
  ['damageShare', 'Share of the damage (%)'],
  ['valueShare', 'Share of the worth back (%)'],
  ['tooSmallShare', 'Too small below this share of the suggestion (%)'],
] as const

type Texts = Readonly<Record<string, string>>

/**
 * The body of a change from what the admin typed, or the first problem naming its field: limits
 * are amounts (empty = no limit), shares percentages, the too-large bound years.
 */
function makeGoodSettingsBody(
  texts: Texts,
  currency: string,
): { body: ChangeMakeGoodSettingsBody } | { problem: string } {
  const limits: Record<string, number | null> = {}
  for (const [role, label] of ROLES) {
    const text = texts[role] ?? ''
    const amount = text.trim() === '' ? null : parseMoneyInput(text, currency)
    if (text.trim() !== '' && amount === null) {
      return { problem: `${label} limit: an amount ≥ 0 in ${currency}, or empty for no limit` }
    }
    limits[role] = amount
  }
  const sizing: Record<string, number> = {}
  for (const [name, label] of SHARES) {
    const percent = Number(texts[name])
    if ((texts[name] ?? '').trim() === '' || !Number.isFinite(percent) || percent < 0) {
      return { problem: `${label}: a percentage ≥ 0` }
    }
    sizing[name] = percent / 100
  }
  const years = Number(texts['tooLargeYears'])
  if (!Number.isFinite(years) || years <= 0) {
    return { problem: 'Too large above (years of their business): a number above 0' }
  }
  return { body: { limits, sizing: { ...sizing, tooLargeYears: years } } }
}

function textsOf(settings: MakeGoodSettingsResponse, currency: string): Texts {
  const limit = (minor: number | null) => (minor === null ? '' : moneyInputText(minor, currency))
  const percent = (share: number) => String(Math.round(share * 100_000) / 1000)
  return {
    rep: limit(settings.limits.rep),
    manager: limit(settings.limits.manager),
    vp: limit(settings.limits.vp),
    damageShare: percent(settings.sizing.damageShare),
    valueShare: percent(settings.sizing.valueShare),
    tooSmallShare: percent(settings.sizing.tooSmallShare),
    tooLargeYears: String(settings.sizing.tooLargeYears),
  }
}

/** Approval limits by role and the make-good sizing rule; admins change them (SPEC §6). */
export function MakeGoodSettings(props: { canEdit: boolean }) {
  const api = useApi()
  const currency = useCompanyCurrency()
  const query = useApiQuery('make-good-settings', (signal) =>
    api.get<MakeGoodSettingsResponse>('/settings/make-goods', { signal }),
  )
  if (query.data === undefined) {
    return query.error === undefined ? (
      <LoadingState label="Loading the make-good settings…" />
    ) : (
      <ErrorState error={query.error} onRetry={query.reload} />
    )
  }
  return (
    <MakeGoodSettingsForm
      key={`${query.data.version}:${currency}`}
      settings={query.data}
      currency={currency}
      canEdit={props.canEdit}
      onSaved={query.reload}
    />
  )
}

function MakeGoodSettingsForm(props: {
  settings: MakeGoodSettingsResponse
  currency: string
  canEdit: boolean
  onSaved: () => void
}) {
  const api = useApi()
  const [texts, setTexts] = useState<Texts>(() => textsOf(props.settings, props.currency))
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const checked = makeGoodSettingsBody(texts, props.currency)
    if ('problem' in checked) {
      setMessage({ text: checked.problem, ok: false })
      return
    }
    api
      .send('PATCH', '/settings/make-goods', checked.body, {
        ifMatch: `"${props.settings.version}"`,
      })
      .then(
        () => {
          setMessage({ text: 'The make-good settings were saved.', ok: true })
          props.onSaved()
        },
        (failure: unknown) => setMessage({ text: toApiError(failure).message, ok: false }),
      )
  }
  const field = (name: string, label: string, hint?: string) => (
    <label className="field field-narrow" key={name}>
      <span>{label}</span>
      <input
        name={name}
        inputMode="decimal"
        disabled={!props.canEdit}
        value={texts[name] ?? ''}
        placeholder={hint}
        onChange={(event) => setTexts({ ...texts, [name]: event.target.value })}
      />
    </label>
  )
  return (
    <form className="form" onSubmit={submit} aria-label="Make-good settings" noValidate>
      <fieldset className="field-group">
        <legend>Approval limits ({props.currency}; empty = no limit)</legend>
        {ROLES.map(([role, label]) => field(role, `${label} limit`, 'no limit'))}
      </fieldset>
      <fieldset className="field-group">
        <legend>Suggested size = share of the damage + share of the worth back</legend>
        {SHARES.map(([name, label]) => field(name, label))}
        {field('tooLargeYears', 'Too large above (years of their business)')}
      </fieldset>
      <SettingsMessage message={message} />
      {props.canEdit ? (
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Save the make-good settings
          </button>
        </div>
      ) : null}
    </form>
  )
}

/** A save's outcome in one line: saved, or the problem or refusal. */
export function SettingsMessage(props: { message: { text: string; ok: boolean } | null }) {
  if (props.message === null) {
    return null
  }
  return props.message.ok ? (
    <p className="notice notice-success" role="status">
      {props.message.text}
    </p>
  ) : (
    <p className="form-error" role="alert">
      {props.message.text}
    </p>
  )
}
