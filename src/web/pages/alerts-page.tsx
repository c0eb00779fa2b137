import { type ReactNode, useState } from 'react'
import { toApiError } from '../api/api-error.js'
import type { AlertItem, AlertListResponse } from '../api/keep-types.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatDate, humanize } from '../lib/format.js'
import { Link } from '../lib/router.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

/**
 * Seal the deal (SPEC §9): what the keep watch raised about won-back customers — a watched reason
 * back, a P(alive) slip, a re-lapse — in words, newest first, each acknowledged once.
 */
export function AlertsPage() {
  const api = useApi()
  const [showAll, setShowAll] = useState(false)
  const alerts = useApiQuery(`alerts:${showAll}`, (signal) =>
    api.get<AlertListResponse>('/alerts', { query: { open: showAll ? undefined : true }, signal }),
  )
  let body: ReactNode
  if (alerts.data === undefined) {
    body =
      alerts.error === undefined ? (
        <LoadingState label="Loading alerts…" />
      ) : (
        <ErrorState error={alerts.error} onRetry={alerts.reload} />
      )
  } else if (alerts.data.items.length === 0) {
    body = (
      <EmptyState title={showAll ? 'No alerts yet' : 'No open alerts'}>
        Won-back customers are watched for a year: a reason they left coming back, or a slipping
        P(alive), shows here.
      </EmptyState>
    )
  } else {
    body = <AlertList items={alerts.data.items} onChange={alerts.reload} />
  }
  return (
    <>
      <PageHeader
        title="Alerts"
        lead="Won-back customers who need you now, before they are lost a second time."
        actions={
          <label>
            <input
              type="checkbox"
              checked={showAll}
              onChange={(event) => setShowAll(event.currentTarget.checked)}
            />{' '}
            Show acknowledged
          </label>
        }
      />
      <Panel title="Alerts" id="alerts">
        {body}
      </Panel>
    </>
  )
}

function AlertList(props: { items: readonly AlertItem[]; onChange: () => void }) {
  const api = useApi()
  const [problem, setProblem] = useState('')
  const acknowledge = (alert: AlertItem) =>
    api
      .send<AlertItem>('POST', `/alerts/${alert.id}/acknowledge`, {})
      .then(props.onChange, (failure: unknown) => setProblem(toApiError(failure).message))
  return (
    <>
      {problem === '' ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <ul className="contact-list" aria-label="Alerts">
        {props.items.map((alert) => (
          <li key={alert.id} data-alert-kind={alert.kind}>
            <span className="strong">{humanize(alert.kind)}</span>
            <span className="muted small">
              {' '}
              ·{' '}
              <Link to={`/customers/${encodeURIComponent(alert.customerId)}`}>
                {alert.customerName ?? alert.customerId}
              </Link>{' '}
              · raised {formatDate(alert.createdAt.slice(0, 10))}
            </span>
            <p className="alert-message">{alert.message}</p>
            {alert.acknowledgedAt === null ? (
              <button
                type="button"
                className="button button-secondary small"
                onClick={() => acknowledge(alert)}
              >
                Acknowledge
              </button>
            ) : (
              <span className="muted small">
                Acknowledged {formatDate(alert.acknowledgedAt.slice(0, 10))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  )
}
