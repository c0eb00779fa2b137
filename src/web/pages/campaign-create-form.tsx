import { type FormEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { LostListResponse } from '../api/contract-types.js'
import type {
  CampaignSegmentBody,
  CreateCampaignBody,
  CreatedCampaignResponse,
  TemplateItem,
} from '../api/outreach-types.js'
import { ErrorState } from '../components/states.js'
import { formatCount, minorDigits } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { LostListFilterForm } from './lost-list-filter-form.js'
import { filtersToQuery, type LostListFilters } from './lost-list-filters.js'

/** The campaign's segment: the lost list's filters without its paging and sort. */
export function segmentOf(filters: LostListFilters, currency: string): CampaignSegmentBody {
  const {
    limit: _limit,
    offset: _offset,
    sort: _sort,
    ...segment
  } = filtersToQuery(filters, minorDigits(currency))
  return segment as CampaignSegmentBody
}

/** The holdout share typed as a percentage (default 10 %), as the API's fraction; null when invalid. */
export function holdoutShareOf(percentText: string): number | null {
  const percent = Number(percentText)
  return percentText.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100
    ? null
    : percent / 100
}

/**
 * Makes a campaign over a saved segment of the lost list: its filters (from the page URL, so
 * "the lost list's current filters" carry over), an email template, a date and a holdout share.
 */
export function CampaignCreateForm(props: {
  initialFilters: LostListFilters
  onCreated: (created: CreatedCampaignResponse) => void
}) {
  const api = useApi()
  const [filters, setFilters] = useState(props.initialFilters)
  const [terms, setTerms] = useState<Terms>(NO_TERMS)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const matches = useApiQuery(`campaign-segment:${JSON.stringify(filters)}`, (signal) =>
    api.get<LostListResponse>('/lost', {
      query: { ...filtersToQuery(filters, 2), limit: 1 },
      signal,
    }),
  )
  const currency = matches.data?.currency ?? 'USD'
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setBusy(true)
    api
      .send<CreatedCampaignResponse>(
        'POST',
        '/campaigns',
        campaignBody(terms, segmentOf(filters, currency)),
      )
      .then(
        (created) => {
          setBusy(false)
          props.onCreated(created)
        },
        (failure: unknown) => {
          setBusy(false)
          setError(toApiError(failure))
        },
      )
  }
  return (
    <div className="campaign-create">
      <h3>Segment of the lost list</h3>
      <LostListFilterForm
        filters={filters}
        facets={matches.data?.facets}
        currency={currency}
        onChange={setFilters}
      />
      <p role="status" className="muted">
        {matches.data === undefined
          ? 'Counting…'
          : `${formatCount(matches.data.total)}${matches.data.totalIsLowerBound ? '+' : ''} on the lost list match now; let-go customers are left out`}
      </p>
      <form className="form" aria-label="New campaign" onSubmit={submit}>
        <TermsFields terms={terms} onChange={setTerms} />
        {error === undefined ? null : (
          <ErrorState error={error} title="The campaign was not made" />
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Making…' : 'Make the campaign'}
          </button>
        </div>
      </form>
    </div>
  )
}

/** The campaign's terms as typed. */
interface Terms {
  readonly name: string
  readonly templateKey: string
  readonly scheduledOn: string
  readonly holdoutPercent: string
}

const NO_TERMS: Terms = { name: '', templateKey: '', scheduledOn: '', holdoutPercent: '10' }

/** The `POST /api/campaigns` body of the typed terms and the chosen segment. */
export function campaignBody(terms: Terms, segment: CampaignSegmentBody): CreateCampaignBody {
  const holdoutShare = holdoutShareOf(terms.holdoutPercent)
  return {
    name: terms.name.trim(),
    templateKey: terms.templateKey,
    segment,
    ...(holdoutShare === null ? {} : { holdoutShare }),
    ...(terms.scheduledOn === '' ? {} : { scheduledOn: terms.scheduledOn }),
  }
}

function TermsFields(props: { terms: Terms; onChange: (terms: Terms) => void }) {
  const api = useApi()
  const templates = useApiQuery('campaign-templates', (signal) =>
    api.get<{ items: TemplateItem[] }>('/templates', { query: { kind: 'email' }, signal }),
  )
  const { terms } = props
  const set = (patch: Partial<Terms>) => props.onChange({ ...terms, ...patch })
  return (
    <div className="form-row">
      <label className="field field-grow">
        <span>Name</span>
        <input
          name="name"
          required
          value={terms.name}
          onChange={(e) => set({ name: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Email template</span>
        <select
          name="templateKey"
          required
          value={terms.templateKey}
          onChange={(e) => set({ templateKey: e.target.value })}
        >
          <option value="">Choose…</option>
          {(templates.data?.items ?? []).map((template) => (
            <option key={template.key} value={template.key}>
              {template.name} ({template.tone})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Send on</span>
        <input
          type="date"
          name="scheduledOn"
          value={terms.scheduledOn}
          onChange={(e) => set({ scheduledOn: e.target.value })}
        />
      </label>
      <label className="field field-narrow">
        <span>Holdout %</span>
        <input
          type="number"
          name="holdoutPercent"
          min={0}
          max={100}
          step="any"
          required
          value={terms.holdoutPercent}
          onChange={(e) => set({ holdoutPercent: e.target.value })}
        />
      </label>
    </div>
  )
}
