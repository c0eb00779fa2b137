import { useRef } from 'react'
import type { LostListItem, LostListResponse } from '../api/contract-types.js'
import { ExportButton } from '../components/export-button.js'
import { PageHeader } from '../components/page-header.js'
import { Pager } from '../components/pager.js'
import { SortHeader } from '../components/sort-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { StatusBadge } from '../components/status-badge.js'
import {
  formatCount,
  formatDate,
  formatDays,
  formatMoney,
  formatPercent,
  humanize,
  minorDigits,
} from '../lib/format.js'
import { Link, navigate, pathWithQuery, useLocation } from '../lib/router.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { LostListFilterForm } from './lost-list-filter-form.js'
import {
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  LOST_PAGE_SIZE,
  type LostListFilters,
} from './lost-list-filters.js'

/** Every lost customer and lost deal, filtered, sorted and paged by the server. */
export function LostListPage() {
  const api = useApi()
  const { search } = useLocation()
  const filters = filtersFromSearch(search)
  const key = JSON.stringify(filters)
  // money filters are typed in major units of the list's currency, known after the first answer
  const currencyRef = useRef('USD')
  const list = useApiQuery(key, (signal) =>
    api.get<LostListResponse>('/lost', {
      query: { ...filtersToQuery(filters, minorDigits(currencyRef.current)) },
      signal,
    }),
  )
  if (list.data !== undefined) {
    currencyRef.current = list.data.currency
  }
  const change = (next: LostListFilters) =>
    navigate(pathWithQuery('/lost', filtersToSearch(next)), { replace: true })
  const currency = list.data?.currency ?? 'USD'
  // the export takes the same filters and sort as the page, without its paging
  const {
    limit: _limit,
    offset: _offset,
    ...exportQuery
  } = filtersToQuery(filters, minorDigits(currency))
  return (
    <>
      <PageHeader
        title="Lost list"
        actions={<ExportButton path="/lost/export" query={exportQuery} fileName="lost-list.csv" />}
        lead={
          list.data === undefined
            ? 'Every lost customer and failed sale, best chance first.'
            : `${formatCount(list.data.total)}${list.data.totalIsLowerBound ? '+' : ''} ${list.data.total === 1 ? 'match' : 'matches'} · analysis as of ${formatDate(list.data.asOf)}`
        }
      />
      <LostListFilterForm
        filters={filters}
        facets={list.data?.facets}
        currency={currency}
        onChange={change}
      />
      <LostListBody list={list} filters={filters} onChange={change} />
    </>
  )
}

function LostListBody(props: {
  list: ReturnType<typeof useApiQuery<LostListResponse>>
  filters: LostListFilters
  onChange: (filters: LostListFilters) => void
}) {
  const { list, filters, onChange } = props
  if (list.data === undefined && list.loading) {
    return <LoadingState label="Loading the lost list…" />
  }
  if (list.error !== undefined) {
    return list.error.status === 404 ? (
      <EmptyState title="No lost list yet">
        <p>{list.error.message}</p>
      </EmptyState>
    ) : (
      <ErrorState error={list.error} onRetry={list.reload} />
    )
  }
  if (list.data === undefined) {
    return null
  }
  const { data } = list
  if (data.items.length === 0) {
    return (
      <EmptyState title="No one matches these filters">
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            onChange({
              ...filters,
              search: '',
              segment: '',
              ownerId: '',
              reason: '',
              minValue: '',
              minOverdueDays: '',
              kind: '',
              offset: '',
            })
          }
        >
          Clear the filters
        </button>
      </EmptyState>
    )
  }
  const offset = Number(filters.offset === '' ? 0 : filters.offset)
  return (
    <div className={list.loading ? 'is-reloading' : undefined} aria-busy={list.loading}>
      <LostTable
        items={data.items}
        currency={data.currency}
        sort={filters.sort}
        onSort={(sort) => onChange({ ...filters, sort, offset: '' })}
      />
      <Pager
        label="Lost list pages"
        offset={offset}
        pageSize={LOST_PAGE_SIZE}
        total={data.total}
        shown={data.items.length}
        onOffset={(next) => onChange({ ...filters, offset: next === 0 ? '' : String(next) })}
      />
    </div>
  )
}

function LostTable(props: {
  items: readonly LostListItem[]
  currency: string
  sort: string
  onSort: (sort: string) => void
}) {
  const sortProps = { current: props.sort, onSort: props.onSort }
  return (
    <div className="table-wrap">
      <table className="table lost-table">
        <caption className="visually-hidden">
          Lost customers and lost deals; each row says why it scores as it does
        </caption>
        <thead>
          <tr>
            <SortHeader sortKey="name" {...sortProps}>
              Customer or deal
            </SortHeader>
            <th scope="col">Status</th>
            <th scope="col">Segment · owner</th>
            <SortHeader sortKey="lostSince" firstDescending {...sortProps}>
              Lost since
            </SortHeader>
            <SortHeader sortKey="overdueDays" numeric firstDescending {...sortProps}>
              Overdue
            </SortHeader>
            <SortHeader sortKey="winBackProbability" numeric firstDescending {...sortProps}>
              P(win back)
            </SortHeader>
            <SortHeader sortKey="valueIfWonBack" numeric firstDescending {...sortProps}>
              Value if won back
            </SortHeader>
            <SortHeader sortKey="expectedValue" numeric firstDescending {...sortProps}>
              Expected value
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <LostRow key={`${item.kind}:${item.id}`} item={item} currency={props.currency} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function LostRow(props: { item: LostListItem; currency: string }) {
  const { item, currency } = props
  const explanationId = `why-${item.kind}-${item.id}`
  return (
    <tr>
      <td className="cell-name">
        <Link
          to={`/customers/${encodeURIComponent(item.customerId)}`}
          aria-describedby={explanationId}
        >
          {item.name ?? item.customerId}
        </Link>
        <span className="muted small">
          {' '}
          {item.kind === 'deal' ? `· lost deal #${item.id}` : `· ${item.id}`}
        </span>
        <p className="explanation" id={explanationId}>
          {item.explanation}
        </p>
        <LostReasons item={item} />
      </td>
      <td>
        <StatusBadge status={item.kind === 'deal' ? 'lost_deal' : item.status} />
        {item.probabilityAlive === null ? null : (
          <span className="muted small block">P(alive) {formatPercent(item.probabilityAlive)}</span>
        )}
      </td>
      <td>
        {item.segment ?? '–'}
        <span className="muted small block">{item.ownerName ?? 'No owner'}</span>
      </td>
      <td>{formatDate(item.lostSince)}</td>
      <td className="numeric">{formatDays(item.overdueDays)}</td>
      <td className="numeric">{formatPercent(item.winBackProbability)}</td>
      <td className="numeric">{formatMoney(item.valueIfWonBackMinor, currency)}</td>
      <td className="numeric strong">{formatMoney(item.expectedValueMinor, currency)}</td>
    </tr>
  )
}

/** The loss's reason codes as tags, and a "reason now fixed" badge when a fix covers them. */
function LostReasons(props: { item: LostListItem }) {
  const { item } = props
  const codes = item.reasons.length > 0 ? item.reasons : item.reason === null ? [] : [item.reason]
  return (
    <span className="lost-reasons">
      {codes.map((code) => (
        <span key={code} className="tag">
          {humanize(code)}
        </span>
      ))}
      {item.reasonFixed ? <span className="badge badge-won">Reason now fixed</span> : null}
    </span>
  )
}
