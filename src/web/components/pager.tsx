import { formatCount } from '../lib/format.js'

/** Previous/next paging over `total` rows, `pageSize` at a time, with where we are in words. */
export function Pager(props: {
  offset: number
  pageSize: number
  total: number
  shown: number
  onOffset: (offset: number) => void
  label: string
}) {
  const { offset, pageSize, total, shown } = props
  const first = total === 0 ? 0 : offset + 1
  const last = offset + shown
  return (
    <nav className="pager" aria-label={props.label}>
      <p aria-live="polite">
        {total === 0
          ? 'No rows'
          : `Showing ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`}
      </p>
      <div className="pager-buttons">
        <button
          type="button"
          className="button button-secondary"
          disabled={offset === 0}
          onClick={() => props.onOffset(Math.max(0, offset - pageSize))}
        >
          ← Previous
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={last >= total}
          onClick={() => props.onOffset(offset + pageSize)}
        >
          Next →
        </button>
      </div>
    </nav>
  )
}
