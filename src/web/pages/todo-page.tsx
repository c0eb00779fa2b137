import { useState } from 'react'
import { toApiError } from '../api/api-error.js'
import type {
  CaseSummaryItem,
  CompleteTaskResponse,
  OverdueStepsResponse,
  ReasonFixedResponse,
  TaskItem,
  TaskListResponse,
} from '../api/contract-types.js'
import { caseSubject } from '../components/case-card.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatDate, humanize } from '../lib/format.js'
import { Link } from '../lib/router.js'
import { useApi } from '../lib/session.js'
import { type QueryState, useApiQuery } from '../lib/use-api-query.js'
import { etagOf } from './case-move.js'
import { resurfacedName } from './fixes-page.js'

/** What needs doing: my tasks, overdue case steps (mine and my team's), and the reason-now-fixed list. */
export function TodoPage() {
  const api = useApi()
  const tasks = useApiQuery('tasks', (signal) =>
    api.get<TaskListResponse>('/tasks', { query: { open: true, mine: true }, signal }),
  )
  const overdue = useApiQuery('overdue', (signal) =>
    api.get<OverdueStepsResponse>('/cases/overdue', { signal }),
  )
  const fixed = useApiQuery('reason-fixed', (signal) =>
    api.get<ReasonFixedResponse>('/reason-fixed', { signal }),
  )
  return (
    <>
      <PageHeader
        title="To do"
        lead="Tasks, overdue steps, and customers whose reason is now fixed."
      />
      <Panel title="My tasks" id="todo-tasks">
        <Loaded query={tasks} label="tasks" empty="No open tasks.">
          {(data) => <TaskList items={data.items} onDone={tasks.reload} />}
        </Loaded>
      </Panel>
      <Panel title="Overdue steps" id="todo-overdue">
        <Loaded query={overdue} label="overdue steps" empty="">
          {(data) =>
            data.mine.length + data.team.length === 0 ? (
              <p className="muted">Nothing overdue.</p>
            ) : (
              <>
                <CaseSteps title="Mine" items={data.mine} />
                <CaseSteps title="My team’s" items={data.team} />
              </>
            )
          }
        </Loaded>
      </Panel>
      <Panel title="Reason now fixed" id="todo-fixed">
        <Loaded query={fixed} label="the reason-now-fixed list" empty="No one has resurfaced yet.">
          {(data) => (
            <ul className="contact-list" aria-label="Reason now fixed">
              {data.items.map((item) => (
                <li key={`${item.subjectKey}:${item.fixId ?? item.occurredOn}`}>
                  <Link to={`/customers/${encodeURIComponent(item.customerId)}`}>
                    {resurfacedName(item)}
                  </Link>
                  <span className="muted small">
                    {' '}
                    ·{' '}
                    {item.trigger === 'fix'
                      ? `${humanize(item.reasonCode ?? 'reason')} fixed`
                      : 'new decision maker'}{' '}
                    on {formatDate(item.occurredOn)}
                    {item.taskDone ? ' · told' : ''}
                  </span>
                  {item.note === null ? null : <p className="timeline-note">{item.note}</p>}
                </li>
              ))}
            </ul>
          )}
        </Loaded>
      </Panel>
    </>
  )
}

function Loaded<T extends object>(props: {
  query: QueryState<T>
  label: string
  empty: string
  children: (data: T) => React.ReactNode
}) {
  const { query } = props
  if (query.data === undefined && query.loading) {
    return <LoadingState label={`Loading ${props.label}…`} />
  }
  if (query.error !== undefined) {
    return <ErrorState error={query.error} onRetry={query.reload} />
  }
  if (query.data === undefined) {
    return null
  }
  const items = 'items' in query.data ? (query.data.items as unknown[]) : null
  if (items !== null && items.length === 0 && props.empty !== '') {
    return <p className="muted">{props.empty}</p>
  }
  return <>{props.children(query.data)}</>
}

function CaseSteps(props: { title: string; items: readonly CaseSummaryItem[] }) {
  if (props.items.length === 0) {
    return null
  }
  return (
    <>
      <h3>{props.title}</h3>
      <ul className="contact-list">
        {props.items.map((item) => (
          <li key={item.id}>
            <Link to={`/cases/${item.id}`}>{caseSubject(item)}</Link>
            <span className="muted small">
              {' '}
              · {item.nextStep ?? 'no next step'} · due {formatDate(item.nextStepDueOn)} ·{' '}
              {item.owner.name}
            </span>
          </li>
        ))}
      </ul>
    </>
  )
}

function TaskList(props: { items: readonly TaskItem[]; onDone: () => void }) {
  const api = useApi()
  const [problem, setProblem] = useState('')
  const done = (task: TaskItem) =>
    api
      .send<CompleteTaskResponse>(
        'PATCH',
        `/tasks/${task.id}`,
        { done: true },
        { ifMatch: etagOf(task.version) },
      )
      .then(props.onDone, (failure: unknown) => setProblem(toApiError(failure).message))
  if (props.items.length === 0) {
    return <EmptyState title="No open tasks" />
  }
  return (
    <>
      {problem === '' ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <ul className="contact-list" aria-label="My tasks">
        {props.items.map((task) => (
          <li key={task.id}>
            <span className="strong">{task.title}</span>
            <span className="muted small">
              {' '}
              · {task.customerName ?? task.customerId} · due {formatDate(task.dueOn)}
            </span>
            {task.overdue ? <span className="overdue-flag"> · overdue</span> : null}{' '}
            <button
              type="button"
              className="button button-secondary small"
              onClick={() => done(task)}
            >
              Mark “{task.title}” done
            </button>
          </li>
        ))}
      </ul>
    </>
  )
}
