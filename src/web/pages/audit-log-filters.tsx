import type { FormEvent } from 'react'
import { useEffect, useState } from 'react'

/** The audit page's filters, as the URL keeps them (empty: not set). */
export interface AuditFilters {
  readonly actor: string
  readonly action: string
  readonly objectType: string
  readonly objectId: string
  readonly since: string
  readonly until: string
}

export const AUDIT_FILTER_KEYS = [
  'actor',
  'action',
  'objectType',
  'objectId',
  'since',
  'until',
] as const satisfies readonly (keyof AuditFilters)[]

/** The filters in the page's address. */
export function auditFiltersFromSearch(search: URLSearchParams): AuditFilters {
  const read = (key: keyof AuditFilters) => search.get(key)?.trim() ?? ''
  return {
    actor: read('actor'),
    action: read('action'),
    objectType: read('objectType'),
    objectId: read('objectId'),
    since: read('since'),
    until: read('until'),
  }
}

const LABELS: Readonly<Record<keyof AuditFilters, { label: string; placeholder: string }>> = {
  actor: { label: 'Actor', placeholder: 'user:7 or local-admin' },
  action: { label: 'Action', placeholder: 'export, login, denied_read…' },
  objectType: { label: 'Object type', placeholder: 'customer, lost_list…' },
  objectId: { label: 'Object id', placeholder: 'C-1001' },
  since: { label: 'From (UTC)', placeholder: '' },
  until: { label: 'Before (UTC)', placeholder: '' },
}

/** The filter form: free text for who, what and which object, dates for when; Enter applies. */
export function AuditFilterForm(props: {
  filters: AuditFilters
  onApply: (filters: AuditFilters) => void
}) {
  const [draft, setDraft] = useState(props.filters)
  // the address changed (applied, cleared, back button): show what it now says, not on every render
  const applied = JSON.stringify(props.filters)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `applied` says when the filters changed
  useEffect(() => setDraft(props.filters), [applied])
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    props.onApply(draft)
  }
  const clear = () =>
    props.onApply({ actor: '', action: '', objectType: '', objectId: '', since: '', until: '' })
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter the audit log">
      {AUDIT_FILTER_KEYS.map((key) => (
        <label className="field" key={key}>
          <span>{LABELS[key].label}</span>
          <input
            name={key}
            type={key === 'since' || key === 'until' ? 'date' : 'text'}
            placeholder={LABELS[key].placeholder}
            value={draft[key]}
            onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
          />
        </label>
      ))}
      <div className="filter-actions">
        <button type="submit" className="button button-primary">
          Apply
        </button>
        <button type="button" className="button button-ghost" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  )
}
