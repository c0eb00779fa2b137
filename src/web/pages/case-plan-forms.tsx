import { type FormEvent, type ReactNode, useState } from 'react'
import type {
  AddPlanConditionBody,
  AddPlanExtraBody,
  PlanResponse,
} from '../../server/contract/plans.js'
import { toApiError } from '../api/api-error.js'
import type { CaseDetailResponse } from '../api/contract-types.js'
import { parseMoneyInput } from '../lib/money-input.js'
import { useApi } from '../lib/session.js'
import { etagOf, useCompanyCurrency } from './case-move.js'

const orNull = (text: string) => (text.trim() === '' ? null : text.trim())

/** Sends one write and reports its outcome: the plan as it now stands, or the server's words. */
function useSave(onSaved: (plan: PlanResponse) => void) {
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  const save = (write: () => Promise<PlanResponse>, after?: () => void) => {
    setBusy(true)
    write().then(
      (plan) => {
        setBusy(false)
        setProblem('')
        after?.()
        onSaved(plan)
      },
      (failure: unknown) => {
        setBusy(false)
        setProblem(toApiError(failure).message)
      },
    )
  }
  return { problem, setProblem, busy, save }
}

function Problem(props: { text: string }): ReactNode {
  return props.text === '' ? null : (
    <p className="form-error" role="alert">
      {props.text}
    </p>
  )
}

/** Starts the plan with its fix: what we will do about what went wrong. */
export function StartPlanForm(props: { caseId: number; onSaved: (plan: PlanResponse) => void }) {
  const api = useApi()
  const [summary, setSummary] = useState('')
  const { problem, busy, save } = useSave(props.onSaved)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save(() =>
      api.send<PlanResponse>('POST', `/cases/${props.caseId}/plan`, { summary: orNull(summary) }),
    )
  }
  return (
    <form className="stack" onSubmit={submit} aria-label="Start the plan">
      <label className="field">
        <span>The fix (what we will do)</span>
        <textarea value={summary} onChange={(event) => setSummary(event.target.value)} rows={2} />
      </label>
      <Problem text={problem} />
      <button type="submit" className="button button-primary" disabled={busy}>
        Start the plan
      </button>
    </form>
  )
}

/** Rewrites the fix at the plan version shown (If-Match); an agreed plan then needs agreeing again. */
export function FixForm(props: { plan: PlanResponse; onSaved: (plan: PlanResponse) => void }) {
  const api = useApi()
  const [summary, setSummary] = useState(props.plan.summary ?? '')
  const { problem, busy, save } = useSave(props.onSaved)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save(() =>
      api.send<PlanResponse>(
        'PATCH',
        `/cases/${props.plan.caseId}/plan`,
        { summary: orNull(summary) },
        { ifMatch: etagOf(props.plan.version ?? 0) },
      ),
    )
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label="The fix">
      <label className="field field-grow">
        <span>The fix (what we will do)</span>
        <input value={summary} onChange={(event) => setSummary(event.target.value)} />
      </label>
      <button type="submit" className="button button-secondary" disabled={busy}>
        Save the fix
      </button>
      <Problem text={problem} />
    </form>
  )
}

interface ConditionDraft {
  readonly text: string
  readonly side: 'us' | 'customer'
  readonly ownerId: string
  readonly contactName: string
  readonly dueOn: string
}

function conditionBody(
  draft: ConditionDraft,
): { body: AddPlanConditionBody } | { problem: string } {
  if (draft.text.trim() === '') {
    return { problem: 'Condition: say what is to be done' }
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.dueOn)) {
    return { problem: 'Due: choose a date' }
  }
  if (draft.side === 'customer' && draft.contactName.trim() === '') {
    return { problem: 'Their contact: name the person who owes it' }
  }
  return {
    body:
      draft.side === 'us'
        ? {
            text: draft.text.trim(),
            side: 'us',
            ownerId: Number(draft.ownerId),
            dueOn: draft.dueOn,
          }
        : {
            text: draft.text.trim(),
            side: 'customer',
            contactName: draft.contactName.trim(),
            dueOn: draft.dueOn,
          },
  }
}

/** Adds a condition: ours with an owner from the case's people, or theirs with a named contact. */
export function ConditionForm(props: {
  detail: CaseDetailResponse
  onSaved: (plan: PlanResponse) => void
}) {
  const api = useApi()
  const people = [
    props.detail.owner,
    ...props.detail.reps.filter((rep) => rep.id !== props.detail.owner.id),
  ]
  const empty: ConditionDraft = {
    text: '',
    side: 'us',
    ownerId: String(props.detail.owner.id),
    contactName: '',
    dueOn: '',
  }
  const [draft, setDraft] = useState(empty)
  const change = (next: Partial<ConditionDraft>) => setDraft({ ...draft, ...next })
  const { problem, setProblem, busy, save } = useSave(props.onSaved)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const checked = conditionBody(draft)
    if ('problem' in checked) {
      setProblem(checked.problem)
      return
    }
    save(
      () =>
        api.send<PlanResponse>('POST', `/cases/${props.detail.id}/plan/conditions`, checked.body),
      () => setDraft(empty),
    )
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add a condition">
      <label className="field field-grow">
        <span>Condition</span>
        <input value={draft.text} onChange={(event) => change({ text: event.target.value })} />
      </label>
      <label className="field">
        <span>Owed by</span>
        <select
          value={draft.side}
          onChange={(event) => change({ side: event.target.value as 'us' | 'customer' })}
        >
          <option value="us">Us</option>
          <option value="customer">The customer</option>
        </select>
      </label>
      {draft.side === 'us' ? (
        <label className="field">
          <span>Our owner</span>
          <select
            value={draft.ownerId}
            onChange={(event) => change({ ownerId: event.target.value })}
          >
            {people.map((person) => (
              <option key={person.id} value={String(person.id)}>
                {person.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="field">
          <span>Their contact</span>
          <input
            value={draft.contactName}
            onChange={(event) => change({ contactName: event.target.value })}
          />
        </label>
      )}
      <label className="field">
        <span>Due</span>
        <input
          type="date"
          value={draft.dueOn}
          onChange={(event) => change({ dueOn: event.target.value })}
        />
      </label>
      <button type="submit" className="button button-primary" disabled={busy}>
        Add condition
      </button>
      <Problem text={problem} />
    </form>
  )
}

/** Records what is delivered beyond the fix ("X plus something else", seed 001 §7). */
export function ExtraForm(props: { caseId: number; onSaved: (plan: PlanResponse) => void }) {
  const api = useApi()
  const currency = useCompanyCurrency()
  const [what, setWhat] = useState('')
  const [value, setValue] = useState('')
  const { problem, setProblem, busy, save } = useSave(props.onSaved)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const valueMinor = value.trim() === '' ? null : parseMoneyInput(value, currency)
    if (what.trim() === '' || (value.trim() !== '' && valueMinor === null)) {
      setProblem(
        what.trim() === ''
          ? 'Extra: say what is delivered'
          : `Worth: write an amount in ${currency}`,
      )
      return
    }
    const body: AddPlanExtraBody = { what: what.trim(), valueMinor }
    save(
      () => api.send<PlanResponse>('POST', `/cases/${props.caseId}/plan/extras`, body),
      () => {
        setWhat('')
        setValue('')
      },
    )
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add an extra">
      <label className="field field-grow">
        <span>Extra</span>
        <input value={what} onChange={(event) => setWhat(event.target.value)} />
      </label>
      <label className="field">
        <span>Worth ({currency}, optional)</span>
        <input
          value={value}
          onChange={(event) => setValue(event.target.value)}
          inputMode="decimal"
        />
      </label>
      <button type="submit" className="button button-secondary" disabled={busy}>
        Add extra
      </button>
      <Problem text={problem} />
    </form>
  )
}

/** Both sides agree the plan as shown (its version): our signer is the case owner. */
export function AgreePlanForm(props: {
  plan: PlanResponse
  onSaved: (plan: PlanResponse) => void
}) {
  const api = useApi()
  const [signer, setSigner] = useState(props.plan.theirSigner ?? '')
  const { problem, busy, save } = useSave(props.onSaved)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save(() =>
      api.send<PlanResponse>(
        'PATCH',
        `/cases/${props.plan.caseId}/plan/agreement`,
        { theirSigner: orNull(signer) },
        { ifMatch: etagOf(props.plan.version ?? 0) },
      ),
    )
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Agree the plan">
      <label className="field field-grow">
        <span>Their signer</span>
        <input value={signer} onChange={(event) => setSigner(event.target.value)} />
      </label>
      <button type="submit" className="button button-primary" disabled={busy}>
        Agree the plan
      </button>
      <Problem text={problem} />
    </form>
  )
}
