import { type FormEvent, useState } from 'react'
import type {
  MakeGoodItem,
  MakeGoodSuggestionResponse,
  ProposeMakeGoodBody,
} from '../../server/contract/make-goods.js'
import { toApiError } from '../api/api-error.js'
import { formatMoney, humanize } from '../lib/format.js'
import { parseMoneyInput } from '../lib/money-input.js'
import { useApi } from '../lib/session.js'
import {
  flagWords,
  liveFlags,
  MAKE_GOOD_KIND_LABELS,
  type MakeGoodFlagName,
  type MakeGoodKindName,
} from './make-good-rules.js'

const KINDS = Object.keys(MAKE_GOOD_KIND_LABELS) as MakeGoodKindName[]

/** What the form holds while someone writes an offer. */
interface Draft {
  readonly kind: MakeGoodKindName
  readonly value: string
  readonly incidentIds: readonly number[]
  readonly answersRemedy: boolean
  readonly description: string
  readonly reason: string
}

const EMPTY: Draft = {
  kind: 'service_credit',
  value: '',
  incidentIds: [],
  answersRemedy: false,
  description: '',
  reason: '',
}

type SetDraft = (change: Partial<Draft>) => void

const orNull = (text: string) => (text.trim() === '' ? null : text.trim())

/**
 * The body to send, or the one-line problem (naming the field) that stops it; a price concession
 * needs its reason (SPEC §6).
 */
function proposalBody(
  draft: Draft,
  currency: string,
): { body: ProposeMakeGoodBody } | { problem: string } {
  const valueMinor = parseMoneyInput(draft.value, currency)
  if (valueMinor === null || valueMinor <= 0) {
    return { problem: `Value: write an amount above 0 in ${currency}, like 1250 or 1,250.50` }
  }
  if (draft.kind === 'price_concession' && draft.reason.trim().length < 10) {
    return {
      problem: 'Reason: a price concession needs a written reason (10 characters or more)',
    }
  }
  return {
    body: {
      kind: draft.kind,
      valueMinor,
      incidentIds: [...draft.incidentIds],
      answersRemedy: draft.answersRemedy,
      description: orNull(draft.description),
      reason: orNull(draft.reason),
    },
  }
}

/**
 * Puts a make-good forward: kind, value, what it answers and why. The too-small and too-large
 * flags update as the value is typed; a price concession asks for its reason, which the VP reads.
 */
export function MakeGoodForm(props: {
  caseId: number
  advice: MakeGoodSuggestionResponse
  onProposed: (offer: MakeGoodItem) => void
}) {
  const api = useApi()
  const { advice } = props
  const [draft, setDraftState] = useState<Draft>(EMPTY)
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const setDraft: SetDraft = (change) => setDraftState((was) => ({ ...was, ...change }))
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const checked = proposalBody(draft, advice.currency)
    if ('problem' in checked) {
      setMessage({ text: checked.problem, ok: false })
      return
    }
    setBusy(true)
    setMessage(null)
    api
      .send<MakeGoodItem>('POST', `/cases/${props.caseId}/make-goods`, checked.body)
      .then(
        (offer) => {
          setDraftState(EMPTY)
          const what = `${MAKE_GOOD_KIND_LABELS[offer.kind]} of ${formatMoney(offer.valueMinor, offer.currency)}`
          setMessage({ text: `${what} put forward.`, ok: true })
          props.onProposed(offer)
        },
        (failure: unknown) => setMessage({ text: toApiError(failure).message, ok: false }),
      )
      .finally(() => setBusy(false))
  }
  return (
    <form className="form" onSubmit={submit} aria-label="Propose a make-good" noValidate>
      <h3>Propose a make-good</h3>
      <KindAndValue draft={draft} setDraft={setDraft} advice={advice} />
      <AnswersFields draft={draft} setDraft={setDraft} advice={advice} />
      <WhyFields draft={draft} setDraft={setDraft} />
      {message === null ? null : message.ok ? (
        <p className="notice notice-success" role="status">
          {message.text}
        </p>
      ) : (
        <p className="form-error" role="alert">
          {message.text}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Propose
        </button>
      </div>
    </form>
  )
}

// the bound a flag is about, in money, so the warning says how far off the offer is
function flagLine(flag: MakeGoodFlagName, advice: MakeGoodSuggestionResponse): string {
  const money = (minor: number) => formatMoney(minor, advice.currency)
  switch (flag) {
    case 'too_small':
      return `${flagWords(flag)}: below ${money(advice.tooSmallBelowMinor)} (suggested ${money(advice.suggestedMinor)})`
    case 'too_large':
      return `${flagWords(flag)}: above ${money(advice.tooLargeAboveMinor ?? 0)}`
    case 'price_concession':
      return `${flagWords(flag)}. Discouraged: a free upgrade keeps customers longer than a discount.`
  }
}

function KindAndValue(props: {
  draft: Draft
  setDraft: SetDraft
  advice: MakeGoodSuggestionResponse
}) {
  const { draft, advice } = props
  const valueMinor = parseMoneyInput(draft.value, advice.currency)
  const typed = draft.value.trim() !== ''
  const flags = liveFlags(typed ? valueMinor : null, draft.kind, advice)
  return (
    <>
      <div className="form-row">
        <label className="field">
          <span>Kind</span>
          <select
            name="kind"
            value={draft.kind}
            onChange={(event) => props.setDraft({ kind: event.target.value as MakeGoodKindName })}
          >
            {KINDS.map((one) => (
              <option key={one} value={one}>
                {MAKE_GOOD_KIND_LABELS[one]}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-narrow">
          <span>Value ({advice.currency})</span>
          <input
            name="value"
            inputMode="decimal"
            autoComplete="off"
            value={draft.value}
            aria-invalid={typed && valueMinor === null}
            aria-describedby="make-good-flags"
            onChange={(event) => props.setDraft({ value: event.target.value })}
          />
        </label>
      </div>
      <ul id="make-good-flags" className="contract-list" aria-live="polite" aria-label="Flags">
        {flags.map((flag) => (
          <li key={flag} className="form-error" data-flag={flag}>
            {flagLine(flag, advice)}
          </li>
        ))}
      </ul>
    </>
  )
}

function AnswersFields(props: {
  draft: Draft
  setDraft: SetDraft
  advice: MakeGoodSuggestionResponse
}) {
  const { draft, advice } = props
  const toggle = (id: number, on: boolean) =>
    props.setDraft({
      incidentIds: on ? [...draft.incidentIds, id] : draft.incidentIds.filter((one) => one !== id),
    })
  return (
    <fieldset className="field-group">
      <legend>What it answers</legend>
      {advice.incidents.map((incident) => (
        <label key={incident.id} className="check">
          <input
            type="checkbox"
            checked={draft.incidentIds.includes(incident.id)}
            onChange={(event) => toggle(incident.id, event.target.checked)}
          />
          <span>
            {humanize(incident.kind)} on {incident.occurredOn} (
            {formatMoney(incident.costMinor, incident.currency)})
          </span>
        </label>
      ))}
      <label className="check">
        <input
          type="checkbox"
          checked={draft.answersRemedy}
          onChange={(event) => props.setDraft({ answersRemedy: event.target.checked })}
        />
        <span>What they asked for{advice.remedy === null ? '' : `: ${advice.remedy}`}</span>
      </label>
    </fieldset>
  )
}

function WhyFields(props: { draft: Draft; setDraft: SetDraft }) {
  const concession = props.draft.kind === 'price_concession'
  return (
    <>
      <label className="field">
        <span>What we offer (optional)</span>
        <input
          name="description"
          value={props.draft.description}
          maxLength={2000}
          onChange={(event) => props.setDraft({ description: event.target.value })}
        />
      </label>
      <label className="field">
        <span>{concession ? 'Reason (required for a price concession)' : 'Reason (optional)'}</span>
        <textarea
          name="reason"
          rows={2}
          maxLength={2000}
          required={concession}
          value={props.draft.reason}
          onChange={(event) => props.setDraft({ reason: event.target.value })}
        />
      </label>
      {concession ? (
        <p className="muted small">
          Price concessions are discouraged (a free upgrade keeps a won-back customer longest): only
          the VP approves one, with a written reason, and reports flag it.
        </p>
      ) : null}
    </>
  )
}
