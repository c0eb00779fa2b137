import { type FormEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type {
  LessonsResponse,
  ReasonListResponse,
  RecordFixBody,
  RecordFixResponse,
} from '../api/contract-types.js'
import { ErrorState } from '../components/states.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import type { UserListResponse } from './case-move.js'

interface FixDraft {
  readonly reasonCode: string
  readonly scopeKind: '' | 'segment' | 'territory' | 'rep'
  readonly scopeValue: string
  readonly fixedOn: string
  readonly ownerId: string
  readonly note: string
}

/** The `POST /api/fixes` body of the form (no scope: everywhere). */
export function fixBody(draft: FixDraft): RecordFixBody {
  return {
    reasonCode: draft.reasonCode,
    fixedOn: draft.fixedOn,
    scope:
      draft.scopeKind === '' ? null : { kind: draft.scopeKind, value: draft.scopeValue.trim() },
    ...(draft.ownerId === '' ? {} : { ownerId: Number(draft.ownerId) }),
    note: draft.note.trim(),
  }
}

const today = () => new Date().toISOString().slice(0, 10)

/**
 * Records a fix: a fixable reason, optionally a scope (segment, territory or the rep who lost the
 * accounts), the date it took effect, its owner and what changed. The answer lists what it
 * resurfaced.
 */
export function RecordFixForm(props: { onRecorded: (result: RecordFixResponse) => void }) {
  const api = useApi()
  const reasons = useApiQuery('fix-reasons', (signal) =>
    api.get<ReasonListResponse>('/reasons', { signal }),
  )
  const users = useApiQuery('case-users', (signal) =>
    api.get<UserListResponse>('/users', { signal }),
  )
  // segments and territories as the losses name them, offered as suggestions
  const lessons = useApiQuery('fix-groups', (signal) =>
    api.get<LessonsResponse>('/lessons', { signal }),
  )
  const [draft, setDraft] = useState<FixDraft>({
    reasonCode: '',
    scopeKind: '',
    scopeValue: '',
    fixedOn: today(),
    ownerId: '',
    note: '',
  })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const set = (patch: Partial<FixDraft>) => setDraft({ ...draft, ...patch })
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setBusy(true)
    api.send<RecordFixResponse>('POST', '/fixes', fixBody(draft)).then(
      (result) => {
        setBusy(false)
        setError(undefined)
        props.onRecorded(result)
      },
      (failure: unknown) => {
        setBusy(false)
        setError(toApiError(failure))
      },
    )
  }
  const fixable = (reasons.data?.items ?? []).filter((reason) => reason.fixable)
  const groups = (kind: 'segment' | 'territory') => [
    ...new Set(
      (kind === 'segment' ? lessons.data?.bySegment : lessons.data?.byTerritory)?.map(
        (t) => t.group,
      ),
    ),
  ]
  const people = (users.data?.items ?? []).filter((user) => user.active)
  return (
    <form className="form" onSubmit={submit} aria-label="Record a fix">
      <FixTerms draft={draft} set={set} fixable={fixable} people={people} />
      <ScopeFields draft={draft} set={set} people={people} groups={groups} />
      <label className="field">
        <span>What changed</span>
        <textarea
          name="note"
          required
          rows={2}
          value={draft.note}
          onChange={(e) => set({ note: e.target.value })}
        />
      </label>
      {error === undefined ? null : <ErrorState error={error} title="The fix was not recorded" />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Recording…' : 'Record the fix'}
        </button>
      </div>
    </form>
  )
}

type Person = UserListResponse['items'][number]

function FixTerms(props: {
  draft: FixDraft
  set: (patch: Partial<FixDraft>) => void
  fixable: readonly ReasonListResponse['items'][number][]
  people: readonly Person[]
}) {
  const { draft, set, fixable, people } = props
  return (
    <div className="form-row">
      <label className="field">
        <span>Reason fixed</span>
        <select
          name="reasonCode"
          required
          value={draft.reasonCode}
          onChange={(e) => set({ reasonCode: e.target.value })}
        >
          <option value="">Choose…</option>
          {fixable.map((reason) => (
            <option key={reason.code} value={reason.code}>
              {reason.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Fixed on</span>
        <input
          type="date"
          name="fixedOn"
          required
          value={draft.fixedOn}
          onChange={(e) => set({ fixedOn: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Owner</span>
        <select
          name="ownerId"
          value={draft.ownerId}
          onChange={(e) => set({ ownerId: e.target.value })}
        >
          <option value="">Me</option>
          {people.map((user) => (
            <option key={user.id} value={String(user.id)}>
              {user.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}

function ScopeFields(props: {
  draft: FixDraft
  set: (patch: Partial<FixDraft>) => void
  people: readonly Person[]
  groups: (kind: 'segment' | 'territory') => string[]
}) {
  const { draft, set, people, groups } = props
  return (
    <div className="form-row">
      <label className="field">
        <span>Scope</span>
        <select
          name="scopeKind"
          value={draft.scopeKind}
          onChange={(e) =>
            set({ scopeKind: e.target.value as FixDraft['scopeKind'], scopeValue: '' })
          }
        >
          <option value="">Everywhere</option>
          <option value="segment">One segment</option>
          <option value="territory">One territory</option>
          <option value="rep">Accounts one rep lost</option>
        </select>
      </label>
      {draft.scopeKind === 'rep' ? (
        <label className="field">
          <span>Rep</span>
          <select
            name="scopeValue"
            required
            value={draft.scopeValue}
            onChange={(e) => set({ scopeValue: e.target.value })}
          >
            <option value="">Choose…</option>
            {people
              .filter((user) => user.role === 'rep')
              .map((user) => (
                <option key={user.id} value={String(user.id)}>
                  {user.name}
                </option>
              ))}
          </select>
        </label>
      ) : draft.scopeKind === '' ? null : (
        <label className="field field-grow">
          <span>{draft.scopeKind === 'segment' ? 'Segment' : 'Territory'}</span>
          <input
            name="scopeValue"
            required
            list="fix-scope-values"
            value={draft.scopeValue}
            onChange={(e) => set({ scopeValue: e.target.value })}
          />
          <datalist id="fix-scope-values">
            {groups(draft.scopeKind).map((group) => (
              <option key={group} value={group} />
            ))}
          </datalist>
        </label>
      )}
    </div>
  )
}
