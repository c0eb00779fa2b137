import { useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type {
  CampaignItem,
  OutboxListResponse,
  OutboxMessageItem,
  SendNowResponse,
} from '../api/outreach-types.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount, formatDate, humanize } from '../lib/format.js'
import { navigate, pathWithQuery, useLocation } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { CAMPAIGN_WRITERS } from './campaign-page.js'

const STATUSES = ['queued', 'sending', 'sent', 'failed', 'unknown', 'suppressed'] as const

/** What each status means for the person reading the outbox. */
export const STATUS_MEANING: Readonly<Record<string, string>> = {
  queued: 'waiting to be sent',
  sending: 'handed to the mail server just now',
  sent: 'the mail server took it',
  failed: 'refused; it will not be tried again',
  unknown:
    'the sender stopped while handing it over, so it may or may not have arrived; it is never re-sent automatically — check with the recipient before writing again',
  suppressed: 'stopped at send time: the address is on the suppression list',
}

/** The outbox: messages by status and campaign, what "unknown" means, and "send queued now". */
export function OutboxPage() {
  const api = useApi()
  const me = useMe()
  const { search } = useLocation()
  const status = search.get('status') ?? ''
  const campaignId = search.get('campaignId') ?? ''
  const [round, setRound] = useState(0)
  const outbox = useApiQuery(`outbox:${status}:${campaignId}:${round}`, (signal) =>
    api.get<OutboxListResponse>('/outbox', { query: { status, campaignId, limit: 200 }, signal }),
  )
  const campaigns = useApiQuery('outbox-campaigns', (signal) =>
    api.get<{ items: CampaignItem[] }>('/campaigns', { signal }),
  )
  const go = (query: Record<string, string>) =>
    navigate(pathWithQuery('/outbox', { status, campaignId, ...query }), { replace: true })
  return (
    <>
      <PageHeader
        title="Outbox"
        lead="Every email Comeback queued: queued → sending → sent, failed or unknown. Suppression is checked again at send time."
        actions={
          CAMPAIGN_WRITERS.has(me.user.role) ? (
            <SendNowButton onSent={() => setRound((count) => count + 1)} />
          ) : undefined
        }
      />
      <form className="filters" aria-label="Filter the outbox" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Status</span>
          <select name="status" value={status} onChange={(e) => go({ status: e.target.value })}>
            <option value="">Any status</option>
            {STATUSES.map((name) => (
              <option key={name} value={name}>
                {humanize(name)}
                {outbox.data?.counts?.[name] === undefined ? '' : ` (${outbox.data.counts[name]})`}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Campaign</span>
          <select
            name="campaignId"
            value={campaignId}
            onChange={(e) => go({ campaignId: e.target.value })}
          >
            <option value="">Any campaign or none</option>
            {(campaigns.data?.items ?? []).map((campaign) => (
              <option key={campaign.id} value={String(campaign.id)}>
                {campaign.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {status === 'unknown' || (outbox.data?.counts?.['unknown'] ?? 0) > 0 ? (
        <p className="notice" data-testid="unknown-explained">
          <strong>Unknown</strong>: {STATUS_MEANING['unknown']}.
        </p>
      ) : null}
      <Panel title="Messages" id="outbox-list">
        {outbox.data === undefined && outbox.loading ? (
          <LoadingState label="Loading the outbox…" />
        ) : null}
        {outbox.error === undefined ? null : (
          <ErrorState error={outbox.error} onRetry={outbox.reload} />
        )}
        {outbox.data === undefined ? null : outbox.data.items.length === 0 ? (
          <EmptyState title="No messages match" />
        ) : (
          <OutboxTable items={outbox.data.items} />
        )}
      </Panel>
    </>
  )
}

function OutboxTable(props: { items: readonly OutboxMessageItem[] }) {
  return (
    <div className="table-wrap">
      <table className="table outbox-table">
        <caption className="visually-hidden">Outbox messages, newest first</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Status</th>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
            <th scope="col">Queued</th>
            <th scope="col">Finished</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={item.id} data-status={item.status}>
              <td>{item.id}</td>
              <td title={STATUS_MEANING[item.status]}>{humanize(item.status)}</td>
              <td>{item.to}</td>
              <td className="wrap">{item.subject ?? '–'}</td>
              <td>{formatDate(item.queuedAt)}</td>
              <td>{formatDate(item.finishedAt)}</td>
              <td className="wrap">
                {item.error ?? (item.status === 'unknown' ? 'not re-sent' : '')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function SendNowButton(props: { onSent: () => void }) {
  const api = useApi()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<SendNowResponse | null>(null)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const send = () => {
    setBusy(true)
    api.send<SendNowResponse>('POST', '/outbox/send').then(
      (answer) => {
        setBusy(false)
        setResult(answer)
        setError(undefined)
        props.onSent()
      },
      (failure: unknown) => {
        setBusy(false)
        setError(toApiError(failure))
      },
    )
  }
  return (
    <div className="send-now">
      <button type="button" className="button button-primary" disabled={busy} onClick={send}>
        {busy ? 'Sending…' : 'Send queued now'}
      </button>
      {result === null ? null : (
        <p role="status" className="small">
          Sent {formatCount(result.sent)} · failed {formatCount(result.failed)} · suppressed{' '}
          {formatCount(result.suppressed)} · unknown{' '}
          {formatCount(result.unknown + result.recovered)}
        </p>
      )}
      {error === undefined ? null : <ErrorState error={error} title="Nothing was sent" />}
    </div>
  )
}
