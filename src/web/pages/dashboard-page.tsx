import type { ApiError } from '../api/api-error.js'
import type { DashboardResponse, StatsResponse } from '../api/contract-types.js'
import { BarList } from '../charts/bar-list.js'
import { BenchmarkScale } from '../charts/benchmark-scale.js'
import { ColumnChart } from '../charts/column-chart.js'
import { StackedBar } from '../charts/stacked-bar.js'
import { Figure, PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import {
  formatCount,
  formatDate,
  formatMoney,
  formatMoneyShort,
  formatMonth,
  formatPercent,
  humanize,
} from '../lib/format.js'
import { Link } from '../lib/router.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

/** The seeds' benchmark: companies lose 10–40 % of their customers a year (SPEC). */
export const CHURN_BENCHMARK = { low: 0.1, high: 0.4 } as const

/** The dashboard: lost and at-risk counts, value at stake, churn against its benchmark. */
export function DashboardPage() {
  const api = useApi()
  const dashboard = useApiQuery('dashboard', (signal) =>
    api.get<DashboardResponse>('/dashboard', { signal }),
  )
  const stats = useApiQuery('stats', (signal) => api.get<StatsResponse>('/stats', { signal }))
  return (
    <>
      <PageHeader
        title="Dashboard"
        lead={
          dashboard.data === undefined
            ? 'Who has gone, what they are worth, and how fast customers leave.'
            : `From the analysis as of ${formatDate(dashboard.data.asOf)}.`
        }
      />
      <DashboardFigures state={dashboard} />
      <StoreCounts stats={stats.data} error={stats.error} />
    </>
  )
}

function DashboardFigures(props: {
  state: {
    data: DashboardResponse | undefined
    error: ApiError | undefined
    loading: boolean
    reload(): void
  }
}) {
  const { data, error, loading } = props.state
  if (data === undefined && loading) {
    return <LoadingState label="Loading the figures…" />
  }
  if (error !== undefined && error.status === 404) {
    return (
      <EmptyState title="No figures yet">
        <p>{error.message}</p>
        <p>Figures appear after an analyst imports orders and runs an analysis.</p>
      </EmptyState>
    )
  }
  if (error !== undefined || data === undefined) {
    return error === undefined ? null : <ErrorState error={error} onRetry={props.state.reload} />
  }
  return <DashboardBody data={data} />
}

function DashboardBody(props: { data: DashboardResponse }) {
  const { data } = props
  const money = (minor: number) => formatMoney(minor, data.currency)
  const counts = data.statusCounts
  return (
    <>
      <dl className="figures">
        <Figure
          label="Lost customers"
          value={formatCount(counts.lost)}
          note={<Link to="/lost">See the lost list →</Link>}
          tone="lost"
        />
        <Figure
          label="At risk"
          value={formatCount(counts.at_risk)}
          note={`${formatCount(counts.lapsed)} more lapsed`}
          tone="at_risk"
        />
        <Figure
          label="Value at stake"
          value={money(data.valueAtStakeMinor)}
          note={`${money(data.expectedValueMinor)} expected to be won back`}
        />
        <Figure
          label="Lost deals"
          value={formatCount(data.lostDeals.count)}
          note={`${money(data.lostDeals.valueMinor)} in failed sales`}
          tone="deal"
        />
      </dl>
      <div className="grid-2">
        <Panel id="status" title="Customers by status">
          <StackedBar
            label="Customers by status"
            parts={[
              { label: 'Active', value: counts.active, tone: 'active' },
              { label: 'At risk', value: counts.at_risk, tone: 'at_risk' },
              { label: 'Lapsed', value: counts.lapsed, tone: 'lapsed' },
              { label: 'Lost', value: counts.lost, tone: 'lost' },
            ]}
          />
        </Panel>
        <Panel id="churn" title="Churn rate">
          <BenchmarkScale
            label="Churn rate"
            value={data.churn.rate}
            band={CHURN_BENCHMARK}
            max={0.6}
          />
          <p className="muted small">
            {formatCount(data.churn.becameLost)} of {formatCount(data.churn.activeAtStart)} active
            customers became lost between {formatDate(data.churn.periodStart)} and{' '}
            {formatDate(data.churn.periodEnd)}. Companies lose {formatPercent(CHURN_BENCHMARK.low)}–
            {formatPercent(CHURN_BENCHMARK.high)} of their customers a year.
          </p>
        </Panel>
      </div>
      <div className="grid-2">
        <Panel id="lost-by-month" title="Lost per month">
          {data.lostByMonth.length === 0 ? (
            <EmptyState title="No one lost in this period" />
          ) : (
            <ColumnChart
              title="Customers and deals lost per month"
              categories={data.lostByMonth.map((row) => formatMonth(row.month))}
              series={[
                {
                  name: 'customers',
                  tone: 'lost',
                  values: data.lostByMonth.map((row) => row.customers),
                },
                { name: 'deals', tone: 'deal', values: data.lostByMonth.map((row) => row.deals) },
              ]}
              formatValue={(value) => formatCount(Math.round(value))}
              integer
            />
          )}
        </Panel>
        <Panel id="reasons" title="Why they left, by value at stake">
          {data.topReasons.length === 0 ? (
            <EmptyState title="No reasons recorded yet" />
          ) : (
            <BarList
              label="Loss reasons by value at stake"
              items={data.topReasons.map((row) => ({
                label: `${humanize(row.reason)} (${formatCount(row.count)})`,
                value: row.valueMinor,
                display: formatMoneyShort(row.valueMinor, data.currency),
              }))}
            />
          )}
        </Panel>
      </div>
    </>
  )
}

function StoreCounts(props: { stats: StatsResponse | undefined; error: ApiError | undefined }) {
  if (props.error !== undefined) {
    return <ErrorState title="Could not load the record counts" error={props.error} />
  }
  if (props.stats === undefined) {
    return null
  }
  const { stats } = props
  const rows: [string, number][] = [
    ['Customers', stats.customers],
    ['Orders', stats.orders],
    ['Deals', stats.deals],
    ['Contacts', stats.contacts],
    ['Incidents', stats.incidents],
    ['Imports', stats.imports],
  ]
  return (
    <Panel id="records" title="Your records">
      <dl className="mini-figures">
        {rows.map(([label, count]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatCount(count)}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  )
}
