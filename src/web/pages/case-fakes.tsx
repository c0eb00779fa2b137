import { render } from '@testing-library/react'
import type { ApiClient, QueryParams, SendOptions } from '../api/api-client.js'
import { ApiError } from '../api/api-error.js'
import type { CaseDetailResponse, CaseSummaryItem, Role } from '../api/contract-types.js'
import { App } from '../app.js'
import { meAs } from '../testing/ui.js'

/** A case as the board lists it, with what a test changes. */
export function caseSummary(overrides: Partial<CaseSummaryItem> = {}): CaseSummaryItem {
  return {
    id: 5,
    version: 3,
    subjectKind: 'customer',
    subjectKey: 'customer:C-1',
    customerId: 'C-1',
    customerName: 'Acme Ltd',
    dealId: null,
    attempt: 1,
    stage: 'researching',
    resumeStage: null,
    restUntil: null,
    owner: { id: 7, name: 'Pat manager' },
    reps: [{ id: 12, name: 'Rita Rep', startedOn: '2020-01-01' }],
    interviewer: null,
    nextStep: 'Approach them',
    nextStepDueOn: '2026-01-10',
    overdue: false,
    openedOn: '2026-01-01',
    endedOn: null,
    lostOn: '2025-06-01',
    losingRepId: 12,
    lostValueMinor: 500_000,
    reasons: [],
    source: 'app',
    ...overrides,
  }
}

/** A case as its page shows it: researching, with Approached next. */
export function caseDetail(overrides: Partial<CaseDetailResponse> = {}): CaseDetailResponse {
  const approach = {
    stage: 'approached',
    field: 'approachChannel' as const,
    question: 'How did we approach them: letter, card, email, call, meeting or gift?',
    required: true,
    answered: false,
  }
  return {
    ...caseSummary(),
    finding: {
      customerWords: null,
      customerCostMinor: null,
      customerCostNote: null,
      remedy: null,
      competitor: null,
      reasonNote: null,
      reasonsRecorded: [],
    },
    researchNotes: 'They moved to a cheaper supplier',
    approachChannel: null,
    planSummary: null,
    endingNote: null,
    overrides: [],
    nextQuestions: [approach],
    allowedMoves: [
      { stage: 'approached', questions: [approach], ready: false },
      { stage: 'resting', questions: [], ready: false },
    ],
    timeline: [
      {
        at: '2026-01-01T10:00:00Z',
        actor: 'user:7',
        kind: 'opened',
        fromStage: null,
        toStage: null,
        note: 'Research the account',
        data: null,
      },
    ],
    ...overrides,
  }
}

/** One request the fake API got, with the body and the If-Match it carried. */
export interface SentRequest {
  readonly method: string
  readonly path: string
  readonly query: QueryParams
  readonly body: unknown
  readonly ifMatch: string | undefined
}

type Answer = unknown | ApiError | ((request: SentRequest) => unknown)

/**
 * The app at `path` over a fake API that answers from a table (`'GET /cases'`, `'PATCH /cases/5'`)
 * and records every request with its body and If-Match.
 */
export function renderWithApi(options: {
  path: string
  role: Role
  answers: Readonly<Record<string, Answer>>
}) {
  const requests: SentRequest[] = []
  const answer = async (request: SentRequest) => {
    requests.push(request)
    const entry = options.answers[`${request.method} ${request.path}`]
    const value =
      typeof entry === 'function' ? (entry as (r: SentRequest) => unknown)(request) : entry
    if (value instanceof ApiError) {
      throw value
    }
    if (value === undefined) {
      throw new ApiError(404, 'NOT_FOUND', `no answer for ${request.method} ${request.path}`)
    }
    return value
  }
  const base = { '/me': meAs(options.role), '/users': { items: [] }, '/reasons': { items: [] } }
  const api: ApiClient = {
    get: async <T,>(path: string, opts: { query?: QueryParams } = {}) => {
      const fallback = (base as Record<string, unknown>)[path]
      const key = `GET ${path}`
      if (options.answers[key] === undefined && fallback !== undefined) {
        return fallback as T
      }
      return (await answer({
        method: 'GET',
        path,
        query: opts.query ?? {},
        body: undefined,
        ifMatch: undefined,
      })) as T
    },
    send: async <T,>(method: string, path: string, body?: unknown, opts: SendOptions = {}) =>
      (await answer({ method, path, query: {}, body, ifMatch: opts.ifMatch })) as T,
    upload: async () => {
      throw new ApiError(404, 'NOT_FOUND', 'no uploads here')
    },
    setCsrfToken: () => undefined,
  }
  window.history.replaceState(null, '', options.path)
  const rendered = render(<App api={api} />)
  return { requests, rendered }
}
