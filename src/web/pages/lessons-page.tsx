import type { LessonsResponse } from '../api/contract-types.js'
import { Figure, PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount } from '../lib/format.js'
import { navigate, pathWithQuery, useLocation } from '../lib/router.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { ParetoBars, ParetoTable, RepBars, TallyChart, topReasons } from './lessons-charts.js'
import { WinBackModelPanel } from './win-back-model-panel.js'

const PERIODS = ['month', 'quarter', 'year'] as const

/** The golden lessons: why customers were lost, by count and by money, over time and by group. */
export function LessonsPage() {
  const api = useApi()
  const { search } = useLocation()
  const period = PERIODS.find((one) => one === search.get('period')) ?? 'quarter'
  const from = search.get('from') ?? ''
  const to = search.get('to') ?? ''
  const lessons = useApiQuery(`lessons:${period}:${from}:${to}`, (signal) =>
    api.get<LessonsResponse>('/lessons', { query: { period, from, to }, signal }),
  )
  const change = (next: Partial<Record<'period' | 'from' | 'to', string>>) =>
    navigate(pathWithQuery('/lessons', { period, from, to, ...next }), { replace: true })
  return (
    <>
      <PageHeader
        title="Golden lessons"
        lead="Why customers and deals were lost, which reasons matter most, and which can be fixed."
      />
      <form className="filters" aria-label="Choose the window" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Trend by</span>
          <select value={period} onChange={(event) => change({ period: event.target.value })}>
            {PERIODS.map((one) => (
              <option key={one} value={one}>
                {one}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Lost from</span>
          <input
            type="date"
            value={from}
            onChange={(event) => change({ from: event.target.value })}
          />
        </label>
        <label className="field">
          <span>Lost until</span>
          <input type="date" value={to} onChange={(event) => change({ to: event.target.value })} />
        </label>
      </form>
      <LessonsBody lessons={lessons} />
      <WinBackModelPanel />
    </>
  )
}

function LessonsBody(props: { lessons: ReturnType<typeof useApiQuery<LessonsResponse>> }) {
  const { lessons } = props
  if (lessons.data === undefined && lessons.loading) {
    return <LoadingState label="Loading the golden lessons…" />
  }
  if (lessons.error !== undefined) {
    return <ErrorState error={lessons.error} onRetry={lessons.reload} />
  }
  const data = lessons.data
  if (data === undefined) {
    return null
  }
  if (data.lossesWithReason === 0) {
    return (
      <EmptyState title="No losses with a known reason yet">
        <p>Reasons come from exit interviews on cases and from imported deal reasons.</p>
      </EmptyState>
    )
  }
  const labels = new Map(data.byCount.map((row) => [row.code, row.label]))
  const top = topReasons(data.byCount)
  const common = { top, labels, currency: data.currency }
  return (
    <div className={lessons.loading ? 'is-reloading' : undefined} aria-busy={lessons.loading}>
      <dl className="figures">
        <Figure label="Losses with a known reason" value={formatCount(data.lossesWithReason)} />
        <Figure
          label="Lost customers without a reason"
          value={formatCount(data.lostCustomersWithoutReason)}
          note="an exit interview would tell"
        />
        <Figure
          label="Fixable reasons"
          value={formatCount(data.byCount.filter((row) => row.fixable).length)}
          note={`of ${formatCount(data.byCount.length)}`}
        />
      </dl>
      <div className="grid-2">
        <Panel title="By number of losses" id="pareto-count">
          <ParetoBars rows={data.byCount} by="count" currency={data.currency} />
        </Panel>
        <Panel title="By lost revenue" id="pareto-revenue">
          <ParetoBars rows={data.byRevenue} by="revenue" currency={data.currency} />
        </Panel>
      </div>
      <Panel title={`Trend by ${data.period}`} id="lessons-trend">
        <TallyChart
          title={`Losses by reason per ${data.period}`}
          tallies={data.trend}
          measure="count"
          sortGroups
          {...common}
        />
      </Panel>
      <div className="grid-2">
        <Panel title="By segment" id="lessons-segment">
          <TallyChart
            title="Lost revenue by segment and reason"
            tallies={data.bySegment}
            measure="revenue"
            {...common}
          />
        </Panel>
        <Panel title="By territory" id="lessons-territory">
          <TallyChart
            title="Lost revenue by territory and reason"
            tallies={data.byTerritory}
            measure="revenue"
            {...common}
          />
        </Panel>
      </div>
      <Panel
        title="By rep (who owned the account when it was lost)"
        id="lessons-rep"
        className="wide-bars"
      >
        <RepBars tallies={data.byRep} labels={labels} />
      </Panel>
      <Panel title="Every reason" id="lessons-table">
        <ParetoTable rows={data.byCount} currency={data.currency} />
      </Panel>
    </div>
  )
}
