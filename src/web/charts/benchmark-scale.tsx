import { formatPercent } from '../lib/format.js'

/**
 * A rate on a 0–`max` scale beside a benchmark band (the seeds' 10–40 % churn): where we stand,
 * said in words too.
 */
export function BenchmarkScale(props: {
  value: number | null
  band: { low: number; high: number }
  max: number
  label: string
}) {
  const { value, band, max } = props
  const at = (fraction: number) => `${Math.min(100, Math.max(0, (fraction / max) * 100))}%`
  const verdict =
    value === null
      ? 'No rate yet'
      : value < band.low
        ? 'below the benchmark band'
        : value > band.high
          ? 'above the benchmark band'
          : 'within the benchmark band'
  return (
    <div className="benchmark">
      <p className="benchmark-words">
        <strong>{formatPercent(value, 1)}</strong>{' '}
        <span className="muted">
          {verdict} of {formatPercent(band.low)}–{formatPercent(band.high)}
        </span>
      </p>
      <div
        className="benchmark-track"
        role="img"
        aria-label={`${props.label}: ${formatPercent(value, 1)}, ${verdict} of ${formatPercent(band.low)} to ${formatPercent(band.high)}`}
      >
        <span
          className="benchmark-band"
          style={{ left: at(band.low), width: `calc(${at(band.high)} - ${at(band.low)})` }}
        />
        {value === null ? null : <span className="benchmark-marker" style={{ left: at(value) }} />}
      </div>
      <div className="benchmark-axis" aria-hidden="true">
        <span>0 %</span>
        <span>{formatPercent(max / 2)}</span>
        <span>{formatPercent(max)}</span>
      </div>
    </div>
  )
}
