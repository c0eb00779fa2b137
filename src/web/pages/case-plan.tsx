import { useState } from 'react'
import type { PlanConditionItem, PlanResponse } from '../../server/contract/plans.js'
import { apiUrl } from '../api/api-client.js'
import { toApiError } from '../api/api-error.js'
import type { CaseDetailResponse } from '../api/contract-types.js'
import { Panel } from '../components/page-header.js'
import { ErrorState, LoadingState } from '../components/states.js'
import { formatDate, formatMoney } from '../lib/format.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import {
  AgreePlanForm,
  ConditionForm,
  ExtraForm,
  FixForm,
  StartPlanForm,
} from './case-plan-forms.js'

const STATUS_WORDS: Readonly<Record<PlanResponse['status'], string>> = {
  none: 'No plan yet',
  draft: 'Draft: not agreed yet',
  agreed: 'Agreed',
  changed: 'Changed since it was agreed: agree it again',
}

/**
 * A case's written plan (SPEC §6, seed 001 §8): the fix, the conditions both sides agree to with
 * owner and due date, tracked to done; what is delivered beyond the fix; the agreement with both
 * parties' names, and the printable agreement to download.
 */
export function CasePlan(props: {
  detail: CaseDetailResponse
  /** the case as it stands after a plan change (its timeline grew) */
  onCaseChanged?: (detail: CaseDetailResponse) => void
}) {
  const api = useApi()
  const me = useMe()
  const caseId = props.detail.id
  const query = useApiQuery(`plan:${caseId}`, (signal) =>
    api.get<PlanResponse>(`/cases/${caseId}/plan`, { signal }),
  )
  const [latest, setLatest] = useState<PlanResponse | undefined>(undefined)
  const plan = latest ?? query.data
  const saved = (next: PlanResponse) => {
    setLatest(next)
    api.get<CaseDetailResponse>(`/cases/${caseId}`).then(
      (fresh) => props.onCaseChanged?.(fresh),
      // the plan shows the change; a timeline a moment behind is no error
      () => undefined,
    )
  }
  if (plan === undefined) {
    return (
      <Panel title="Plan" id="case-plan">
        {query.error === undefined ? (
          <LoadingState label="Loading the plan…" />
        ) : (
          <ErrorState error={query.error} onRetry={query.reload} />
        )}
      </Panel>
    )
  }
  // analysts read cases but do not work them (SPEC access policy)
  const writes = me.user.role !== 'analyst'
  return (
    <Panel title="Plan" id="case-plan">
      <p>
        <span className="badge" data-plan-status={plan.status}>
          {STATUS_WORDS[plan.status]}
        </span>
        {plan.agreedOn === null ? null : (
          <span className="muted small">
            {' '}
            · agreed {formatDate(plan.agreedOn)} by {plan.ourSigner} and {plan.theirSigner}
          </span>
        )}
      </p>
      {plan.status === 'none' && writes ? (
        <StartPlanForm caseId={caseId} onSaved={saved} />
      ) : writes ? (
        <FixForm key={plan.version} plan={plan} onSaved={saved} />
      ) : (
        <p>
          <span className="strong">The fix: </span>
          {plan.summary ?? <span className="muted">not written yet</span>}
        </p>
      )}
      <h3>Conditions</h3>
      <ConditionList plan={plan} writes={writes} onChanged={saved} />
      {writes ? <ConditionForm detail={props.detail} onSaved={saved} /> : null}
      <h3>And then some</h3>
      <ExtraList plan={plan} />
      {writes ? <ExtraForm caseId={caseId} onSaved={saved} /> : null}
      <h3>Agreement</h3>
      {writes && plan.version !== null && plan.status !== 'agreed' ? (
        <AgreePlanForm key={plan.version} plan={plan} onSaved={saved} />
      ) : null}
      <p>
        <a
          className="button button-secondary"
          href={apiUrl(`/cases/${caseId}/plan/agreement.pdf`, { size: 'a4' })}
          download
        >
          Download the agreement (A4 PDF)
        </a>{' '}
        <a
          className="button button-secondary"
          href={apiUrl(`/cases/${caseId}/plan/agreement.pdf`, { size: 'letter' })}
          download
        >
          Letter
        </a>
      </p>
    </Panel>
  )
}

function ConditionList(props: {
  plan: PlanResponse
  writes: boolean
  onChanged: (plan: PlanResponse) => void
}) {
  const api = useApi()
  const [problem, setProblem] = useState('')
  const { plan } = props
  if (plan.conditions.length === 0) {
    return <p className="muted">No conditions yet.</p>
  }
  const done = (line: PlanConditionItem) =>
    api
      .send<PlanResponse>('POST', `/cases/${plan.caseId}/plan/conditions/${line.id}/done`, {})
      .then(
        (next) => {
          setProblem('')
          props.onChanged(next)
        },
        (failure: unknown) => setProblem(toApiError(failure).message),
      )
  return (
    <>
      {problem === '' ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {plan.allDone ? <p className="strong">Every condition is done.</p> : null}
      <ul className="contact-list" aria-label="Plan conditions">
        {plan.conditions.map((line) => (
          <li key={line.id} data-condition-status={line.status}>
            <span className="strong">{line.text}</span>
            <span className="muted small">
              {' '}
              · {line.side === 'us' ? `ours, ${line.ownerName}` : `theirs, ${line.contactName}`} ·
              due {formatDate(line.dueOn)}
            </span>
            {line.overdue ? <span className="overdue-flag"> · overdue</span> : null}
            {line.status === 'done' ? (
              <span className="muted small"> · done {formatDate(line.doneOn)}</span>
            ) : props.writes ? (
              <>
                {' '}
                <button
                  type="button"
                  className="button button-secondary small"
                  onClick={() => void done(line)}
                >
                  Mark “{line.text}” done
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  )
}

function ExtraList(props: { plan: PlanResponse }) {
  if (props.plan.extras.length === 0) {
    return <p className="muted">Nothing beyond the fix recorded yet.</p>
  }
  return (
    <ul className="contact-list" aria-label="Plan extras">
      {props.plan.extras.map((extra) => (
        <li key={extra.id}>
          {extra.what}
          {extra.valueMinor === null || extra.currency === null ? null : (
            <span className="muted small">
              {' '}
              · worth {formatMoney(extra.valueMinor, extra.currency)}
            </span>
          )}
          {extra.deliveredOn === null ? null : (
            <span className="muted small"> · delivered {formatDate(extra.deliveredOn)}</span>
          )}
        </li>
      ))}
    </ul>
  )
}
