import type { ReactNode } from 'react'
import type {
  MakeGoodListResponse,
  MakeGoodSettingsResponse,
  MakeGoodSuggestionResponse,
} from '../../server/contract/make-goods.js'
import type { CaseDetailResponse } from '../api/contract-types.js'
import { Panel } from '../components/page-header.js'
import { ErrorState, LoadingState } from '../components/states.js'
import { formatDate, formatMoney, formatPercent, humanize } from '../lib/format.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { MakeGoodForm } from './case-make-good-form.js'
import { MakeGoodOffers } from './case-make-good-offers.js'

/**
 * A case's make-good (SPEC §6): the damage it answers, the size Comeback suggests and the rule
 * behind it, a form to put an offer forward, and the offers with their approval.
 */
export function CaseMakeGood(props: {
  detail: CaseDetailResponse
  /** the case as it stands after an offer was put forward or decided (its timeline grew) */
  onCaseChanged?: (detail: CaseDetailResponse) => void
}) {
  const api = useApi()
  const me = useMe()
  const caseId = props.detail.id
  const advice = useApiQuery(`make-good-suggestion:${caseId}:${props.detail.version}`, (signal) =>
    api.get<MakeGoodSuggestionResponse>(`/cases/${caseId}/make-good-suggestion`, { signal }),
  )
  const offers = useApiQuery(`make-goods:${caseId}`, (signal) =>
    api.get<MakeGoodListResponse>(`/cases/${caseId}/make-goods`, { signal }),
  )
  const settings = useApiQuery('make-good-settings', (signal) =>
    api.get<MakeGoodSettingsResponse>('/settings/make-goods', { signal }),
  )
  const changed = () => {
    offers.reload()
    api.get<CaseDetailResponse>(`/cases/${caseId}`).then(
      (fresh) => props.onCaseChanged?.(fresh),
      // the offers list shows the change; a timeline a moment behind is no error
      () => undefined,
    )
  }
  const failed = advice.error ?? settings.error
  let body: ReactNode
  if (advice.data === undefined || settings.data === undefined) {
    body =
      failed === undefined ? (
        <LoadingState label="Loading the make-good…" />
      ) : (
        <ErrorState error={failed} title="The make-good could not be loaded" />
      )
  } else {
    // analysts read cases but do not work them (SPEC access policy)
    const proposes = me.user.role !== 'analyst'
    body = (
      <>
        <div className="grid-2">
          <DamageAnswered advice={advice.data} />
          <SuggestedSize advice={advice.data} settings={settings.data} />
        </div>
        {proposes ? (
          <MakeGoodForm caseId={caseId} advice={advice.data} onProposed={changed} />
        ) : null}
        <h3>Offers</h3>
        {offers.data === undefined ? (
          offers.error === undefined ? (
            <LoadingState label="Loading the offers…" />
          ) : (
            <ErrorState error={offers.error} onRetry={offers.reload} />
          )
        ) : (
          <MakeGoodOffers
            offers={offers.data.items}
            limits={settings.data.limits}
            onDecided={changed}
          />
        )}
      </>
    )
  }
  return (
    <Panel title="Make-good" id="case-make-good">
      {body}
    </Panel>
  )
}

/** The damage an offer answers: the customer's incidents, their own cost and what they asked for. */
function DamageAnswered(props: { advice: MakeGoodSuggestionResponse }) {
  const { advice } = props
  return (
    <section aria-labelledby="make-good-damage-title">
      <h3 id="make-good-damage-title">The damage it answers</h3>
      {advice.incidents.length === 0 ? (
        <p className="muted">No incidents are recorded for this customer.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">The customer’s incidents and their cost</caption>
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col">On</th>
                <th scope="col">Cost to them</th>
              </tr>
            </thead>
            <tbody>
              {advice.incidents.map((incident) => (
                <tr key={incident.id}>
                  <td>
                    {humanize(incident.kind)}
                    {incident.description === null ? null : (
                      <span className="muted small"> · {incident.description}</span>
                    )}
                  </td>
                  <td className="nowrap">{formatDate(incident.occurredOn)}</td>
                  <td className="nowrap">{formatMoney(incident.costMinor, incident.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="answer-list">
        <dt>What they said it cost them</dt>
        <dd>
          {advice.findingCostMinor === null
            ? 'Not recorded'
            : formatMoney(advice.findingCostMinor, advice.currency)}
        </dd>
        <dt>What they asked for</dt>
        <dd>{advice.remedy ?? 'Not recorded'}</dd>
        <dt>Damage in all</dt>
        <dd>{formatMoney(advice.damageMinor, advice.currency)}</dd>
        <dt>Worth back (12 months)</dt>
        <dd>{formatMoney(advice.valueIfWonBackMinor, advice.currency)}</dd>
      </dl>
    </section>
  )
}

/** The suggested size, the rule in words and the settings behind it (an admin changes them). */
function SuggestedSize(props: {
  advice: MakeGoodSuggestionResponse
  settings: MakeGoodSettingsResponse
}) {
  const { advice, settings } = props
  const money = (minor: number | null) =>
    minor === null ? 'no limit' : formatMoney(minor, advice.currency)
  return (
    <section aria-labelledby="make-good-size-title">
      <h3 id="make-good-size-title">Suggested size</h3>
      <p className="figure-value" data-testid="make-good-suggested">
        {formatMoney(advice.suggestedMinor, advice.currency)}
      </p>
      <p className="explanation">{advice.explanation}</p>
      <dl className="answer-list small">
        <dt>The rule now</dt>
        <dd>
          {formatPercent(settings.sizing.damageShare, 1)} of the damage +{' '}
          {formatPercent(settings.sizing.valueShare, 1)} of the worth back; too small below{' '}
          {formatPercent(settings.sizing.tooSmallShare)} of that ({money(advice.tooSmallBelowMinor)}
          ); too large above {settings.sizing.tooLargeYears} year(s) of their business (
          {money(advice.tooLargeAboveMinor)})
        </dd>
        <dt>Approval limits</dt>
        <dd>
          rep {money(settings.limits.rep)} · manager {money(settings.limits.manager)} · VP{' '}
          {money(settings.limits.vp)}; a price concession needs the VP and a written reason
        </dd>
      </dl>
    </section>
  )
}
