import type { ReactNode } from 'react'

/** A column header that sorts by `sortKey`; a second click reverses the order. */
export function SortHeader(props: {
  sortKey: string
  current: string
  onSort: (sort: string) => void
  children: ReactNode
  numeric?: boolean
  /** the order a first click gives: numbers big first, names A first */
  firstDescending?: boolean
}) {
  const { sortKey, current } = props
  const ascending = current === sortKey
  const descending = current === `-${sortKey}`
  const ariaSort = ascending ? 'ascending' : descending ? 'descending' : 'none'
  const next = ascending
    ? `-${sortKey}`
    : descending
      ? sortKey
      : props.firstDescending === true
        ? `-${sortKey}`
        : sortKey
  return (
    <th scope="col" aria-sort={ariaSort} className={props.numeric === true ? 'numeric' : undefined}>
      <button type="button" className="sort-button" onClick={() => props.onSort(next)}>
        {props.children}
        <span className="sort-mark" aria-hidden="true">
          {ascending ? '▲' : descending ? '▼' : '↕'}
        </span>
      </button>
    </th>
  )
}
