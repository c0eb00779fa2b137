import { ChartTable } from './chart-table.js'
import { niceCeiling, scaleY, ticks } from './scale.js'
import { type PlotBox, YGrid } from './y-grid.js'

/** One series of a column chart: its name, CSS colour class and a value per category. */
export interface ColumnSeries {
  readonly name: string
  readonly tone: string
  readonly values: readonly number[]
}

const HEIGHT = 220
const BOX: PlotBox = { left: 48, right: 8, top: 12, bottom: 188, width: 640 }

interface ColumnChartProps {
  readonly title: string
  readonly categories: readonly string[]
  readonly series: readonly ColumnSeries[]
  readonly formatValue: (value: number) => string
  /** counts: the axis reaches at least 5 so that its ticks are whole numbers */
  readonly integer?: boolean
}

/**
 * Stacked columns over categories (months), drawn as SVG that scales to its box, with a legend and
 * the same numbers in a table for screen readers.
 */
export function ColumnChart(props: ColumnChartProps) {
  const { categories, series } = props
  const totals = categories.map((_, index) =>
    series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0),
  )
  const top = niceCeiling(Math.max(props.integer === true ? 5 : 0, ...totals))
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${BOX.width} ${HEIGHT}`}
        role="img"
        aria-label={props.title}
        className="chart-svg"
      >
        <YGrid ticks={ticks(top)} top={top} box={BOX} formatValue={props.formatValue} />
        <Columns {...props} top={top} />
      </svg>
      {series.length > 1 ? <Legend series={series} /> : null}
      <ChartTable
        caption={props.title}
        columns={['', ...series.map((one) => one.name)]}
        rows={categories.map((category, index) => [
          category,
          ...series.map((one) => props.formatValue(one.values[index] ?? 0)),
        ])}
      />
    </figure>
  )
}

function Columns(props: ColumnChartProps & { top: number }) {
  const { categories, series, top } = props
  const slot = (BOX.width - BOX.left - BOX.right) / Math.max(1, categories.length)
  const barWidth = Math.max(2, Math.min(36, slot * 0.7))
  const labelEvery = Math.max(1, Math.ceil(categories.length / 12))
  return categories.map((category, index) => {
    const x = BOX.left + slot * index + (slot - barWidth) / 2
    let base = 0
    return (
      <g key={category}>
        {series.map((one) => {
          const value = one.values[index] ?? 0
          const y0 = scaleY(base, top, BOX)
          base += value
          const y1 = scaleY(base, top, BOX)
          return (
            <rect
              key={one.name}
              className={`bar tone-${one.tone}`}
              x={x}
              y={y1}
              width={barWidth}
              height={Math.max(0, y0 - y1)}
            >
              <title>{`${category}: ${props.formatValue(value)} ${one.name}`}</title>
            </rect>
          )
        })}
        {index % labelEvery === 0 ? (
          <text className="axis-label" x={x + barWidth / 2} y={BOX.bottom + 18} textAnchor="middle">
            {category}
          </text>
        ) : null}
      </g>
    )
  })
}

/** Colour keys for a chart's series. */
export function Legend(props: { series: readonly { name: string; tone: string }[] }) {
  return (
    <ul className="legend" aria-hidden="true">
      {props.series.map((one) => (
        <li key={one.name}>
          <span className={`swatch tone-${one.tone}`} />
          {one.name}
        </li>
      ))}
    </ul>
  )
}
