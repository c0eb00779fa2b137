import type { KeepPlanResponse } from '../api/keep-types.js'
import { Panel } from '../components/page-header.js'
import { formatDate, formatPercent, humanize } from '../lib/format.js'
import { Link } from '../lib/router.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

/**
 * A won-back customer's keep-plan (SPEC §9) on their page: thanks and check-ins, the reasons
 * watched until when, P(alive) at the win, and their alerts. Nothing shows for a customer never
 * won back.
 */
export function KeepPlanPanel(props: { customerId: string }) {
  const api = useApi()
  const keep = useApiQuery(`keep-plan:${props.customerId}`, (signal) =>
    api.get<KeepPlanResponse>(`/customers/${encodeURIComponent(props.customerId)}/keep-plan`, {
      signal,
    }),
  )
  const data = keep.data
  if (data === undefined || (data.plans.length === 0 && data.alerts.length === 0)) {
    return null
  }
  return (
    <Panel title="Keep-plan" id="keep-plan">
      {data.plans.map((plan) => (
        <div key={plan.caseId}>
          <p>
            Won back on {formatDate(plan.wonOn)} (<Link to={`/cases/${plan.caseId}`}>case</Link>
            ); watched until {formatDate(plan.watchUntil)} for{' '}
            {plan.watchedReasons.length === 0
              ? 'a slipping P(alive)'
              : `${plan.watchedReasons.map(humanize).join(', ')} and a slipping P(alive)`}
            {plan.baselineProbabilityAlive === null
              ? ''
              : ` (P(alive) at the win: ${formatPercent(plan.baselineProbabilityAlive)})`}
            .
          </p>
          <ul className="contact-list" aria-label={`Keep-plan tasks of case ${plan.caseId}`}>
            {plan.tasks.map((task) => (
              <li key={task.id}>
                {task.title} · due {formatDate(task.dueOn)}
                {task.done ? ' · done' : ''}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {data.alerts.length === 0 ? null : (
        <ul className="contact-list" aria-label="Keep alerts">
          {data.alerts.map((alert) => (
            <li key={alert.id}>
              <span className="strong">{humanize(alert.kind)}</span> · {alert.message}
              {alert.acknowledgedAt === null ? '' : ' · acknowledged'}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  )
}
