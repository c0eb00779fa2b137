import type { FormEvent } from 'react'
import { useEffect, useState } from 'react'
import type { CustomerSummary } from '../api/contract-types.js'
import { ExportButton } from '../components/export-button.js'
import { PageHeader } from '../components/page-header.js'
import { Pager } from '../components/pager.js'
import { SortHeader } from '../components/sort-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount, formatDate, formatMoney } from '../lib/format.js'
import { Link, navigate, pathWithQuery, useLocation } from '../lib/router.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

const PAGE_SIZE = 50
const SORTS = [
  'name',
  '-name',
  'id',
  '-id',
  'segment',
  '-segment',
  'territory',
  '-territory',
  'created_at',
  '-created_at',
]

interface CustomerPage {
  readonly items: readonly CustomerSummary[]
  readonly total: number
  readonly nextCursor: string | null
}

/** Every customer the user may read, searchable and paged (the API's customer list). */
export function CustomersPage(props: { currency?: string }) {
  const api = useApi()
  const { search } = useLocation()
  const query = {
    search: search.get('search') ?? '',
    segment: search.get('segment') ?? '',
    sort: SORTS.includes(search.get('sort') ?? '') ? (search.get('sort') ?? 'name') : 'name',
    offset: /^\d+$/.test(search.get('offset') ?? '') ? (search.get('offset') ?? '') : '',
  }
  const go = (next: typeof query) =>
    navigate(
      pathWithQuery('/customers', { ...next, sort: next.sort === 'name' ? '' : next.sort }),
      { replace: true },
    )
  const page = useApiQuery(JSON.stringify(query), (signal) =>
    api.get<CustomerPage>('/customers', {
      query: {
        limit: PAGE_SIZE,
        offset: query.offset === '' ? 0 : Number(query.offset),
        search: query.search,
        segment: query.segment,
        sort: query.sort,
      },
      signal,
    }),
  )
  const currency = props.currency ?? 'USD'
  return (
    <>
      <PageHeader
        title="Customers"
        actions={
          <ExportButton
            path="/customers/export"
            query={{ search: query.search, segment: query.segment, sort: query.sort }}
            fileName="customer-list.csv"
          />
        }
        lead={
          page.data === undefined
            ? 'Every account you may see.'
            : `${formatCount(page.data.total)} customers`
        }
      />
      <SearchForm
        search={query.search}
        segment={query.segment}
        onSearch={(text, segment) => go({ ...query, search: text, segment, offset: '' })}
      />
      {page.data === undefined && page.loading ? <LoadingState label="Loading customers…" /> : null}
      {page.error === undefined ? null : <ErrorState error={page.error} onRetry={page.reload} />}
      {page.data !== undefined && page.error === undefined ? (
        page.data.items.length === 0 ? (
          <EmptyState title="No customers match" />
        ) : (
          <CustomerTable
            page={page.data}
            loading={page.loading}
            sort={query.sort}
            currency={currency}
            offset={query.offset === '' ? 0 : Number(query.offset)}
            onSort={(sort) => go({ ...query, sort, offset: '' })}
            onOffset={(offset) => go({ ...query, offset: offset === 0 ? '' : String(offset) })}
          />
        )
      ) : null}
    </>
  )
}

function SearchForm(props: {
  search: string
  segment: string
  onSearch: (search: string, segment: string) => void
}) {
  const [text, setText] = useState(props.search)
  const [segment, setSegment] = useState(props.segment)
  useEffect(() => setText(props.search), [props.search])
  useEffect(() => setSegment(props.segment), [props.segment])
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    props.onSearch(text.trim(), segment.trim())
  }
  return (
    <form className="filters" onSubmit={submit} aria-label="Search customers">
      <label className="field field-grow">
        <span>Search</span>
        <input
          type="search"
          name="search"
          placeholder="Name or id"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <label className="field">
        <span>Segment</span>
        <input
          name="segment"
          value={segment}
          onChange={(event) => setSegment(event.target.value)}
        />
      </label>
      <div className="filter-actions">
        <button type="submit" className="button button-primary">
          Search
        </button>
      </div>
    </form>
  )
}

function CustomerTable(props: {
  page: CustomerPage
  loading: boolean
  sort: string
  currency: string
  offset: number
  onSort: (sort: string) => void
  onOffset: (offset: number) => void
}) {
  const { page, currency } = props
  const sortProps = { current: props.sort, onSort: props.onSort }
  return (
    <div className={props.loading ? 'is-reloading' : undefined} aria-busy={props.loading}>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Customers</caption>
          <thead>
            <tr>
              <SortHeader sortKey="name" {...sortProps}>
                Name
              </SortHeader>
              <SortHeader sortKey="segment" {...sortProps}>
                Segment
              </SortHeader>
              <SortHeader sortKey="territory" {...sortProps}>
                Territory
              </SortHeader>
              <th scope="col" className="numeric">
                Orders
              </th>
              <th scope="col">Last order</th>
              <th scope="col" className="numeric">
                Revenue
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((customer) => (
              <tr key={customer.id}>
                <td className="cell-name">
                  <Link to={`/customers/${encodeURIComponent(customer.id)}`}>
                    {customer.name ?? customer.id}
                  </Link>
                  <span className="muted small"> · {customer.id}</span>
                </td>
                <td>{customer.segment ?? '–'}</td>
                <td>{customer.territory ?? '–'}</td>
                <td className="numeric">{formatCount(customer.orderCount)}</td>
                <td>{formatDate(customer.lastOrderedOn)}</td>
                <td className="numeric">{formatMoney(customer.revenueMinor, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        label="Customer pages"
        offset={props.offset}
        pageSize={PAGE_SIZE}
        total={page.total}
        shown={page.items.length}
        onOffset={props.onOffset}
      />
    </div>
  )
}
