import { ChartTable } from './chart-table.js'

/** One estimate with its interval, e.g. a campaign's lift in percentage points. */
export interface LiftRow {
  readonly label: string
  readonly estimate: number
  readonly lower: number
  readonly upper: number
}

const WIDTH = 600
const ROW = 28
const LEFT = 180

/**
 * Estimates with their confidence intervals on one axis that includes zero (a forest plot): an
 * interval that crosses the zero line is not yet a measured lift. The numbers are in a table for
 * screen readers too.
 */
export function LiftForestChart(props: {
  title: string
  rows: readonly LiftRow[]
  formatValue: (value: number) => string
}) {
  const { rows } = props
  const low = Math.min(0, ...rows.map((row) => row.lower))
  const high = Math.max(0, ...rows.map((row) => row.upper))
  const span = high - low || 1
  const x = (value: number) => LEFT + ((value - low) / span) * (WIDTH - LEFT - 20)
  const height = rows.length * ROW + 24
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={props.title}
        className="chart-svg"
      >
        <line
          x1={x(0)}
          x2={x(0)}
          y1={0}
          y2={height - 20}
          className="chart-zero"
          stroke="currentColor"
          strokeDasharray="3 3"
        />
        {rows.map((row, index) => {
          const y = index * ROW + ROW / 2
          return (
            <g key={row.label}>
              <text x={0} y={y + 4} className="chart-label">
                {row.label}
              </text>
              <line
                x1={x(row.lower)}
                x2={x(row.upper)}
                y1={y}
                y2={y}
                stroke="currentColor"
                strokeWidth={2}
              />
              <circle cx={x(row.estimate)} cy={y} r={5} className="chart-point" />
            </g>
          )
        })}
        <text x={x(low)} y={height - 4} className="chart-axis">
          {props.formatValue(low)}
        </text>
        <text x={x(high)} y={height - 4} textAnchor="end" className="chart-axis">
          {props.formatValue(high)}
        </text>
      </svg>
      <ChartTable
        caption={props.title}
        columns={['', 'estimate', 'lower', 'upper']}
        rows={rows.map((row) => [
          row.label,
          props.formatValue(row.estimate),
          props.formatValue(row.lower),
          props.formatValue(row.upper),
        ])}
      />
    </figure>
  )
}
