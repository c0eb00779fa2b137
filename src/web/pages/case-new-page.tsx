import { type FormEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { CaseDetailResponse, OpenCaseBody } from '../api/contract-types.js'
import { PageHeader } from '../components/page-header.js'
import { type RuleOverrideInput, RuleRefusal, refusedRules } from '../components/rule-refusal.js'
import { ErrorState } from '../components/states.js'
import { navigate, useLocation } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import type { UserListResponse } from './case-move.js'
import { type PeopleDraft, PeopleFields } from './case-people.js'

interface NewCaseDraft extends PeopleDraft {
  readonly kind: 'customer' | 'deal'
  readonly subjectId: string
  readonly nextStep: string
  readonly nextStepDueOn: string
}

/** The `POST /api/cases` body of the form. */
export function openCaseBody(
  draft: NewCaseDraft,
  overrides: readonly RuleOverrideInput[],
): OpenCaseBody {
  const subject: OpenCaseBody['subject'] =
    draft.kind === 'deal'
      ? { kind: 'deal', dealId: Number(draft.subjectId) }
      : { kind: 'customer', customerId: draft.subjectId.trim() }
  return {
    subject,
    ...(draft.ownerId === '' ? {} : { ownerId: Number(draft.ownerId) }),
    repIds: draft.repIds.map(Number),
    ...(draft.interviewerId === '' ? {} : { interviewerId: Number(draft.interviewerId) }),
    ...(draft.nextStep.trim() === '' ? {} : { nextStep: draft.nextStep.trim() }),
    ...(draft.nextStepDueOn === '' ? {} : { nextStepDueOn: draft.nextStepDueOn }),
    ...(overrides.length === 0 ? {} : { overrides: overrides.map((o) => ({ ...o })) }),
  } as OpenCaseBody
}

/**
 * Opens a win-back case on a lost customer or a lost deal (SPEC §4: a manager or the VP owns it,
 * reps are assigned to work it jointly). `?customerId=` or `?dealId=` fills the subject in.
 */
export function CaseNewPage() {
  const api = useApi()
  const me = useMe()
  const { search } = useLocation()
  const users = useApiQuery('case-users', (signal) =>
    api.get<UserListResponse>('/users', { signal }),
  )
  const dealId = search.get('dealId') ?? ''
  const [draft, setDraft] = useState<NewCaseDraft>({
    kind: dealId === '' ? 'customer' : 'deal',
    subjectId: dealId === '' ? (search.get('customerId') ?? '') : dealId,
    ownerId: me.user.role === 'manager' || me.user.role === 'vp' ? String(me.user.id) : '',
    repIds: [],
    interviewerId: '',
    nextStep: '',
    nextStepDueOn: '',
  })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const send = (overrides: readonly RuleOverrideInput[]) => {
    setBusy(true)
    api.send<CaseDetailResponse>('POST', '/cases', openCaseBody(draft, overrides)).then(
      (opened) => navigate(`/cases/${opened.id}`),
      (failure: unknown) => {
        setBusy(false)
        setError(toApiError(failure))
      },
    )
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    send([])
  }
  const refused = refusedRules(error)
  return (
    <>
      <PageHeader
        title="Open a case"
        lead="Someone senior goes to the lost customer and finds out why."
      />
      <section className="panel" aria-label="The new case">
        <form className="form" onSubmit={submit}>
          <SubjectFields draft={draft} onEdit={setDraft} />
          <PeopleFields
            users={users.data?.items ?? []}
            draft={draft}
            onEdit={(people) => setDraft({ ...draft, ...people })}
          />
          <StepFields draft={draft} onEdit={setDraft} />
          {error !== undefined && refused.length === 0 ? (
            <ErrorState error={error} title="The case was not opened" />
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Opening…' : 'Open the case'}
            </button>
          </div>
        </form>
        {refused.length === 0 ? null : (
          <RuleRefusal rules={refused} busy={busy} onOverride={send} />
        )}
      </section>
    </>
  )
}

function SubjectFields(props: { draft: NewCaseDraft; onEdit: (draft: NewCaseDraft) => void }) {
  const { draft, onEdit: setDraft } = props
  return (
    <div className="form-row">
      <label className="field">
        <span>Lost</span>
        <select
          name="kind"
          value={draft.kind}
          onChange={(event) =>
            setDraft({ ...draft, kind: event.target.value as NewCaseDraft['kind'] })
          }
        >
          <option value="customer">Customer</option>
          <option value="deal">Deal</option>
        </select>
      </label>
      <label className="field field-grow">
        <span>{draft.kind === 'deal' ? 'Deal number' : 'Customer id'}</span>
        <input
          name="subjectId"
          required
          value={draft.subjectId}
          onChange={(event) => setDraft({ ...draft, subjectId: event.target.value })}
        />
      </label>
    </div>
  )
}

function StepFields(props: { draft: NewCaseDraft; onEdit: (draft: NewCaseDraft) => void }) {
  const { draft, onEdit: setDraft } = props
  return (
    <div className="form-row">
      <label className="field field-grow">
        <span>Next step (optional)</span>
        <input
          name="nextStep"
          value={draft.nextStep}
          onChange={(event) => setDraft({ ...draft, nextStep: event.target.value })}
        />
      </label>
      <label className="field">
        <span>Due (optional)</span>
        <input
          type="date"
          name="nextStepDueOn"
          value={draft.nextStepDueOn}
          onChange={(event) => setDraft({ ...draft, nextStepDueOn: event.target.value })}
        />
      </label>
    </div>
  )
}
