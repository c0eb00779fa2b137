import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import { ValidationError } from '../../domain/errors.js'
import type { Database } from '../schema.js'
import { dbOf, type Queryable } from './queryable.js'
import type { CustomerRow } from './rows.js'

/** Columns the customer list sorts by; a leading `-` sorts descending. Ties break on id. */
export type CustomerSortKey = 'id' | 'name' | 'segment' | 'territory' | 'created_at'
export type CustomerSort = CustomerSortKey | `-${CustomerSortKey}`

/** Which customers to list and in what order; `cursor` (from the last page) or `offset` pages. */
export interface CustomerListOptions {
  /** rows per page, 1–1000; default 50 */
  readonly limit?: number
  readonly offset?: number
  readonly cursor?: string
  readonly segment?: string
  readonly territory?: string
  /** one owner, or a team's owners */
  readonly ownerId?: number | readonly number[]
  /** case-insensitive substring of the name or the id */
  readonly search?: string
  readonly sort?: CustomerSort
}

/** A customer in the list, with the summary of their placed orders. */
export interface CustomerListItem extends CustomerRow {
  readonly order_count: number
  readonly first_ordered_on: string | null
  readonly last_ordered_on: string | null
  /** sum of placed orders' amounts (refund rows are negative) in minor units */
  readonly revenue_minor: number
}

/** One page of customers, the total matching the filters, and the cursor of the next page. */
export interface CustomerPage {
  readonly rows: CustomerListItem[]
  readonly total: number
  readonly nextCursor: string | null
}

const DEFAULT_LIMIT = 50
const MAX_LIMIT = 1000
type CustomerQuery = SelectQueryBuilder<Database, 'visible_customers', object>

/**
 * One page of visible customers, filtered and sorted, with their order summaries and the total.
 * @throws ValidationError for a bad limit, a malformed cursor, or both cursor and offset
 * @example const page = await listCustomers(store, { segment: 'smb', sort: '-name', limit: 20 })
 */
export async function listCustomers(
  target: Queryable,
  options: CustomerListOptions = {},
): Promise<CustomerPage> {
  const db = dbOf(target)
  const limit = checkedLimit(options.limit)
  const { key, descending } = parseSort(options.sort)
  const filtered = applyFilters(db.selectFrom('visible_customers'), options)
  const sortValue = (eb: ExpressionBuilder<Database, 'visible_customers'>) =>
    eb.fn.coalesce(eb.ref(key), eb.val(''))
  let page = filtered.selectAll()
  if (options.cursor !== undefined) {
    if (options.offset !== undefined) {
      throw new ValidationError('give either a cursor or an offset, not both')
    }
    const [value, id] = decodeCursor(options.cursor)
    const after = descending ? '<' : '>'
    page = page.where((eb) =>
      eb.or([
        eb(sortValue(eb), after, value),
        eb.and([eb(sortValue(eb), '=', value), eb('id', after, id)]),
      ]),
    )
  }
  const direction = descending ? 'desc' : 'asc'
  const rows = await page
    .orderBy(sortValue, direction)
    .orderBy('id', direction)
    .limit(limit + 1)
    .offset(options.offset ?? 0)
    .execute()
  const { count } = await filtered
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  const pageRows = rows.slice(0, limit)
  const last = pageRows.at(-1)
  return {
    rows: await withOrderSummaries(db, pageRows),
    total: Number(count),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last, key) : null,
  }
}

function checkedLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_LIMIT
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw new ValidationError(`limit must be a whole number from 1 to ${MAX_LIMIT}`)
  }
  return value
}

function parseSort(sort: CustomerSort = 'id'): { key: CustomerSortKey; descending: boolean } {
  return sort.startsWith('-')
    ? { key: sort.slice(1) as CustomerSortKey, descending: true }
    : { key: sort as CustomerSortKey, descending: false }
}

function applyFilters(query: CustomerQuery, options: CustomerListOptions): CustomerQuery {
  let filtered = query
  if (options.segment !== undefined) {
    filtered = filtered.where('segment', '=', options.segment)
  }
  if (options.territory !== undefined) {
    filtered = filtered.where('territory', '=', options.territory)
  }
  if (options.ownerId !== undefined) {
    const owners = typeof options.ownerId === 'number' ? [options.ownerId] : [...options.ownerId]
    filtered =
      owners.length === 0
        ? filtered.where(sql.lit(false))
        : filtered.where('owner_id', 'in', owners)
  }
  if (options.search !== undefined && options.search !== '') {
    // escape LIKE's wildcards so a search for "50%" means the text
    const pattern = `%${options.search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`
    filtered = filtered.where((eb) =>
      eb.or([
        sql<boolean>`lower(coalesce(${eb.ref('name')}, '')) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('id')}) like ${pattern} escape '\\'`,
      ]),
    )
  }
  return filtered
}

function encodeCursor(row: CustomerRow, key: CustomerSortKey): string {
  return Buffer.from(JSON.stringify([row[key] ?? '', row.id])).toString('base64url')
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2) {
      const [sortValue, id]: unknown[] = value
      if (typeof sortValue === 'string' && typeof id === 'string') {
        return [sortValue, id]
      }
    }
  } catch {
    // falls through to the one error below
  }
  throw new ValidationError('the page cursor is not valid; start again from the first page')
}

/** Adds each customer's placed-order summary, in one grouped query over the page's ids. */
async function withOrderSummaries(
  db: Kysely<Database>,
  rows: CustomerRow[],
): Promise<CustomerListItem[]> {
  const ids = rows.map((row) => row.id)
  const summaries =
    ids.length === 0
      ? []
      : await db
          .selectFrom('visible_orders')
          .where('customer_id', 'in', ids)
          .where('status', '=', 'placed')
          .groupBy('customer_id')
          .select((eb) => [
            'customer_id',
            eb.fn.countAll<number>().as('order_count'),
            eb.fn.min('ordered_on').as('first_ordered_on'),
            eb.fn.max('ordered_on').as('last_ordered_on'),
            eb.fn.sum<number>('amount_minor').as('revenue_minor'),
          ])
          .execute()
  const byCustomer = new Map(summaries.map((summary) => [summary.customer_id, summary]))
  return rows.map((row) => {
    const summary = byCustomer.get(row.id)
    return {
      ...row,
      order_count: Number(summary?.order_count ?? 0),
      first_ordered_on: summary?.first_ordered_on ?? null,
      last_ordered_on: summary?.last_ordered_on ?? null,
      revenue_minor: Number(summary?.revenue_minor ?? 0),
    }
  })
}
