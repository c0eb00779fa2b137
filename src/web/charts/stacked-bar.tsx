import { formatCount, formatPercent } from '../lib/format.js'

/** One part of a whole. */
export interface StackPart {
  readonly label: string
  readonly value: number
  readonly tone: string
}

/** A whole split into coloured parts (e.g. customers by status), with a legend that names each. */
export function StackedBar(props: { parts: readonly StackPart[]; label: string }) {
  const total = props.parts.reduce((sum, part) => sum + part.value, 0)
  return (
    <div className="stacked">
      <div className="stacked-bar" aria-hidden="true">
        {props.parts.map((part) =>
          part.value <= 0 ? null : (
            <span
              key={part.label}
              className={`stacked-part tone-${part.tone}`}
              style={{ width: `${(part.value / Math.max(1, total)) * 100}%` }}
              title={`${part.label}: ${formatCount(part.value)}`}
            />
          ),
        )}
      </div>
      <ul className="stacked-legend" aria-label={props.label}>
        {props.parts.map((part) => (
          <li key={part.label}>
            <span className={`swatch tone-${part.tone}`} aria-hidden="true" />
            <span className="stacked-name">{part.label}</span>
            <strong>{formatCount(part.value)}</strong>
            <span className="muted">{formatPercent(total === 0 ? null : part.value / total)}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
