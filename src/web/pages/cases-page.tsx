import { type DragEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type {
  CaseDetailResponse,
  CaseListResponse,
  CaseSummaryItem,
} from '../api/contract-types.js'
import { CASE_DRAG_TYPE, CaseCard, caseSubject } from '../components/case-card.js'
import { PageHeader } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount } from '../lib/format.js'
import { Link, navigate, pathWithQuery, useLocation } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import {
  CaseMoveDialog,
  questionsToAsk,
  sendMove,
  useCaseChoices,
  useCompanyCurrency,
} from './case-move.js'
import { BOARD_STAGES, type CaseStage, isEnding, STAGE_LABELS } from './case-stages.js'

/** The board's filters: every case I may see, mine, my team's, or only overdue ones. */
export const CASE_VIEWS = [
  ['all', 'All I can see'],
  ['mine', 'Mine'],
  ['team', 'Owned by my team'],
  ['overdue', 'Overdue'],
] as const
type CaseView = (typeof CASE_VIEWS)[number][0]

function viewOf(search: URLSearchParams): CaseView {
  const view = search.get('view')
  return CASE_VIEWS.some(([value]) => value === view) ? (view as CaseView) : 'all'
}

/**
 * The `GET /api/cases` query of a view. The server already limits a manager to their team's cases
 * and a rep to the cases they work, so "mine" narrows to cases I own only for those who own cases.
 */
export function caseQuery(view: CaseView, me: { id: number; role: string }, showEnded: boolean) {
  const owns = me.role !== 'rep' && me.role !== 'analyst'
  return {
    limit: 500,
    ...(showEnded ? {} : { open: true }),
    ...(view === 'mine' && owns ? { ownerId: me.id } : {}),
    ...(view === 'overdue' ? { overdue: true } : {}),
  }
}

// sales management opens cases (SPEC §4); reps carry out the steps
const MANAGERS = new Set(['admin', 'vp', 'manager'])

/** A move in progress: the case (loaded for its questions and version) and where it goes. */
interface PendingMove {
  readonly detail: CaseDetailResponse
  readonly to: CaseStage
  readonly error?: ApiError
}

/** The case board: one column per stage; drag a card or use "Move to…" to move a case. */
export function CasesPage() {
  const api = useApi()
  const me = useMe()
  const { search } = useLocation()
  const view = viewOf(search)
  const showEnded = search.get('ended') === '1'
  const list = useApiQuery(`cases:${view}:${showEnded}`, (signal) =>
    api.get<CaseListResponse>('/cases', {
      query: caseQuery(view, me.user, showEnded),
      signal,
    }),
  )
  const choices = useCaseChoices()
  const currency = useCompanyCurrency()
  const change = (next: { view?: string; ended?: boolean }) =>
    navigate(
      pathWithQuery('/cases', {
        view: (next.view ?? view) === 'all' ? '' : (next.view ?? view),
        ended: (next.ended ?? showEnded) ? '1' : '',
      }),
      { replace: true },
    )
  const { pending, setPending, announcement, startMove, moved } = useBoardMove(list.reload)
  return (
    <>
      <PageHeader
        title="Cases"
        lead="Every win-back case by stage. Drag a card to move it, or use “Move to…”."
        actions={
          MANAGERS.has(me.user.role) ? (
            <Link className="button button-primary" to="/cases/new">
              Open a case
            </Link>
          ) : undefined
        }
      />
      <BoardFilters view={view} showEnded={showEnded} onChange={change} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {announcement.startsWith('Could not') ? (
        <p className="form-error" role="alert">
          {announcement}
        </p>
      ) : null}
      <BoardBody
        list={list}
        keep={(item) => view !== 'team' || choices.teamIds.has(item.owner.id)}
        onMove={startMove}
      />
      {pending === null ? null : (
        <CaseMoveDialog
          detail={pending.detail}
          to={pending.to}
          currency={currency}
          people={choices.people}
          reasons={choices.reasons}
          {...(pending.error === undefined ? {} : { initialError: pending.error })}
          onMoved={moved}
          onClose={() => setPending(null)}
        />
      )}
    </>
  )
}

/**
 * A move started from the board: loads the case (for its questions and version), moves at once
 * when the move asks nothing, else opens the dialog; says what happened in a live region.
 */
function useBoardMove(reload: () => void) {
  const api = useApi()
  const [pending, setPending] = useState<PendingMove | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const startMove = async (item: CaseSummaryItem, to: CaseStage) => {
    if (item.stage === to && to !== 'resting') {
      return
    }
    setAnnouncement(`Loading ${caseSubject(item)}…`)
    try {
      const detail = await api.get<CaseDetailResponse>(`/cases/${item.id}`)
      const move = detail.allowedMoves.find((allowed) => allowed.stage === to)
      if (move !== undefined && questionsToAsk(move).length === 0) {
        // nothing to ask: move at once, and open the dialog only to show a refusal
        try {
          moved(await sendMove(api, detail, { to }))
        } catch (failure) {
          setPending({ detail, to, error: toApiError(failure) })
        }
        return
      }
      setAnnouncement('')
      setPending({ detail, to })
    } catch (failure) {
      setAnnouncement(`Could not move ${caseSubject(item)}: ${toApiError(failure).message}`)
    }
  }
  const moved = (detail: CaseDetailResponse) => {
    setPending(null)
    setAnnouncement(`Moved ${caseSubject(detail)} to ${STAGE_LABELS[detail.stage]}.`)
    reload()
  }
  return { pending, setPending, announcement, startMove, moved }
}

function BoardFilters(props: {
  view: CaseView
  showEnded: boolean
  onChange: (next: { view?: string; ended?: boolean }) => void
}) {
  return (
    <form className="filters" aria-label="Filter the cases" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span>Show</span>
        <select
          name="view"
          value={props.view}
          onChange={(event) => props.onChange({ view: event.target.value })}
        >
          {CASE_VIEWS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="ended"
          checked={props.showEnded}
          onChange={(event) => props.onChange({ ended: event.target.checked })}
        />
        <span>Include ended cases</span>
      </label>
    </form>
  )
}

function BoardBody(props: {
  list: ReturnType<typeof useApiQuery<CaseListResponse>>
  keep: (item: CaseSummaryItem) => boolean
  onMove: (item: CaseSummaryItem, to: CaseStage) => void
}) {
  const { list } = props
  if (list.data === undefined && list.loading) {
    return <LoadingState label="Loading the cases…" />
  }
  if (list.error !== undefined) {
    return <ErrorState error={list.error} onRetry={list.reload} />
  }
  if (list.data === undefined) {
    return null
  }
  const items = list.data.items.filter(props.keep)
  if (items.length === 0) {
    return (
      <EmptyState title="No cases here">
        <p>Open a case on a lost customer from the lost list, or change the filter.</p>
      </EmptyState>
    )
  }
  return (
    <div className={`board${list.loading ? ' is-reloading' : ''}`} aria-busy={list.loading}>
      {BOARD_STAGES.map((stage) => (
        <BoardColumn
          key={stage}
          stage={stage}
          items={items.filter((item) => item.stage === stage)}
          onDropCase={(id) => {
            const item = items.find((candidate) => candidate.id === id)
            if (item !== undefined) {
              props.onMove(item, stage)
            }
          }}
          onMove={props.onMove}
        />
      ))}
    </div>
  )
}

function BoardColumn(props: {
  stage: CaseStage
  items: readonly CaseSummaryItem[]
  onDropCase: (id: number) => void
  onMove: (item: CaseSummaryItem, to: CaseStage) => void
}) {
  const [over, setOver] = useState(false)
  const headingId = `column-${props.stage}`
  const accepts = (event: DragEvent) => event.dataTransfer.types.includes(CASE_DRAG_TYPE)
  return (
    <section
      className={`board-column${over ? ' is-drop-target' : ''}`}
      aria-labelledby={headingId}
      data-stage={props.stage}
      onDragOver={(event) => {
        if (accepts(event)) {
          event.preventDefault()
          setOver(true)
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false)
        const id = Number(event.dataTransfer.getData(CASE_DRAG_TYPE))
        if (Number.isInteger(id) && id > 0) {
          event.preventDefault()
          props.onDropCase(id)
        }
      }}
    >
      <h2 id={headingId}>
        <span>{STAGE_LABELS[props.stage]}</span>
        <span className="muted">{formatCount(props.items.length)}</span>
      </h2>
      {props.items.length === 0 ? (
        <p className="muted small">
          {isEnding(props.stage) ? 'Drop a case here to end it' : 'None'}
        </p>
      ) : (
        <ul aria-labelledby={headingId}>
          {props.items.map((item) => (
            <CaseCard key={item.id} item={item} onMove={(to) => props.onMove(item, to)} />
          ))}
        </ul>
      )}
    </section>
  )
}
