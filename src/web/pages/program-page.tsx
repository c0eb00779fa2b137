import { useState } from 'react'
import type { ProgramFiguresResponse } from '../api/program-types.js'
import { BarList } from '../charts/bar-list.js'
import { BenchmarkScale } from '../charts/benchmark-scale.js'
import { LiftForestChart } from '../charts/lift-forest-chart.js'
import { ExportButton } from '../components/export-button.js'
import { Figure, PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount, formatDate, formatMoney, formatPercent } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

type Dimension = 'manager' | 'rep' | 'reason' | 'segment'
type FigureSet = ProgramFiguresResponse['overall']
type Rate = FigureSet['winBack']

const DIMENSIONS: readonly [Dimension, string][] = [
  ['manager', 'Manager'],
  ['rep', 'Rep'],
  ['reason', 'Reason'],
  ['segment', 'Segment'],
]

const share = (rate: Rate | null) =>
  rate === null || rate.rate === null
    ? 'no cases yet'
    : `${formatCount(rate.count)} of ${formatCount(rate.of)}`

/**
 * The program's figures (SPEC §10): the headline rates each against the seeds' band, revenue and
 * costs, time to win back, re-lapse, bars by manager, rep, reason or segment, the campaigns' lift
 * with its intervals, and the figures as a spreadsheet-safe CSV.
 */
export function ProgramPage() {
  const api = useApi()
  const [by, setBy] = useState<Dimension>('segment')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const query = {
    by,
    ...(from === '' ? {} : { from }),
    ...(to === '' ? {} : { to }),
  }
  const figures = useApiQuery(`program:${by}:${from}:${to}`, (signal) =>
    api.get<ProgramFiguresResponse>('/reports/program', { query, signal }),
  )
  return (
    <>
      <PageHeader
        title="Program"
        lead={
          figures.data === undefined
            ? 'How the win-back program is doing against the benchmarks.'
            : `From ${formatDate(figures.data.from)} to ${formatDate(figures.data.to)}.`
        }
      />
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          From
          <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <label>
          By
          <select value={by} onChange={(event) => setBy(event.target.value as Dimension)}>
            {DIMENSIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <ExportButton
          path="/reports/program.csv"
          query={query}
          fileName="program.csv"
          label="Download CSV"
        />
      </form>
      {figures.data === undefined && figures.loading ? (
        <LoadingState label="Loading the program's figures…" />
      ) : figures.error !== undefined ? (
        <ErrorState error={figures.error} onRetry={figures.reload} />
      ) : figures.data === undefined ? null : (
        <ProgramBody data={figures.data} />
      )}
    </>
  )
}

function ProgramBody(props: { data: ProgramFiguresResponse }) {
  const { data } = props
  const { overall, bands } = data
  const money = (minor: number) => formatMoney(minor, data.currency)
  const days = overall.timeToWinBackDays
  return (
    <>
      <div className="grid-2">
        <Panel id="win-back" title="Win-back rate">
          <BenchmarkScale
            label="Win-back rate"
            value={overall.winBack.rate}
            band={bands.winBack}
            max={1}
          />
          <p className="muted small">
            Won back {share(overall.winBack)} ended cases
            {overall.winBack.lower === null || overall.winBack.upper === null
              ? ''
              : ` (95 % interval ${formatPercent(overall.winBack.lower)}–${formatPercent(overall.winBack.upper)})`}
            .
          </p>
        </Panel>
        <Panel id="prospects" title="Prospect conversion">
          <BenchmarkScale
            label="Prospect conversion"
            value={overall.prospectConversion.rate}
            band={bands.prospect}
            max={0.5}
          />
          <p className="muted small">Won {share(overall.prospectConversion)} closed deals.</p>
        </Panel>
        <Panel id="program-churn" title="Churn rate">
          <BenchmarkScale
            label="Churn rate"
            value={overall.churn?.rate ?? null}
            band={bands.churn}
            max={0.6}
          />
          <p className="muted small">
            {overall.churn === null
              ? 'No analysis run covers this period yet.'
              : `${share(overall.churn)} active customers became lost${data.churnBasis?.basis === 'estimate' ? ' (start estimated)' : ''}.`}
          </p>
        </Panel>
      </div>
      <dl className="figures">
        <Figure
          label="Revenue recovered"
          value={money(overall.revenueRecoveredMinor)}
          note="since each win, net of refunds"
        />
        <Figure
          label="Time to win back"
          value={days.median === null ? '–' : `${Math.round(days.median)} days`}
          note={
            days.q1 === null || days.q3 === null
              ? 'no wins yet'
              : `half between ${Math.round(days.q1)} and ${Math.round(days.q3)} days`
          }
        />
        <Figure
          label="Make-good and bounty cost"
          value={money(overall.cost.totalMinor)}
          note={
            overall.cost.perRevenue === null
              ? 'no revenue regained yet'
              : `${formatPercent(overall.cost.perRevenue)} of revenue regained; ${formatCount(overall.cost.priceConcessionsOffered)} price concessions`
          }
        />
        <Figure
          label="Re-lapse rate"
          value={formatPercent(overall.relapse.matured.rate)}
          note={`${share(overall.relapse.matured)} wins a year old; ${formatCount(overall.relapse.soFar.relapsed)} newer lost again so far`}
        />
      </dl>
      <Breakdown data={data} />
      <Panel id="lift" title="Lift over the holdout">
        <LiftChart lift={data.lift} />
      </Panel>
    </>
  )
}

function Breakdown(props: { data: ProgramFiguresResponse }) {
  const { data } = props
  if (data.groups.length === 0) {
    return <EmptyState title="Nothing to break down in this period" />
  }
  const bars = (read: (set: FigureSet) => number | null, display: (value: number) => string) =>
    data.groups
      .filter((group) => read(group.figures) !== null)
      .map((group) => {
        const value = read(group.figures) ?? 0
        return { label: group.label, value, display: display(value) }
      })
  return (
    <div className="grid-2">
      <Panel id="by-win-back" title={`Win-back rate by ${data.by ?? 'group'}`}>
        <BarList
          label={`Win-back rate by ${data.by ?? 'group'}`}
          items={bars(
            (set) => set.winBack.rate,
            (value) => formatPercent(value),
          )}
        />
      </Panel>
      <Panel id="by-revenue" title={`Revenue recovered by ${data.by ?? 'group'}`}>
        <BarList
          label={`Revenue recovered by ${data.by ?? 'group'}`}
          items={bars(
            (set) => set.revenueRecoveredMinor,
            (value) => formatMoney(value, data.currency),
          )}
        />
      </Panel>
      <Panel id="by-churn" title={`Churn rate by ${data.by ?? 'group'}`}>
        <BarList
          label={`Churn rate by ${data.by ?? 'group'}`}
          items={bars(
            (set) => set.churn?.rate ?? null,
            (value) => formatPercent(value),
          )}
        />
      </Panel>
      <Panel id="by-cost" title={`Make-good and bounty cost by ${data.by ?? 'group'}`}>
        <BarList
          label={`Make-good and bounty cost by ${data.by ?? 'group'}`}
          items={bars(
            (set) => set.cost.totalMinor,
            (value) => formatMoney(value, data.currency),
          )}
        />
      </Panel>
    </div>
  )
}

function LiftChart(props: { lift: ProgramFiguresResponse['lift'] }) {
  const rows = [
    ...props.lift.campaigns.map((campaign) => ({
      label: campaign.name ?? `Campaign ${campaign.campaignId}`,
      lift: campaign.lift,
    })),
    ...(props.lift.pooled === null
      ? []
      : [{ label: 'All campaigns', lift: props.lift.pooled.lift }]),
  ].flatMap((row) => (row.lift === null ? [] : [{ label: row.label, ...row.lift }]))
  if (rows.length === 0) {
    return <EmptyState title="No campaign with a holdout in this period" />
  }
  return (
    <LiftForestChart
      title="Win-back lift over the holdout, percentage points, with 95 % intervals (Newcombe 1998)"
      rows={rows}
      formatValue={(value) => `${(value * 100).toFixed(1)} pts`}
    />
  )
}
