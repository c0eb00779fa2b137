import { type FormEvent, useState } from 'react'
import type { User } from '../../server/contract/users.js'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { AssignCaseBody, CaseDetailResponse } from '../api/contract-types.js'
import { type RuleOverrideInput, RuleRefusal, refusedRules } from '../components/rule-refusal.js'
import { ErrorState } from '../components/states.js'
import { useApi } from '../lib/session.js'
import { etagOf } from './case-move.js'

/** Who works a case, as the form holds it (ids as text; '' for none). */
export interface PeopleDraft {
  readonly ownerId: string
  readonly repIds: readonly string[]
  readonly interviewerId: string
}

/**
 * The owner (a manager or the VP), the reps who work the case with them, and who holds the exit
 * interview (the owner unless someone else is named).
 */
export function PeopleFields(props: {
  users: readonly User[]
  draft: PeopleDraft
  onEdit: (draft: PeopleDraft) => void
}) {
  const { users, draft, onEdit } = props
  const active = users.filter((user) => user.active)
  const owners = active.filter((user) => user.role === 'manager' || user.role === 'vp')
  const reps = active.filter((user) => user.role === 'rep')
  const toggle = (id: string, on: boolean) =>
    onEdit({
      ...draft,
      repIds: on ? [...draft.repIds, id] : draft.repIds.filter((rep) => rep !== id),
    })
  return (
    <>
      <div className="form-row">
        <label className="field">
          <span>Owner</span>
          <select
            name="ownerId"
            value={draft.ownerId}
            onChange={(event) => onEdit({ ...draft, ownerId: event.target.value })}
          >
            <option value="">Me</option>
            {owners.map((user) => (
              <option key={user.id} value={String(user.id)}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Exit interview held by</span>
          <select
            name="interviewerId"
            value={draft.interviewerId}
            onChange={(event) => onEdit({ ...draft, interviewerId: event.target.value })}
          >
            <option value="">The owner</option>
            {active.map((user) => (
              <option key={user.id} value={String(user.id)}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="field-group">
        <legend>Reps working the case</legend>
        {reps.length === 0 ? <p className="muted small">No reps you can assign.</p> : null}
        {reps.map((user) => (
          <label key={user.id} className="check">
            <input
              type="checkbox"
              name="repIds"
              value={String(user.id)}
              checked={draft.repIds.includes(String(user.id))}
              onChange={(event) => toggle(String(user.id), event.target.checked)}
            />
            <span>
              {user.name} <span className="muted small">since {user.startedOn}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </>
  )
}

/** The case's people as the form starts them. */
export function peopleDraftOf(detail: CaseDetailResponse): PeopleDraft {
  return {
    ownerId: String(detail.owner.id),
    repIds: detail.reps.map((rep) => String(rep.id)),
    interviewerId: detail.interviewer === null ? '' : String(detail.interviewer.id),
  }
}

/** The `PATCH /api/cases/{id}/people` body of the form. */
export function assignBody(
  draft: PeopleDraft,
  overrides: readonly RuleOverrideInput[],
): AssignCaseBody {
  return {
    ...(draft.ownerId === '' ? {} : { ownerId: Number(draft.ownerId) }),
    repIds: draft.repIds.map(Number),
    interviewerId: draft.interviewerId === '' ? null : Number(draft.interviewerId),
    ...(overrides.length === 0 ? {} : { overrides: overrides.map((o) => ({ ...o })) }),
  } as AssignCaseBody
}

/** Changes who works a case; a case rule's refusal shows the override form. */
export function CasePeopleForm(props: {
  detail: CaseDetailResponse
  users: readonly User[]
  onSaved: (detail: CaseDetailResponse) => void
}) {
  const api = useApi()
  const [draft, setDraft] = useState<PeopleDraft>(peopleDraftOf(props.detail))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const send = (overrides: readonly RuleOverrideInput[]) => {
    setBusy(true)
    api
      .send<CaseDetailResponse>(
        'PATCH',
        `/cases/${props.detail.id}/people`,
        assignBody(draft, overrides),
        { ifMatch: etagOf(props.detail.version) },
      )
      .then(
        (saved) => {
          setBusy(false)
          setError(undefined)
          props.onSaved(saved)
        },
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
      <form className="form" onSubmit={submit} aria-label="Who works the case">
        <PeopleFields users={props.users} draft={draft} onEdit={setDraft} />
        {error !== undefined && refused.length === 0 ? (
          <ErrorState error={error} title="The people were not changed" />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-secondary" disabled={busy}>
            Save people
          </button>
        </div>
      </form>
      {refused.length === 0 ? null : <RuleRefusal rules={refused} busy={busy} onOverride={send} />}
    </>
  )
}
