import type { GroupedTallyItem, LessonRowItem } from '../api/contract-types.js'
import { BarList } from '../charts/bar-list.js'
import { ColumnChart, type ColumnSeries } from '../charts/column-chart.js'
import { formatCount, formatMoney, formatMoneyShort, formatPercent } from '../lib/format.js'

// the chart palette has six tones: the five biggest reasons get their own, the rest share one
const TONES = ['brand', 'lost', 'at_risk', 'deal', 'active'] as const
const OTHERS = 'Other reasons'

/**
 * The Pareto of reasons as bars (biggest first), each with its share and running share; reasons
 * that cannot be fixed are drawn in a muted tone and say so in their label.
 */
export function ParetoBars(props: {
  rows: readonly LessonRowItem[]
  by: 'count' | 'revenue'
  currency: string
}) {
  const { rows, by, currency } = props
  return (
    <BarList
      label={by === 'count' ? 'Reasons by number of losses' : 'Reasons by lost revenue'}
      items={rows.map((row) => ({
        label: row.fixable ? row.label : `${row.label} (not fixable)`,
        value: by === 'count' ? row.count : row.revenueMinor,
        // the running share is in the table below; the bar says the reason's own figure
        display:
          by === 'count'
            ? `${formatCount(row.count)} · ${formatPercent(row.countShare)}`
            : formatMoneyShort(row.revenueMinor, currency),
        tone: row.fixable ? 'brand' : 'lapsed',
      }))}
    />
  )
}

/** The reasons that get a colour of their own: the biggest by count overall. */
export function topReasons(rows: readonly LessonRowItem[]): string[] {
  return rows.slice(0, TONES.length).map((row) => row.code)
}

/**
 * Tallies grouped by period, segment, territory or rep as stacked columns, one series per top
 * reason and one for the rest.
 */
export function TallyChart(props: {
  title: string
  tallies: readonly GroupedTallyItem[]
  top: readonly string[]
  labels: ReadonlyMap<string, string>
  measure: 'count' | 'revenue'
  currency: string
  sortGroups?: boolean
}) {
  const groups = [...new Set(props.tallies.map((tally) => tally.group))]
  if (props.sortGroups === true) {
    groups.sort()
  }
  const value = (tally: GroupedTallyItem) =>
    props.measure === 'count' ? tally.count : tally.revenueMinor
  const seriesFor = (
    codes: readonly string[] | null,
    name: string,
    tone: string,
  ): ColumnSeries => ({
    name,
    tone,
    values: groups.map((group) =>
      props.tallies
        .filter(
          (tally) =>
            tally.group === group &&
            (codes === null ? !props.top.includes(tally.code) : codes.includes(tally.code)),
        )
        .reduce((sum, tally) => sum + value(tally), 0),
    ),
  })
  const series = [
    ...props.top.map((code, index) =>
      seriesFor([code], props.labels.get(code) ?? code, TONES[index] ?? 'brand'),
    ),
    seriesFor(null, OTHERS, 'lapsed'),
  ].filter((one) => one.values.some((entry) => entry > 0))
  if (groups.length === 0) {
    return <p className="muted">No losses with a known reason here.</p>
  }
  return (
    <ColumnChart
      title={props.title}
      categories={groups}
      series={series}
      integer={props.measure === 'count'}
      formatValue={(amount) =>
        props.measure === 'count' ? formatCount(amount) : formatMoneyShort(amount, props.currency)
      }
    />
  )
}

/** The Pareto as a table: every figure of every reason, fixable or not. */
export function ParetoTable(props: { rows: readonly LessonRowItem[]; currency: string }) {
  return (
    <div className="table-wrap">
      <table className="table compact">
        <caption className="visually-hidden">
          Every loss reason with its count and lost revenue
        </caption>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Fixable</th>
            <th scope="col" className="numeric">
              Losses
            </th>
            <th scope="col" className="numeric">
              Share
            </th>
            <th scope="col" className="numeric">
              Running share
            </th>
            <th scope="col" className="numeric">
              Lost revenue
            </th>
            <th scope="col" className="numeric">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">{row.label}</th>
              <td>{row.fixable ? 'Yes' : 'No'}</td>
              <td className="numeric">{formatCount(row.count)}</td>
              <td className="numeric">{formatPercent(row.countShare)}</td>
              <td className="numeric">{formatPercent(row.cumulativeCountShare)}</td>
              <td className="numeric">{formatMoney(row.revenueMinor, props.currency)}</td>
              <td className="numeric">{formatPercent(row.revenueShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * Losses per rep (who owned the account or deal when it was lost) as bars, most first, each with
 * its biggest reason: rep names are too long to sit under columns.
 */
export function RepBars(props: {
  tallies: readonly GroupedTallyItem[]
  labels: ReadonlyMap<string, string>
}) {
  const reps = new Map<string, { count: number; top: GroupedTallyItem | null }>()
  for (const tally of props.tallies) {
    const rep = reps.get(tally.group) ?? { count: 0, top: null }
    rep.count += tally.count
    if (rep.top === null || tally.count > rep.top.count) {
      rep.top = tally
    }
    reps.set(tally.group, rep)
  }
  if (reps.size === 0) {
    return <p className="muted">No losses with a known reason and rep.</p>
  }
  return (
    <BarList
      label="Losses by rep, with each rep's biggest reason"
      items={[...reps]
        .sort(([, left], [, right]) => right.count - left.count)
        .map(([name, rep]) => ({
          label:
            rep.top === null
              ? name
              : `${name} · mostly ${props.labels.get(rep.top.code) ?? rep.top.code}`,
          value: rep.count,
          display: formatCount(rep.count),
          tone: 'brand',
        }))}
    />
  )
}
