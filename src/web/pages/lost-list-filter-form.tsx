import { type FormEvent, useEffect, useState } from 'react'
import type { LostListResponse } from '../api/contract-types.js'
import { humanize } from '../lib/format.js'
import { EMPTY_FILTERS, type LostListFilters } from './lost-list-filters.js'

type Option = readonly [value: string, label: string]

/** A labelled select whose choice applies at once. */
function ChoiceField(props: {
  label: string
  name: keyof LostListFilters
  value: string
  options: readonly Option[]
  onChoose: (name: keyof LostListFilters, value: string) => void
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select
        name={props.name}
        value={props.value}
        onChange={(event) => props.onChoose(props.name, event.target.value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  )
}

/** A labelled number box, applied with the form. */
function NumberField(props: {
  label: string
  name: keyof LostListFilters
  value: string
  step: string
  onEdit: (name: keyof LostListFilters, value: string) => void
}) {
  return (
    <label className="field field-narrow">
      <span>{props.label}</span>
      <input
        type="number"
        name={props.name}
        min="0"
        step={props.step}
        inputMode={props.step === '1' ? 'numeric' : 'decimal'}
        value={props.value}
        onChange={(event) => props.onEdit(props.name, event.target.value)}
      />
    </label>
  )
}

// a value from the URL stays choosable even when the facets do not list it
function withCurrent(values: readonly string[], current: string): readonly string[] {
  return current === '' || values.includes(current) ? values : [current, ...values]
}

/** The lost list's filter bar: choices apply at once, typed values on Enter or "Apply". */
export function LostListFilterForm(props: {
  filters: LostListFilters
  facets: LostListResponse['facets'] | undefined
  currency: string
  onChange: (filters: LostListFilters) => void
}) {
  const [draft, setDraft] = useState(props.filters)
  const appliedKey = JSON.stringify(props.filters)
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the draft only when the applied filters change
  useEffect(() => setDraft(props.filters), [appliedKey])
  const edit = (key: keyof LostListFilters, value: string) => setDraft({ ...draft, [key]: value })
  const choose = (key: keyof LostListFilters, value: string) =>
    props.onChange({ ...draft, [key]: value, offset: '' })
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    props.onChange({ ...draft, offset: '' })
  }
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter the lost list">
      <label className="field field-grow">
        <span>Search</span>
        <input
          type="search"
          name="search"
          placeholder="Name or id"
          value={draft.search}
          onChange={(event) => edit('search', event.target.value)}
        />
      </label>
      <FilterChoices draft={draft} facets={props.facets} onChoose={choose} />
      <NumberField
        label={`Min. value (${props.currency})`}
        name="minValue"
        value={draft.minValue}
        step="any"
        onEdit={edit}
      />
      <NumberField
        label="Overdue ≥ days"
        name="minOverdueDays"
        value={draft.minOverdueDays}
        step="1"
        onEdit={edit}
      />
      <div className="filter-actions">
        <button type="submit" className="button button-primary">
          Apply
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => props.onChange(EMPTY_FILTERS)}
        >
          Clear
        </button>
      </div>
    </form>
  )
}

function FilterChoices(props: {
  draft: LostListFilters
  facets: LostListResponse['facets'] | undefined
  onChoose: (name: keyof LostListFilters, value: string) => void
}) {
  const { draft } = props
  const choose = props.onChoose
  const facets = props.facets ?? { segments: [], owners: [], reasons: [] }
  const owners = facets.owners.map((owner): Option => [String(owner.id), owner.name])
  return (
    <>
      <ChoiceField
        label="Show"
        name="kind"
        value={draft.kind}
        onChoose={choose}
        options={[
          ['', 'Customers and deals'],
          ['customer', 'Customers'],
          ['deal', 'Lost deals'],
        ]}
      />
      <ChoiceField
        label="Status"
        name="status"
        value={draft.status}
        onChoose={choose}
        options={[
          ['lost', 'Lost'],
          ['lapsed', 'Lapsed'],
          ['at_risk', 'At risk'],
        ]}
      />
      <ChoiceField
        label="Segment"
        name="segment"
        value={draft.segment}
        onChoose={choose}
        options={[
          ['', 'All segments'],
          ...withCurrent(facets.segments, draft.segment).map(
            (segment): Option => [segment, segment],
          ),
        ]}
      />
      <ChoiceField
        label="Owner"
        name="ownerId"
        value={draft.ownerId}
        onChoose={choose}
        options={[['', 'Everyone'], ...owners]}
      />
      <ChoiceField
        label="Reason"
        name="reason"
        value={draft.reason}
        onChoose={choose}
        options={[
          ['', 'Any reason'],
          ...withCurrent(facets.reasons, draft.reason).map(
            (reason): Option => [reason, humanize(reason)],
          ),
        ]}
      />
    </>
  )
}
