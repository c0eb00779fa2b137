import type { Actor } from '../domain/access-policy.js'
import { ForbiddenError } from '../domain/errors.js'
import {
  type ListedStatus,
  type LostKey,
  type LostListFilter,
  type LostRow,
  type LostSort,
  type LostSortColumn,
  readLostCustomerRows,
  readLostDealRows,
  type Store,
} from '../store/index.js'
import { countDeals, dealKeys, mergeKeys } from './lost-deals.js'
import { findCustomers } from './lost-list-customers.js'
import { countFromSummary, facetsOf, hasRowFilters, type LostKind } from './lost-list-plan.js'
import { readableOwners } from './owner-scope.js'
import { createPageCache, freezeAnswer, type PageCache } from './page-cache.js'
import { currentRunSummary, type RunSummary } from './run-summary.js'
import { reasonsOfSubjects } from './win-back-reasons.js'

/** What the lost list sorts by; a leading `-` sorts descending. */
const LOST_LIST_SORT_KEYS = [
  'expectedValue',
  'valueIfWonBack',
  'winBackProbability',
  'overdueDays',
  'lostSince',
  'name',
] as const
export type LostListSortKey = (typeof LOST_LIST_SORT_KEYS)[number]
export type LostListSort = LostListSortKey | `-${LostListSortKey}`

const SORT_COLUMNS: Readonly<Record<LostListSortKey, LostSortColumn>> = {
  expectedValue: 'expected_value_minor',
  valueIfWonBack: 'value_if_won_back_minor',
  winBackProbability: 'win_back_probability',
  overdueDays: 'overdue_days',
  lostSince: 'lost_since',
  name: 'name',
}

/** A page of the lost list: which rows (paging, filters, money in minor units) in which order. */
export interface LostListQuery {
  readonly limit?: number
  readonly offset?: number
  readonly kind?: LostKind
  readonly status?: ListedStatus
  readonly segment?: string
  readonly ownerId?: number
  readonly reason?: string
  readonly minValueMinor?: number
  readonly minOverdueDays?: number
  readonly search?: string
  readonly sort?: LostListSort
  /**
   * answer from the pages kept for the same version of the data when one was asked before
   * (default true): the list is read far more than the data changes
   */
  readonly cachePages?: boolean
}

/** One row of the lost list: a customer (lost, lapsed or at risk) or a lost deal. */
export interface LostListItem {
  readonly kind: LostKind
  readonly id: string
  readonly customerId: string
  readonly name: string | null
  readonly segment: string | null
  readonly ownerId: number | null
  readonly ownerName: string | null
  readonly status: ListedStatus
  readonly statusRule: string
  readonly lostSince: string | null
  readonly probabilityAlive: number | null
  readonly overdueDays: number | null
  readonly valueIfWonBackMinor: number
  readonly winBackProbability: number
  readonly expectedValueMinor: number
  readonly reason: string | null
  /** the loss's live reason codes, and whether a fix covers one (issue 5 part 7) */
  readonly reasons: string[]
  readonly reasonFixed: boolean
  readonly explanation: string
}

/** A page of the lost list, how many rows match, and the values the filters can take. */
export interface LostListPage {
  readonly asOf: string
  readonly currency: string
  readonly total: number
  /** true when counting stopped at `total`: at least that many match */
  readonly totalIsLowerBound: boolean
  readonly items: LostListItem[]
  readonly facets: {
    readonly segments: string[]
    readonly owners: { readonly id: number; readonly name: string }[]
    readonly reasons: string[]
  }
}

const DEFAULT_LIMIT = 50

/**
 * One page of the newest run's lost list as the actor may see it: every account for admin, VP and
 * analyst, their team's for a manager, their own for a rep (SPEC access policy, the same owner
 * scope as the customer list). Filters narrow it; asking for an owner outside the scope shows
 * nothing. Stays fast at a million customers: pages walk the run summary's index in memory (a
 * search checks the names kept beside it; a name sort is the database's), totals are exact, from
 * the summary's counts or a walk of its index, and the last 500 pages asked for the same version
 * of the data are answered again — the very same frozen object (`freezeAnswer`), reasons and
 * fixes included: a new case event or fix is a new version of the data, so a new page.
 * @throws NotFoundError before the first `analyze`
 * @example const page = await listLostAs(store, rep, { status: 'lost', sort: '-overdueDays' })
 */
export async function listLostAs(
  store: Store,
  actor: Actor,
  query: LostListQuery,
): Promise<LostListPage> {
  const allowed = readableOwners(actor, 'customer')
  if (allowed !== null && allowed.length === 0) {
    throw new ForbiddenError(`a ${actor.role} may not read customer records`)
  }
  const { summary, current } = await currentRunSummary(store)
  const owners = readableOwners(actor, 'customer', query.ownerId)
  const filter = filterOf(summary.runId, query, owners)
  const sort = sortOf(query.sort)
  const page = { limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset ?? 0 }
  const kinds = kindsOf(query)
  // a page depends only on the data version, the owners in reach and the query
  const key = JSON.stringify([summary.version, allowed, filter, sort, page, kinds])
  const pages = cachedPages(store)
  const cached = current && query.cachePages !== false ? pages.get(key) : undefined
  if (cached !== undefined) {
    return cached
  }
  const found = await pageKeys(store, { summary, filter, sort, page, kinds })
  const facets = facetsOf(summary, { status: filter.status, ownerIds: allowed })
  const answer: LostListPage = {
    asOf: summary.asOf,
    currency: summary.currency,
    total: found.total,
    totalIsLowerBound: found.totalIsLowerBound,
    items: await pageRows(store, summary, { keys: found.keys, allowed }),
    facets: {
      ...facets,
      owners: facets.ownerIds
        .map((id) => ({ id, name: summary.ownerNames.get(id) ?? `#${id}` }))
        .sort((left, right) => left.name.localeCompare(right.name) || left.id - right.id),
    },
  }
  if (current) {
    // a kept page goes out again as is: frozen, so the server may keep its checked JSON too
    pages.set(key, freezeAnswer(answer))
  }
  return answer
}

// some 50 KB a page: enough for the first pages of the common filters of a few scopes
const PAGES_KEPT = 500
const pageCaches = new WeakMap<Store, PageCache<LostListPage>>()

function cachedPages(store: Store): PageCache<LostListPage> {
  const found = pageCaches.get(store)
  if (found !== undefined) {
    return found
  }
  const made = createPageCache<LostListPage>(PAGES_KEPT)
  pageCaches.set(store, made)
  return made
}

function filterOf(
  runId: number,
  query: LostListQuery,
  owners: readonly number[] | null,
): LostListFilter {
  return {
    runId,
    status: query.status ?? 'lost',
    ...optional('segment', query.segment),
    ...optional('ownerIds', owners ?? undefined),
    ...optional('reason', query.reason),
    ...optional('minValueMinor', query.minValueMinor),
    ...optional('minOverdueDays', query.minOverdueDays),
    ...optional('search', query.search === '' ? undefined : query.search),
  }
}

// a module-level helper: a closure made per request costs more than it says
function optional<TValue>(key: string, value: TValue | undefined): Record<string, TValue> {
  return value === undefined ? {} : { [key]: value }
}

// lost deals are lost: they show only on the lost list proper
function kindsOf(query: LostListQuery): LostKind[] {
  const status = query.status ?? 'lost'
  const kinds: LostKind[] = query.kind === undefined ? ['customer', 'deal'] : [query.kind]
  return status === 'lost' ? kinds : kinds.filter((kind) => kind === 'customer')
}

function sortOf(sort: LostListSort = '-expectedValue'): LostSort {
  const descending = sort.startsWith('-')
  const key = (descending ? sort.slice(1) : sort) as LostListSortKey
  return { column: SORT_COLUMNS[key], descending }
}

async function pageKeys(
  store: Store,
  input: {
    summary: RunSummary
    filter: LostListFilter
    sort: LostSort
    page: { limit: number; offset: number }
    kinds: readonly LostKind[]
  },
): Promise<{ keys: LostKey[]; total: number; totalIsLowerBound: boolean }> {
  const { summary, filter, sort, page, kinds } = input
  const dealCount = !kinds.includes('deal')
    ? 0
    : hasRowFilters(filter)
      ? countDeals(summary.deals, filter)
      : countFromSummary(summary, filter).deal
  const withCustomers = kinds.includes('customer')
  const both = withCustomers && dealCount > 0
  // with both kinds, each side's first offset + limit rows are merged, then the page cut out
  const fetch = both ? { limit: page.offset + page.limit, offset: 0 } : page
  const customers = withCustomers
    ? await findCustomers(store, summary, { filter, sort, ...fetch })
    : { keys: [], count: 0, countIsLowerBound: false }
  const deals = dealCount > 0 ? dealKeys(summary.dealsBySort, filter, sort, fetch) : []
  const keys = both
    ? mergeKeys(customers.keys, deals, sort.descending).slice(page.offset, page.offset + page.limit)
    : [...customers.keys, ...deals]
  return {
    keys,
    total: customers.count + dealCount,
    totalIsLowerBound: customers.countIsLowerBound,
  }
}

// rows are read as they are now: an owner changed since the summary no longer shows them
async function pageRows(
  store: Store,
  summary: RunSummary,
  page: { keys: readonly LostKey[]; allowed: readonly number[] | null },
) {
  const { keys, allowed } = page
  const customerIds = keys.filter((key) => key.kind === 'customer').map((key) => key.id)
  const dealIds = keys.filter((key) => key.kind === 'deal').map((key) => Number(key.id))
  const rows = [
    ...(await readLostCustomerRows(store, summary.runId, customerIds)),
    ...(await readLostDealRows(store, summary.runId, dealIds)),
  ]
  const byKey = new Map(rows.map((row) => [`${row.kind}:${row.id}`, row]))
  // the page's reasons in a few statements for all its rows, after the page query
  const reasons = await reasonsOfSubjects(store, keys)
  return keys.flatMap((key) => {
    const row = byKey.get(`${key.kind}:${key.id}`)
    const inScope =
      allowed === null ||
      (row?.owner_id !== undefined && row.owner_id !== null && allowed.includes(row.owner_id))
    if (row === undefined || !inScope) {
      return []
    }
    const ownerName = row.owner_id === null ? null : (summary.ownerNames.get(row.owner_id) ?? null)
    const known = reasons.get(`${key.kind}:${key.id}`)
    return [
      {
        ...toItem(row, ownerName),
        reasons: known?.reasons ?? [],
        reasonFixed: known?.reasonFixed ?? false,
      },
    ]
  })
}

function toItem(
  row: LostRow,
  ownerName: string | null,
): Omit<LostListItem, 'reasons' | 'reasonFixed'> {
  return {
    kind: row.kind,
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    segment: row.segment,
    ownerId: row.owner_id,
    ownerName,
    status: row.status,
    statusRule: row.status_rule,
    lostSince: row.lost_since,
    probabilityAlive: row.p_alive,
    overdueDays: row.overdue_days,
    valueIfWonBackMinor: row.value_if_won_back_minor,
    winBackProbability: row.win_back_probability,
    expectedValueMinor: row.expected_value_minor,
    reason: row.reason,
    explanation: row.explanation,
  }
}
