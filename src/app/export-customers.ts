import type { Actor } from '../domain/access-policy.js'
import type { CustomerListItem, CustomerListOptions, Store } from '../store/index.js'
import { listCustomersAs } from './auth/authorized-reads.js'
import {
  buildExport,
  type ExportColumn,
  type ExportFile,
  type ExportOptions,
} from './export-file.js'
import { filterNamesOf } from './export-lost.js'

/** The customer list's filters and sort, as the list takes them, without paging. */
export type CustomerExportQuery = Omit<CustomerListOptions, 'limit' | 'offset' | 'cursor'>

const PAGE_ROWS = 1000

const numberOrNull = (value: number | string | null): number | null =>
  value === null ? null : Number(value)

const CUSTOMER_COLUMNS: readonly ExportColumn<CustomerListItem>[] = [
  { key: 'id', value: (row) => row.id },
  { key: 'name', value: (row) => row.name },
  { key: 'segment', value: (row) => row.segment },
  { key: 'territory', value: (row) => row.territory },
  { key: 'ownerId', value: (row) => numberOrNull(row.owner_id) },
  { key: 'createdAt', value: (row) => row.created_at },
  { key: 'orderCount', value: (row) => Number(row.order_count) },
  { key: 'firstOrderedOn', value: (row) => row.first_ordered_on },
  { key: 'lastOrderedOn', value: (row) => row.last_ordered_on },
  { key: 'revenueMinor', value: (row) => Number(row.revenue_minor) },
]

/**
 * Every customer the actor may read (the customer list's owner scope and filters), as a
 * spreadsheet-safe CSV or JSON file that streams a page of 1,000 at a time by cursor. Audited;
 * bulk exports of named rows beyond the limit need the admin, VP or analyst role (`buildExport`).
 * @throws ForbiddenError for a refused bulk export
 * @example const file = await exportCustomersAs(store, analyst, { segment: 'smb' }, { format: 'json', audit })
 */
export async function exportCustomersAs(
  store: Store,
  actor: Actor,
  query: CustomerExportQuery,
  options: ExportOptions,
): Promise<ExportFile> {
  return await buildExport(
    store,
    actor,
    {
      objectType: 'customer_list',
      columns: CUSTOMER_COLUMNS,
      pages: customerPages(store, actor, query),
      hasPii: (row) => row.name !== null,
      filterNames: filterNamesOf(query),
    },
    options,
  )
}

async function* customerPages(
  store: Store,
  actor: Actor,
  query: CustomerExportQuery,
): AsyncGenerator<readonly CustomerListItem[], void, undefined> {
  let cursor: string | null = null
  do {
    const page = await listCustomersAs(store, actor, {
      ...query,
      limit: PAGE_ROWS,
      ...(cursor === null ? {} : { cursor }),
    })
    yield page.rows
    cursor = page.nextCursor
  } while (cursor !== null)
}
