import type { Actor } from '../domain/access-policy.js'
import { ValidationError } from '../domain/errors.js'
import type { Store } from '../store/index.js'
import {
  buildExport,
  type ExportColumn,
  type ExportFile,
  type ExportOptions,
} from './export-file.js'
import {
  type LostListItem,
  type LostListPage,
  type LostListQuery,
  listLostAs,
} from './lost-list-as.js'

/** The lost list's filters and sort, as the list takes them, without paging. */
export type LostExportQuery = Omit<LostListQuery, 'limit' | 'offset' | 'cachePages'>

/** The deepest the lost list pages (its own `offset + limit` bound); a bigger export is refused. */
export const MAX_LOST_EXPORT_ROWS = 100_000
const PAGE_ROWS = 500

type LostExportRow = LostListItem & { readonly currency: string }

const LOST_COLUMNS: readonly ExportColumn<LostExportRow>[] = [
  { key: 'kind', value: (row) => row.kind },
  { key: 'id', value: (row) => row.id },
  { key: 'customerId', value: (row) => row.customerId },
  { key: 'name', value: (row) => row.name },
  { key: 'segment', value: (row) => row.segment },
  { key: 'ownerId', value: (row) => row.ownerId },
  { key: 'ownerName', value: (row) => row.ownerName },
  { key: 'status', value: (row) => row.status },
  { key: 'statusRule', value: (row) => row.statusRule },
  { key: 'lostSince', value: (row) => row.lostSince },
  { key: 'probabilityAlive', value: (row) => row.probabilityAlive },
  { key: 'overdueDays', value: (row) => row.overdueDays },
  { key: 'valueIfWonBackMinor', value: (row) => row.valueIfWonBackMinor },
  { key: 'winBackProbability', value: (row) => row.winBackProbability },
  { key: 'expectedValueMinor', value: (row) => row.expectedValueMinor },
  { key: 'currency', value: (row) => row.currency },
  { key: 'reason', value: (row) => row.reason },
  { key: 'explanation', value: (row) => row.explanation },
]

/**
 * The whole lost list as the actor may read it (the same owner scope and filters as the list),
 * as a spreadsheet-safe CSV or JSON file that streams page by page. Audited; bulk exports of
 * named rows beyond the limit need the admin, VP or analyst role (see `buildExport`).
 * @throws NotFoundError before the first analysis; ForbiddenError for a refused bulk export;
 * ValidationError when more than 100,000 rows match
 * @example const file = await exportLostAs(store, rep, { status: 'lost' }, { format: 'csv', audit })
 */
export async function exportLostAs(
  store: Store,
  actor: Actor,
  query: LostExportQuery,
  options: ExportOptions,
): Promise<ExportFile> {
  const first = await listLostAs(store, actor, { ...query, limit: PAGE_ROWS, cachePages: false })
  if (first.totalIsLowerBound || first.total > MAX_LOST_EXPORT_ROWS) {
    const beyond = await listLostAs(store, actor, {
      ...query,
      limit: 1,
      offset: MAX_LOST_EXPORT_ROWS,
      cachePages: false,
    })
    if (beyond.items.length > 0) {
      throw new ValidationError(
        `more than ${MAX_LOST_EXPORT_ROWS} rows match: narrow the filters to export them`,
      )
    }
  }
  return await buildExport(
    store,
    actor,
    {
      objectType: 'lost_list',
      columns: LOST_COLUMNS,
      pages: lostPages(store, actor, query, first),
      hasPii: (row) => row.name !== null,
      filterNames: filterNamesOf(query),
    },
    options,
  )
}

// the first page was read already; each later one is read when the reader wants it
async function* lostPages(
  store: Store,
  actor: Actor,
  query: LostExportQuery,
  first: LostListPage,
): AsyncGenerator<readonly LostExportRow[], void, undefined> {
  let page = first
  for (let offset = 0; ; ) {
    yield page.items.map((item) => ({ ...item, currency: page.currency }))
    offset += PAGE_ROWS
    // a page may come back short when an owner changed since the analysis: go by the total
    const past = page.items.length === 0 || (!page.totalIsLowerBound && offset >= page.total)
    if (past || offset >= MAX_LOST_EXPORT_ROWS) {
      return
    }
    page = await listLostAs(store, actor, { ...query, limit: PAGE_ROWS, offset, cachePages: false })
  }
}

/**
 * The names of the filters set in a query, for the audit log (values may be personal: a search).
 * @example filterNamesOf({ status: 'lost', search: 'ann' }) // ['search', 'status']
 */
export function filterNamesOf(query: object): string[] {
  return Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key]) => key)
    .sort()
}
