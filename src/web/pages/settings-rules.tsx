import { type FormEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type {
  CaseRuleName,
  CaseRuleSettingsResponse,
  ChangeCaseRuleSettingsBody,
} from '../api/contract-types.js'
import { ruleName } from '../components/rule-refusal.js'
import { ErrorState, LoadingState } from '../components/states.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

/** The case rules: each on or off, and how many months a rep counts as new. */
export function CaseRulesSettings(props: { canEdit: boolean }) {
  const api = useApi()
  const query = useApiQuery('case-rules', (signal) =>
    api.get<CaseRuleSettingsResponse>('/settings/case-rules', { signal }),
  )
  if (query.data === undefined) {
    return query.error === undefined ? (
      <LoadingState label="Loading the case rules…" />
    ) : (
      <ErrorState error={query.error} onRetry={query.reload} />
    )
  }
  return <RulesForm settings={query.data} canEdit={props.canEdit} onSaved={query.reload} />
}

function RulesForm(props: {
  settings: CaseRuleSettingsResponse
  canEdit: boolean
  onSaved: () => void
}) {
  const api = useApi()
  const [enabled, setEnabled] = useState(props.settings.enabled)
  const [months, setMonths] = useState(String(props.settings.newRepMonths))
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [saved, setSaved] = useState(false)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const body: ChangeCaseRuleSettingsBody = { enabled, newRepMonths: Number(months) }
    api
      .send('PATCH', '/settings/case-rules', body, { ifMatch: `"${props.settings.version}"` })
      .then(
        () => {
          setError(undefined)
          setSaved(true)
          props.onSaved()
        },
        (failure: unknown) => setError(toApiError(failure)),
      )
  }
  return (
    <form className="form" onSubmit={submit} aria-label="Case rules">
      <ul className="settings-rules">
        {props.settings.rules.map((rule) => (
          <li key={rule.rule}>
            <label className="check">
              <input
                type="checkbox"
                name={rule.rule}
                disabled={!props.canEdit}
                checked={enabled[rule.rule as CaseRuleName]}
                onChange={(event) => setEnabled({ ...enabled, [rule.rule]: event.target.checked })}
              />
              <span>
                <span className="strong">{ruleName(rule.rule)}</span>{' '}
                <span className="muted small">— {rule.text}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <label className="field field-narrow">
        <span>A rep is new for (months)</span>
        <input
          type="number"
          name="newRepMonths"
          min="0"
          max="120"
          step="1"
          disabled={!props.canEdit}
          value={months}
          onChange={(event) => setMonths(event.target.value)}
        />
      </label>
      {error === undefined ? null : <ErrorState error={error} title="The rules were not saved" />}
      {saved ? (
        <p className="notice notice-success" role="status">
          The case rules were saved.
        </p>
      ) : null}
      {props.canEdit ? (
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Save the rules
          </button>
        </div>
      ) : null}
    </form>
  )
}
