import { scaleY } from './scale.js'

/** The plot area of a chart in SVG units. */
export interface PlotBox {
  readonly left: number
  readonly right: number
  readonly top: number
  readonly bottom: number
  readonly width: number
}

/** Horizontal grid lines with their labels on the left, one per tick. */
export function YGrid(props: {
  ticks: readonly number[]
  top: number
  box: PlotBox
  formatValue: (value: number) => string
}) {
  const { box, top } = props
  return (
    <>
      {props.ticks.map((tick) => {
        const y = scaleY(tick, top, box)
        return (
          <g key={tick}>
            <line className="grid" x1={box.left} x2={box.width - box.right} y1={y} y2={y} />
            <text className="axis-label" x={box.left - 6} y={y + 4} textAnchor="end">
              {props.formatValue(tick)}
            </text>
          </g>
        )
      })}
      <line
        className="axis"
        x1={box.left}
        x2={box.width - box.right}
        y1={box.bottom}
        y2={box.bottom}
      />
    </>
  )
}
