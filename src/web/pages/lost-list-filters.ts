import type { LostListQuery, LostListSort } from '../api/contract-types.js'
import { LOST_LIST_SORT_KEYS } from '../api/contract-types.js'

/** The lost list's filters as they sit in the page URL (all strings, '' for unset). */
export interface LostListFilters {
  readonly search: string
  readonly kind: string
  readonly status: string
  readonly segment: string
  readonly ownerId: string
  readonly reason: string
  readonly minValue: string
  readonly minOverdueDays: string
  readonly sort: string
  readonly offset: string
}

export const EMPTY_FILTERS: LostListFilters = {
  search: '',
  kind: '',
  status: 'lost',
  segment: '',
  ownerId: '',
  reason: '',
  minValue: '',
  minOverdueDays: '',
  sort: '-expectedValue',
  offset: '',
}

/** Page size of the lost list. */
export const LOST_PAGE_SIZE = 50

/** Reads the filters from the page's query string; unknown values fall back to the defaults. */
export function filtersFromSearch(search: URLSearchParams): LostListFilters {
  const read = (key: keyof LostListFilters) => search.get(key) ?? EMPTY_FILTERS[key]
  return {
    search: read('search'),
    kind: ['customer', 'deal'].includes(read('kind')) ? read('kind') : '',
    status: ['lost', 'lapsed', 'at_risk'].includes(read('status')) ? read('status') : 'lost',
    segment: read('segment'),
    ownerId: /^\d+$/.test(read('ownerId')) ? read('ownerId') : '',
    reason: read('reason'),
    minValue: /^\d+(\.\d+)?$/.test(read('minValue')) ? read('minValue') : '',
    minOverdueDays: /^\d+$/.test(read('minOverdueDays')) ? read('minOverdueDays') : '',
    sort: isSort(read('sort')) ? read('sort') : EMPTY_FILTERS.sort,
    offset: /^\d+$/.test(read('offset')) ? read('offset') : '',
  }
}

function isSort(value: string): value is LostListSort {
  return (LOST_LIST_SORT_KEYS as readonly string[]).includes(value.replace(/^-/, ''))
}

/** The filters as they go in the page URL: only those that differ from the defaults. */
export function filtersToSearch(filters: LostListFilters): Record<string, string> {
  const query: Record<string, string> = {}
  for (const [key, value] of Object.entries(filters)) {
    if (value !== EMPTY_FILTERS[key as keyof LostListFilters]) {
      query[key] = value
    }
  }
  return query
}

/** The API query of the filters; a value in major units becomes minor units of `digits`. */
export function filtersToQuery(filters: LostListFilters, digits: number): LostListQuery {
  const number = (text: string) => (text === '' ? undefined : Number(text))
  const minValue = number(filters.minValue)
  const query: Record<string, string | number | undefined> = {
    limit: LOST_PAGE_SIZE,
    offset: number(filters.offset) ?? 0,
    kind: filters.kind === '' ? undefined : filters.kind,
    status: filters.status,
    segment: filters.segment === '' ? undefined : filters.segment,
    ownerId: number(filters.ownerId),
    reason: filters.reason === '' ? undefined : filters.reason,
    minValueMinor: minValue === undefined ? undefined : Math.round(minValue * 10 ** digits),
    minOverdueDays: number(filters.minOverdueDays),
    search: filters.search.trim() === '' ? undefined : filters.search.trim(),
    sort: filters.sort,
  }
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined),
  ) as LostListQuery
}
