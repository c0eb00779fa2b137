import type { TimelineTouchResponse } from '../api/shadow-types.js'
import { Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatDate, humanize } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

/**
 * The customer's timeline (issue 6 item 7): every touch — email, letter, call, meeting, gift —
 * newest first; the shadow portfolio's value-adding touches say what value they carried and
 * whether the email went out.
 */
export function CustomerTimelinePanel(props: { customerId: string }) {
  const api = useApi()
  const timeline = useApiQuery(`customer-timeline:${props.customerId}`, (signal) =>
    api.get<{ items: TimelineTouchResponse[] }>(
      `/customers/${encodeURIComponent(props.customerId)}/timeline`,
      { signal },
    ),
  )
  return (
    <Panel title="Timeline" id="timeline">
      {timeline.data === undefined && timeline.loading ? (
        <LoadingState label="Loading the timeline…" />
      ) : null}
      {timeline.error === undefined ? null : (
        <ErrorState error={timeline.error} onRetry={timeline.reload} />
      )}
      {timeline.data === undefined ? null : timeline.data.items.length === 0 ? (
        <EmptyState title="No touches yet" />
      ) : (
        <ol className="timeline" aria-label="Touches, newest first">
          {timeline.data.items.map((touch) => (
            <TimelineEntry key={touch.id} touch={touch} />
          ))}
        </ol>
      )}
    </Panel>
  )
}

function TimelineEntry(props: { touch: TimelineTouchResponse }) {
  const { touch } = props
  return (
    <li className="timeline-entry" data-testid="timeline-touch">
      <time dateTime={touch.at}>{formatDate(touch.at)}</time>{' '}
      <strong>{humanize(touch.channel)}</strong>
      {' · '}
      <span>{humanize(touch.kind)}</span>
      {touch.shadow ? <span className="badge"> shadow portfolio</span> : null}
      {touch.deliveryStatus === null ? null : (
        <span className="muted small"> ({humanize(touch.deliveryStatus)})</span>
      )}
      {touch.note === null ? null : <div className="muted small wrap">{touch.note}</div>}
    </li>
  )
}
