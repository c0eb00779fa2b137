import { useState } from 'react'
import type {
  FixItem,
  FixListResponse,
  ReasonFixedItem,
  ReasonFixedResponse,
  RecordFixResponse,
} from '../api/contract-types.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount, formatDate, humanize } from '../lib/format.js'
import { Link, navigate, useLocation } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { RecordFixForm } from './fixes-form.js'

const RECORDERS = new Set(['admin', 'vp', 'manager', 'analyst'])

/** A fix's scope in words. */
export function scopeWords(scope: FixItem['scope']): string {
  if (scope === null) {
    return 'Everywhere'
  }
  return scope.kind === 'rep'
    ? `Accounts rep #${scope.value} lost`
    : `${humanize(scope.kind)}: ${scope.value}`
}

/** A resurfaced customer or deal in words, the same way everywhere (tests compare these). */
export function resurfacedName(
  item: Pick<ReasonFixedItem, 'customerName' | 'customerId' | 'subjectKind' | 'dealId'>,
): string {
  const name = item.customerName ?? item.customerId
  return item.subjectKind === 'deal' ? `${name} · lost deal #${item.dealId ?? ''}` : name
}

/** Fixes: the list, a form to record one, and what a fix resurfaced. */
export function FixesPage() {
  const api = useApi()
  const me = useMe()
  const { search } = useLocation()
  const shown = search.get('fix') ?? ''
  const fixes = useApiQuery('fixes', (signal) => api.get<FixListResponse>('/fixes', { signal }))
  const [recorded, setRecorded] = useState<RecordFixResponse | null>(null)
  const onRecorded = (result: RecordFixResponse) => {
    setRecorded(result)
    fixes.reload()
    navigate(`/fixes?fix=${result.fix.id}`, { replace: true })
  }
  return (
    <>
      <PageHeader
        title="Fixes"
        lead="A fix removes a reason customers left. Recording one brings back everyone lost for it."
      />
      {RECORDERS.has(me.user.role) ? (
        <Panel title="Record a fix" id="fix-record">
          <RecordFixForm onRecorded={onRecorded} />
        </Panel>
      ) : null}
      {shown === '' ? null : (
        <Resurfaced
          key={shown}
          fixId={shown}
          recorded={recorded?.fix.id === Number(shown) ? recorded : null}
        />
      )}
      <Panel title="Recorded fixes" id="fix-list">
        <FixList fixes={fixes} />
      </Panel>
    </>
  )
}

function FixList(props: { fixes: ReturnType<typeof useApiQuery<FixListResponse>> }) {
  const { fixes } = props
  if (fixes.data === undefined && fixes.loading) {
    return <LoadingState label="Loading the fixes…" />
  }
  if (fixes.error !== undefined) {
    return <ErrorState error={fixes.error} onRetry={fixes.reload} />
  }
  if (fixes.data === undefined || fixes.data.items.length === 0) {
    return <EmptyState title="No fixes recorded yet" />
  }
  return (
    <div className="table-wrap">
      <table className="table fixes-table">
        <caption className="visually-hidden">Every recorded fix, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Scope</th>
            <th scope="col">Fixed on</th>
            <th scope="col">What changed</th>
            <th scope="col">Resurfaced</th>
          </tr>
        </thead>
        <tbody>
          {fixes.data.items.map((fix) => (
            <tr key={fix.id}>
              <td>{humanize(fix.liveReasonCode)}</td>
              <td>{scopeWords(fix.scope)}</td>
              <td>{formatDate(fix.fixedOn)}</td>
              <td className="wrap">{fix.note}</td>
              <td>
                <Link to={`/fixes?fix=${fix.id}`}>Show what fix #{fix.id} resurfaced</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The customers and deals a fix brought back, with their "tell them what changed" tasks. */
function Resurfaced(props: { fixId: string; recorded: RecordFixResponse | null }) {
  const api = useApi()
  const list = useApiQuery(`reason-fixed:${props.fixId}`, (signal) =>
    api.get<ReasonFixedResponse>('/reason-fixed', {
      query: { trigger: `fix:${props.fixId}` },
      signal,
    }),
  )
  const count = props.recorded?.resurfaced.length ?? list.data?.items.length
  return (
    <Panel
      title={`Resurfaced by fix #${props.fixId}`}
      id="fix-resurfaced"
      aside={
        count === undefined ? undefined : (
          <span role="status">{formatCount(count)} brought back</span>
        )
      }
    >
      {list.data === undefined && list.loading ? (
        <LoadingState label="Loading what it resurfaced…" />
      ) : null}
      {list.error === undefined ? null : <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data === undefined ? null : list.data.items.length === 0 ? (
        <EmptyState title="Nothing was lost for this reason in this scope before that date" />
      ) : (
        <ul
          className="contact-list resurfaced-list"
          aria-label={`Resurfaced by fix #${props.fixId}`}
        >
          {list.data.items.map((item) => (
            <li key={item.subjectKey} data-subject={item.subjectKey}>
              <Link to={`/customers/${encodeURIComponent(item.customerId)}`}>
                {resurfacedName(item)}
              </Link>
              <span className="muted small">
                {' '}
                ·{' '}
                {item.taskId === null
                  ? 'no task'
                  : item.taskDone
                    ? 'told'
                    : 'task: tell them what changed'}
                {item.caseId === null ? '' : ` · case #${item.caseId}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  )
}
