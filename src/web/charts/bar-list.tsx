/** One labelled horizontal bar. */
export interface BarItem {
  readonly label: string
  readonly value: number
  readonly display: string
  readonly tone?: string
}

/**
 * Horizontal bars as a list: readable labels at any width, the value written beside each bar, so
 * screen readers get the same words.
 */
export function BarList(props: { items: readonly BarItem[]; label: string }) {
  const max = Math.max(0, ...props.items.map((item) => item.value))
  return (
    <ul className="bar-list" aria-label={props.label}>
      {props.items.map((item) => (
        <li key={item.label}>
          <span className="bar-label">{item.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span
              className={`bar-fill tone-${item.tone ?? 'brand'}`}
              style={{ width: `${max <= 0 ? 0 : Math.max(1, (item.value / max) * 100)}%` }}
            />
          </span>
          <span className="bar-value">{item.display}</span>
        </li>
      ))}
    </ul>
  )
}
