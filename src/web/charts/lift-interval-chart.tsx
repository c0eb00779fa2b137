/** An estimate with its confidence interval, on the scale of the estimate (a difference here). */
export interface LiftInterval {
  readonly estimate: number
  readonly lower: number
  readonly upper: number
}

const WIDTH = 480
const HEIGHT = 64
const PAD = 24
const MID = 28

/** The axis ends: the interval and zero, widened a tenth each side so no end sits on the edge. */
export function liftDomain(value: LiftInterval): { min: number; max: number } {
  const min = Math.min(0, value.lower, value.estimate)
  const max = Math.max(0, value.upper, value.estimate)
  const span = max - min || 1
  return { min: min - span * 0.1, max: max + span * 0.1 }
}

/** The x of `at` on the chart's axis. */
export function liftX(at: number, domain: { min: number; max: number }): number {
  return PAD + ((at - domain.min) / (domain.max - domain.min)) * (WIDTH - 2 * PAD)
}

/**
 * A campaign's lift drawn as a dot on its interval bar, with a line at zero: an interval that
 * crosses zero shows at a glance that the difference may be none. `format` writes the values; the
 * label's words are the text alternative, and a table beside it carries the numbers.
 */
export function LiftIntervalChart(props: {
  value: LiftInterval
  label: string
  format: (value: number) => string
}) {
  const { value, format } = props
  const domain = liftDomain(value)
  const x = (at: number) => liftX(at, domain)
  return (
    <svg
      className="interval-chart"
      // drawn at its own size: stretched to a wide panel, its labels would grow with it
      style={{ width: '100%', maxWidth: `${WIDTH}px` }}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`${props.label}: ${format(value.estimate)}, 95 % interval ${format(value.lower)} to ${format(value.upper)}`}
    >
      <line x1={PAD} x2={WIDTH - PAD} y1={MID} y2={MID} stroke="#c8ccd4" strokeWidth={1} />
      <line
        x1={x(0)}
        x2={x(0)}
        y1={MID - 16}
        y2={MID + 16}
        stroke="#6b7280"
        strokeDasharray="3 3"
        data-part="zero"
      />
      <text x={x(0)} y={HEIGHT - 4} textAnchor="middle" fontSize={11} fill="#6b7280">
        0
      </text>
      <rect
        x={x(value.lower)}
        y={MID - 5}
        width={Math.max(1, x(value.upper) - x(value.lower))}
        height={10}
        rx={5}
        fill="#93b4f5"
        data-part="interval"
      />
      <circle cx={x(value.estimate)} cy={MID} r={7} fill="#1d4ed8" data-part="estimate" />
      <text x={x(value.lower)} y={MID - 10} textAnchor="middle" fontSize={11} fill="#374151">
        {format(value.lower)}
      </text>
      <text x={x(value.upper)} y={MID - 10} textAnchor="middle" fontSize={11} fill="#374151">
        {format(value.upper)}
      </text>
    </svg>
  )
}
