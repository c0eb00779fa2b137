import { useState } from 'react'
import type { CaseDetailResponse } from '../api/contract-types.js'
import { caseSubject } from '../components/case-card.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatDate, humanize } from '../lib/format.js'
import { Link } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { CaseMakeGood } from './case-make-good.js'
import {
  CaseMoveDialog,
  type UserListResponse,
  useCaseChoices,
  useCompanyCurrency,
} from './case-move.js'
import { CasePeopleForm } from './case-people.js'
import { CasePlan } from './case-plan.js'
import { CaseAnswers, CaseOverrides, CaseTimeline, StageSteps } from './case-sections.js'
import { type CaseStage, isEnding, STAGE_LABELS } from './case-stages.js'

/** One case: where it stands, who works it, what it found, the moves it may make, its timeline. */
export function CasePage(props: { caseId: string }) {
  const api = useApi()
  const query = useApiQuery(`case:${props.caseId}`, (signal) =>
    api.get<CaseDetailResponse>(`/cases/${encodeURIComponent(props.caseId)}`, { signal }),
  )
  // the answer of a change is the case as it now stands: show it without asking again
  const [latest, setLatest] = useState<CaseDetailResponse | undefined>(undefined)
  const detail =
    latest !== undefined && (query.data === undefined || latest.version >= query.data.version)
      ? latest
      : query.data
  if (detail === undefined) {
    if (query.error !== undefined) {
      return query.error.status === 404 ? (
        <>
          <PageHeader title="Case not found" />
          <EmptyState title="There is no such case, or it is not yours to see">
            <Link to="/cases">Back to the cases</Link>
          </EmptyState>
        </>
      ) : (
        <>
          <PageHeader title="Case" />
          <ErrorState error={query.error} onRetry={query.reload} />
        </>
      )
    }
    return (
      <>
        <PageHeader title="Case" />
        <LoadingState label="Loading the case…" />
      </>
    )
  }
  return <CaseView detail={detail} onChanged={setLatest} />
}

function CaseView(props: {
  detail: CaseDetailResponse
  onChanged: (detail: CaseDetailResponse) => void
}) {
  const { detail } = props
  const me = useMe()
  const api = useApi()
  const manages = me.user.role === 'manager' || me.user.role === 'vp' || me.user.role === 'admin'
  const users = useApiQuery('case-users', (signal) =>
    api.get<UserListResponse>('/users', { signal }),
  )
  const choices = useCaseChoices()
  const currency = useCompanyCurrency()
  const names = new Map((users.data?.items ?? []).map((user) => [user.id, user.name]))
  const [moving, setMoving] = useState<CaseStage | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const changed = (next: CaseDetailResponse, message: string) => {
    setMoving(null)
    setAnnouncement(message)
    props.onChanged(next)
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cases">Cases</Link> / case #{detail.id}
      </p>
      <PageHeader
        title={caseSubject(detail)}
        lead={<CaseLead detail={detail} />}
        actions={
          <Link
            className="button button-secondary"
            to={`/customers/${encodeURIComponent(detail.customerId)}`}
          >
            Customer page
          </Link>
        }
      />
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <StageSteps stage={detail.stage} />
      <div className="grid-2">
        <Panel title="Next move" id="case-moves">
          <NextMoves detail={detail} onMove={setMoving} />
        </Panel>
        <Panel title="Who works it" id="case-people">
          {manages && !isEnding(detail.stage) ? (
            <CasePeopleForm
              key={detail.version}
              detail={detail}
              users={users.data?.items ?? []}
              onSaved={(saved) => changed(saved, 'The people on the case were saved.')}
            />
          ) : (
            <CasePeopleSummary detail={detail} />
          )}
        </Panel>
      </div>
      <div className="grid-2">
        <Panel title="What we found" id="case-answers">
          <CaseAnswers detail={detail} currency={currency} />
        </Panel>
        <Panel title="Rules set aside" id="case-overrides">
          <CaseOverrides overrides={detail.overrides} names={names} />
        </Panel>
      </div>
      <CaseMakeGood detail={detail} onCaseChanged={props.onChanged} />
      <CasePlan detail={detail} onCaseChanged={props.onChanged} />
      <Panel title="Timeline" id="case-timeline">
        <CaseTimeline entries={detail.timeline} names={names} />
      </Panel>
      {moving === null ? null : (
        <CaseMoveDialog
          detail={detail}
          to={moving}
          currency={currency}
          people={choices.people}
          reasons={choices.reasons}
          onMoved={(moved) => changed(moved, `Moved to ${STAGE_LABELS[moved.stage]}.`)}
          onClose={() => setMoving(null)}
        />
      )}
    </>
  )
}

function CaseLead(props: { detail: CaseDetailResponse }) {
  const { detail } = props
  return (
    <>
      <span className="badge badge-open">{STAGE_LABELS[detail.stage]}</span> · owned by{' '}
      {detail.owner.name}
      {detail.reps.length === 0 ? '' : ` with ${detail.reps.map((rep) => rep.name).join(', ')}`}
      {isEnding(detail.stage) ? (
        <> · ended {formatDate(detail.endedOn)}</>
      ) : (
        <>
          {' '}
          · next: {detail.nextStep ?? 'no next step'} (due {formatDate(detail.nextStepDueOn)})
          {detail.overdue ? <span className="overdue-flag"> · overdue</span> : null}
        </>
      )}
      {detail.stage === 'resting' ? <> · resting until {formatDate(detail.restUntil)}</> : null}
    </>
  )
}

function CasePeopleSummary(props: { detail: CaseDetailResponse }) {
  const { detail } = props
  return (
    <dl className="answer-list">
      <dt>Owner</dt>
      <dd>{detail.owner.name}</dd>
      <dt>Reps</dt>
      <dd>{detail.reps.length === 0 ? 'None' : detail.reps.map((rep) => rep.name).join(', ')}</dd>
      <dt>Exit interview held by</dt>
      <dd>{detail.interviewer?.name ?? `${detail.owner.name} (the owner)`}</dd>
    </dl>
  )
}

/** The stages the case may move to now, the next stage's questions first. */
function NextMoves(props: { detail: CaseDetailResponse; onMove: (stage: CaseStage) => void }) {
  const { detail } = props
  if (detail.allowedMoves.length === 0) {
    return <p className="muted">This case has ended: a new attempt is a new case.</p>
  }
  const next = detail.nextQuestions[0]?.stage
  return (
    <>
      {detail.nextQuestions.length === 0 ? null : (
        <>
          <p>{STAGE_LABELS[next as CaseStage] ?? humanize(next ?? '')} asks:</p>
          <ul className="contract-list">
            {detail.nextQuestions.map((question) => (
              <li key={question.field}>
                {question.question}
                {question.required ? '' : ' (optional)'}
                {question.answered ? <span className="muted small"> · answered</span> : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <fieldset className="form-row move-buttons">
        <legend className="visually-hidden">Move the case</legend>
        {detail.allowedMoves.map((move) => (
          <button
            key={move.stage}
            type="button"
            className={`button ${move.stage === next ? 'button-primary' : 'button-secondary'}`}
            onClick={() => props.onMove(move.stage)}
          >
            Move to {STAGE_LABELS[move.stage]}
          </button>
        ))}
      </fieldset>
    </>
  )
}
