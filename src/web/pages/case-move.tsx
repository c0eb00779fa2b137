import { useState } from 'react'
import type { User } from '../../server/contract/users.js'
import type { ApiClient } from '../api/api-client.js'
import { type ApiError, toApiError } from '../api/api-error.js'
import type {
  AllowedMove,
  CaseDetailResponse,
  ChangeCaseBody,
  DashboardResponse,
  ReasonListResponse,
} from '../api/contract-types.js'
import type { RuleOverrideInput } from '../components/rule-refusal.js'
import { StageDialog, type StageMove } from '../components/stage-dialog.js'
import type { Choice, StageDraft, StageQuestionView } from '../components/stage-fields.js'
import { minorDigits } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import type { CaseStage } from './case-stages.js'

/** `GET /api/users`. */
export interface UserListResponse {
  readonly items: readonly User[]
}

/** A case's ETag as the server writes it (`"<version>"`), for If-Match. */
export function etagOf(version: number): string {
  return `"${version}"`
}

/** The people and reasons a case form offers, loaded once per page. */
export function useCaseChoices(): {
  people: Choice[]
  reasons: Choice[]
  /** the users the server lets me read: my team for a manager, everyone for the VP or an admin */
  teamIds: ReadonlySet<number>
} {
  const api = useApi()
  const users = useApiQuery('case-users', (signal) =>
    api.get<UserListResponse>('/users', { signal }),
  )
  const reasons = useApiQuery('case-reasons', (signal) =>
    api.get<ReasonListResponse>('/reasons', { signal }),
  )
  return {
    people: (users.data?.items ?? [])
      .filter((user) => user.active)
      .map((user) => ({ value: String(user.id), label: `${user.name} (${user.role})` })),
    teamIds: new Set((users.data?.items ?? []).map((user) => user.id)),
    reasons: (reasons.data?.items ?? []).map((reason) => ({
      value: reason.code,
      label: reason.label,
    })),
  }
}

/**
 * The company's currency for money typed on a case (cases carry amounts in minor units without
 * naming the currency; the dashboard names it). USD until it is known.
 */
export function useCompanyCurrency(): string {
  const api = useApi()
  const dashboard = useApiQuery('company-currency', (signal) =>
    api.get<DashboardResponse>('/dashboard', { signal }),
  )
  return dashboard.data?.currency ?? 'USD'
}

/** The questions a move shows: those not answered yet, and the target stage's own. */
export function questionsToAsk(move: AllowedMove): StageQuestionView[] {
  return move.questions.filter((question) => !question.answered || question.stage === move.stage)
}

const text = (value: string) => (value.trim() === '' ? undefined : value.trim())

/**
 * The `PATCH /api/cases/{id}` body of a move: the answers typed for the questions asked (blank
 * answers leave a field as it is), the target stage, and any overrides.
 */
export function moveBody(
  move: { to: CaseStage; draft: StageDraft; overrides: readonly RuleOverrideInput[] },
  questions: readonly StageQuestionView[],
  currency: string,
): ChangeCaseBody {
  const asked = new Set(questions.map((question) => question.field))
  const { draft } = move
  const cost = draft.customerCost.trim() === '' ? undefined : Number(draft.customerCost)
  const finding: NonNullable<ChangeCaseBody['finding']> = {
    ...(asked.has('customerWords') ? { customerWords: text(draft.customerWords) } : {}),
    ...(asked.has('reasons') && draft.reasons.length > 0 ? { reasons: [...draft.reasons] } : {}),
    ...(asked.has('reasons') ? { competitor: text(draft.competitor) } : {}),
    ...(asked.has('customerCost') && cost !== undefined && Number.isFinite(cost)
      ? { customerCostMinor: Math.round(cost * 10 ** minorDigits(currency)) }
      : {}),
    ...(asked.has('customerCost') ? { customerCostNote: text(draft.customerCostNote) } : {}),
    ...(asked.has('remedy') ? { remedy: text(draft.remedy) } : {}),
  }
  const body: Record<string, unknown> = {
    to: move.to,
    finding: dropUndefined(finding),
    researchNotes: asked.has('researchNotes') ? text(draft.researchNotes) : undefined,
    approachChannel: asked.has('approachChannel') ? text(draft.approachChannel) : undefined,
    interviewerId:
      asked.has('interviewerId') && draft.interviewerId !== ''
        ? Number(draft.interviewerId)
        : undefined,
    planSummary: asked.has('planSummary') ? text(draft.planSummary) : undefined,
    endingNote: asked.has('endingNote') ? text(draft.endingNote) : undefined,
    restUntil: asked.has('restUntil') ? text(draft.restUntil) : undefined,
    overrides: move.overrides.length > 0 ? [...move.overrides] : undefined,
  }
  if (Object.keys(finding).every((key) => finding[key as keyof typeof finding] === undefined)) {
    body['finding'] = undefined
  }
  return dropUndefined(body) as ChangeCaseBody
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T
}

/** Sends a move with the case's version as If-Match; answers the case as it now stands. */
export function sendMove(
  api: ApiClient,
  detail: CaseDetailResponse,
  body: ChangeCaseBody,
): Promise<CaseDetailResponse> {
  return api.send<CaseDetailResponse>('PATCH', `/cases/${detail.id}`, body, {
    ifMatch: etagOf(detail.version),
  })
}

/**
 * The move dialog of one case: asks the questions of the move to `to`, sends it, shows the
 * server's refusal (with the override form when a case rule refused it), and hands the moved case
 * back.
 */
export function CaseMoveDialog(props: {
  detail: CaseDetailResponse
  to: CaseStage
  currency: string
  people: readonly Choice[]
  reasons: readonly Choice[]
  initialError?: ApiError
  onMoved: (detail: CaseDetailResponse) => void
  onClose: () => void
}) {
  const api = useApi()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(props.initialError)
  const move = props.detail.allowedMoves.find((allowed) => allowed.stage === props.to)
  const questions = move === undefined ? [] : questionsToAsk(move)
  const submit = (stageMove: StageMove) => {
    setBusy(true)
    sendMove(api, props.detail, moveBody(stageMove, questions, props.currency)).then(
      (moved) => {
        setBusy(false)
        props.onMoved(moved)
      },
      (failure: unknown) => {
        setBusy(false)
        setError(toApiError(failure))
      },
    )
  }
  return (
    <StageDialog
      to={props.to}
      customerName={props.detail.customerName ?? props.detail.customerId}
      questions={questions}
      people={props.people}
      reasons={props.reasons}
      currency={props.currency}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={props.onClose}
    />
  )
}
