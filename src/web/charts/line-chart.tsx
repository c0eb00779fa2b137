import { ChartTable } from './chart-table.js'
import { scaleY } from './scale.js'
import { type PlotBox, YGrid } from './y-grid.js'

/** A dated value; `value` null leaves a gap. */
export interface LinePoint {
  readonly date: string
  readonly value: number | null
}

/** A horizontal reference line, such as a status threshold. */
export interface ReferenceLine {
  readonly value: number
  readonly label: string
  readonly tone: string
}

interface LineChartProps {
  readonly title: string
  readonly points: readonly LinePoint[]
  readonly top: number
  readonly references?: readonly ReferenceLine[]
  readonly formatValue: (value: number) => string
  readonly formatDate: (date: string) => string
}

const HEIGHT = 220
const BOX: PlotBox = { left: 48, right: 72, top: 12, bottom: 188, width: 640 }

const time = (date: string) => new Date(date.length === 10 ? `${date}T00:00:00Z` : date).getTime()

/** A line over time on a fixed 0–`top` axis, with reference lines and a table for screen readers. */
export function LineChart(props: LineChartProps) {
  const points = [...props.points].sort((left, right) => time(left.date) - time(right.date))
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${BOX.width} ${HEIGHT}`}
        role="img"
        aria-label={props.title}
        className="chart-svg"
      >
        <YGrid
          ticks={[0, props.top / 2, props.top]}
          top={props.top}
          box={BOX}
          formatValue={props.formatValue}
        />
        <References lines={props.references ?? []} top={props.top} />
        <Line {...props} points={points} />
      </svg>
      <ChartTable
        caption={props.title}
        columns={['Date', 'Value']}
        rows={points.map((point) => [
          props.formatDate(point.date),
          point.value === null ? '–' : props.formatValue(point.value),
        ])}
      />
    </figure>
  )
}

function References(props: { lines: readonly ReferenceLine[]; top: number }) {
  return props.lines.map((line) => {
    const y = scaleY(line.value, props.top, BOX)
    return (
      <g key={line.label} className={`reference tone-${line.tone}`}>
        <line x1={BOX.left} x2={BOX.width - BOX.right} y1={y} y2={y} />
        <text x={BOX.width - BOX.right + 6} y={y + 4}>
          {line.label}
        </text>
      </g>
    )
  })
}

function Line(props: LineChartProps) {
  const { points, top } = props
  const times = points.map((point) => time(point.date))
  const start = Math.min(...times)
  const end = Math.max(...times)
  const x = (at: number) =>
    end === start
      ? (BOX.left + BOX.width - BOX.right) / 2
      : BOX.left + ((at - start) / (end - start)) * (BOX.width - BOX.left - BOX.right)
  const drawn = points.flatMap((point, index) =>
    point.value === null
      ? []
      : [{ x: x(times[index] ?? start), y: scaleY(point.value, top, BOX), point }],
  )
  const path = drawn
    .map((dot, index) => `${index === 0 ? 'M' : 'L'}${dot.x.toFixed(1)},${dot.y.toFixed(1)}`)
    .join(' ')
  const first = points[0]
  const last = points[points.length - 1]
  return (
    <>
      <path className="line" d={path} />
      {drawn.map((dot) => (
        <circle key={dot.point.date} className="dot" cx={dot.x} cy={dot.y} r={3.5}>
          <title>{`${props.formatDate(dot.point.date)}: ${props.formatValue(dot.point.value ?? 0)}`}</title>
        </circle>
      ))}
      {first === undefined || last === undefined ? null : (
        <>
          <text className="axis-label" x={BOX.left} y={BOX.bottom + 18} textAnchor="start">
            {props.formatDate(first.date)}
          </text>
          <text
            className="axis-label"
            x={BOX.width - BOX.right}
            y={BOX.bottom + 18}
            textAnchor="end"
          >
            {props.formatDate(last.date)}
          </text>
        </>
      )}
    </>
  )
}
