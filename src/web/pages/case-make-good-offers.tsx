import { useState } from 'react'
import type {
  DecideMakeGoodBody,
  MakeGoodItem,
  MakeGoodSettingsResponse,
} from '../../server/contract/make-goods.js'
import { toApiError } from '../api/api-error.js'
import { formatDate, formatMoney } from '../lib/format.js'
import { useApi, useMe } from '../lib/session.js'
import { approvalStanding, flagWords, MAKE_GOOD_KIND_LABELS } from './make-good-rules.js'

const STATUS_BADGE: Readonly<Record<MakeGoodItem['status'], string>> = {
  proposed: 'badge badge-open',
  approved: 'badge badge-won',
  rejected: 'badge badge-lost',
}

/** The offers on a case, newest first, each with its status, flags and, while proposed, its decision. */
export function MakeGoodOffers(props: {
  offers: readonly MakeGoodItem[]
  limits: MakeGoodSettingsResponse['limits']
  onDecided: () => void
}) {
  if (props.offers.length === 0) {
    return <p className="muted">No make-good has been put forward yet.</p>
  }
  return (
    <ul className="contact-list" aria-label="Make-good offers">
      {props.offers.map((offer) => (
        <li key={offer.id} data-make-good-id={offer.id}>
          <OfferLine offer={offer} limits={props.limits} onDecided={props.onDecided} />
        </li>
      ))}
    </ul>
  )
}

function OfferLine(props: {
  offer: MakeGoodItem
  limits: MakeGoodSettingsResponse['limits']
  onDecided: () => void
}) {
  const { offer } = props
  const name = `${MAKE_GOOD_KIND_LABELS[offer.kind]} of ${formatMoney(offer.valueMinor, offer.currency)}`
  return (
    <article aria-label={name}>
      <p>
        <span className="strong">{name}</span>{' '}
        <span className={STATUS_BADGE[offer.status]}>{offer.status}</span>
        <span className="muted small"> · proposed {formatDate(offer.proposedAt)}</span>
        {offer.decidedAt === null ? null : (
          <span className="muted small">
            {' '}
            · {offer.status} {formatDate(offer.decidedAt)}
          </span>
        )}
      </p>
      {offer.flags.length === 0 ? null : (
        <p>
          {offer.flags.map((flag) => (
            <span key={flag} className="tag" data-flag={flag}>
              {flagWords(flag)}
            </span>
          ))}
        </p>
      )}
      {offer.description === null ? null : <p>{offer.description}</p>}
      {offer.reason === null ? null : <p className="muted">Why: {offer.reason}</p>}
      {offer.decisionNote === null ? null : (
        <p className="muted">Decision note: {offer.decisionNote}</p>
      )}
      {offer.status === 'proposed' ? (
        <Decision offer={offer} limits={props.limits} onDecided={props.onDecided} />
      ) : null}
    </article>
  )
}

/**
 * Approve and decline, shown only to those whose limit covers the offer; others see whom it
 * needs. The server decides: its refusal is shown in one line.
 */
function Decision(props: {
  offer: MakeGoodItem
  limits: MakeGoodSettingsResponse['limits']
  onDecided: () => void
}) {
  const api = useApi()
  const me = useMe()
  const { offer } = props
  const [reason, setReason] = useState('')
  const [refusal, setRefusal] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const standing = approvalStanding(me.user.role, offer, props.limits)
  if (standing.kind === 'none') {
    return <p className="muted small">Awaiting approval.</p>
  }
  if (standing.kind === 'needs') {
    return <p className="strong">Needs {standing.who}</p>
  }
  const concession = offer.kind === 'price_concession'
  const decide = (decision: DecideMakeGoodBody['decision']) => {
    // SPEC §6: a price concession only with the VP's approval and a reason; the VP writes it here
    if (decision === 'approve' && concession && reason.trim().length < 10) {
      setRefusal('Approving a price concession needs your written reason (10 characters or more).')
      return
    }
    const body: DecideMakeGoodBody = {
      decision,
      reason: reason.trim() === '' ? null : reason.trim(),
    }
    setBusy(true)
    setRefusal(null)
    api
      .send('PATCH', `/make-goods/${offer.id}`, body, { ifMatch: `"${offer.version}"` })
      .then(props.onDecided, (failure: unknown) => setRefusal(toApiError(failure).message))
      .finally(() => setBusy(false))
  }
  return (
    <div className="inline-form">
      <label className="field field-grow">
        <span>
          {concession ? 'Your written reason (required to approve)' : 'Your note (optional)'}
        </span>
        <input
          name={`decision-reason-${offer.id}`}
          value={reason}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <button
        type="button"
        className="button button-primary"
        disabled={busy}
        onClick={() => decide('approve')}
      >
        Approve
      </button>
      <button
        type="button"
        className="button button-secondary"
        disabled={busy}
        onClick={() => decide('reject')}
      >
        Decline
      </button>
      {refusal === null ? null : (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
    </div>
  )
}
