import { NotFoundError } from '../domain/errors.js'
import {
  type CaseReasonFigure,
  type DataVersion,
  type DealSummaryRow,
  readCaseReasonCodes,
  readCaseReasonCustomers,
  readCaseReasonFigures,
  readDataVersion,
  readDealSummary,
  readLatestAnalysisRun,
  readScoreSummaryChunk,
  readUserNames,
  type ScoreSummaryRow,
  type Store,
} from '../store/index.js'
import { type DealsBySort, sortDeals } from './lost-deals.js'
import { type LostIndex, LostIndexBuilder } from './lost-index.js'

/** How many customers (or lost deals) of the run share a kind, status, segment and owner. */
export interface ListedGroup {
  readonly kind: 'customer' | 'deal'
  readonly status: 'lost' | 'lapsed' | 'at_risk'
  readonly segment: string | null
  readonly ownerId: number | null
  readonly count: number
}

/** The newest run's figures, summed once per version of the data (see `runSummary`). */
export interface RunSummary {
  /** the version of the data it sums (see `readDataVersion`) */
  readonly version: string
  readonly runId: number
  readonly asOf: string
  readonly currency: string
  readonly statusCounts: Readonly<Record<'active' | 'at_risk' | 'lapsed' | 'lost', number>>
  readonly groups: readonly ListedGroup[]
  /** the listed customers in memory, for pages and counts without the database */
  readonly index: LostIndex
  /** the customers exit interviews found each reason code for */
  readonly reasonCustomers: ReadonlyMap<string, ReadonlySet<string>>
  readonly lostCustomers: {
    readonly valueMinor: number
    readonly expectedValueMinor: number
    /** how many became lost in each month (`YYYY-MM` of lost since) */
    readonly byMonth: ReadonlyMap<string, number>
    /** how many became lost after `periodStart` */
    readonly sincePeriodStart: number
  }
  /** a year before `asOf`: the churn period's start */
  readonly periodStart: string
  /** customers who had ordered by `periodStart` and were not yet lost then */
  readonly notLostAtPeriodStart: number
  readonly deals: readonly DealSummaryRow[]
  readonly dealsBySort: DealsBySort
  /** the reasons of lost deals, by the deals' owner */
  readonly dealReasons: ReadonlyMap<number | null, readonly string[]>
  /** who each user is called, for naming owners */
  readonly ownerNames: ReadonlyMap<number, string>
  readonly caseReasons: readonly CaseReasonFigure[]
  readonly reasonCodes: readonly string[]
}

const CHUNK_ROWS = 20_000
const LISTED = new Set(['lost', 'lapsed', 'at_risk'])

interface CacheEntry {
  readonly key: string
  readonly runId: number | null
  readonly summary: Promise<RunSummary>
  settled: RunSummary | null
}

const cache = new WeakMap<Store, CacheEntry>()

const versionKey = (version: DataVersion) =>
  `${version.runId}:${version.committedImports}:${version.ownershipId}:${version.caseEventId}:${version.resurfacedId}:${version.fixId}:${version.erasureId}`

/**
 * The newest analysis run's summed figures — counts by status, segment and owner, lost value, lost
 * months, lost deals, reasons — that the lost list's totals and facets and the dashboard read.
 * Summing a million scores takes a few seconds, so it runs once per version of the data (a new
 * run, import, ownership change or case event starts another), in short steps that let other
 * requests through; while a newer version is summed, the last one of the same run answers.
 * @throws NotFoundError before the first `analyze`
 * @example const summary = await runSummary(store)
 */
export async function runSummary(store: Store): Promise<RunSummary> {
  return (await currentRunSummary(store)).summary
}

/**
 * `runSummary`, and whether it is of the data as it is now (false while a newer one is summed).
 * @example const { summary, current } = await currentRunSummary(store)
 */
export async function currentRunSummary(
  store: Store,
): Promise<{ summary: RunSummary; current: boolean }> {
  const version = await readDataVersion(store)
  if (version.runId === null) {
    throw new NotFoundError('there is no analysis yet: run `comeback analyze` first')
  }
  const key = versionKey(version)
  const entry = cache.get(store)
  if (entry?.key === key) {
    return { summary: await entry.summary, current: true }
  }
  const fresh: CacheEntry = {
    key,
    runId: version.runId,
    summary: summarize(store, key),
    settled: null,
  }
  fresh.summary.then(
    (summary) => {
      fresh.settled = summary
    },
    () => {
      if (cache.get(store) === fresh) {
        cache.delete(store)
      }
    },
  )
  cache.set(store, fresh)
  if (entry?.settled !== null && entry?.settled !== undefined && entry.runId === version.runId) {
    return { summary: entry.settled, current: false }
  }
  return { summary: await fresh.summary, current: true }
}

async function summarize(store: Store, version: string): Promise<RunSummary> {
  const run = await readLatestAnalysisRun(store)
  if (run === undefined) {
    throw new NotFoundError('there is no analysis yet: run `comeback analyze` first')
  }
  const periodStart = yearBefore(run.as_of)
  const customers = await sumCustomers(store, run.id, periodStart)
  const deals = await readDealSummary(store, run.id)
  const counts = JSON.parse(run.status_counts_json) as Record<string, number | undefined>
  return {
    version,
    runId: run.id,
    asOf: run.as_of,
    currency: run.currency,
    statusCounts: {
      active: counts['active'] ?? 0,
      at_risk: counts['at_risk'] ?? 0,
      lapsed: counts['lapsed'] ?? 0,
      lost: counts['lost'] ?? 0,
    },
    groups: [...customers.groups.values(), ...dealGroups(deals)],
    index: customers.index,
    reasonCustomers: await readCaseReasonCustomers(store),
    lostCustomers: customers.lost,
    periodStart,
    notLostAtPeriodStart: customers.notLostAtPeriodStart,
    deals,
    dealsBySort: sortDeals(deals),
    dealReasons: reasonsByOwner(deals),
    ownerNames: await readUserNames(store),
    caseReasons: await readCaseReasonFigures(store, run.id),
    reasonCodes: await readCaseReasonCodes(store),
  }
}

/** `YYYY-MM-DD` one calendar year earlier (29 February becomes 28 February). */
export function yearBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  const month = date.getUTCMonth()
  date.setUTCFullYear(date.getUTCFullYear() - 1)
  if (date.getUTCMonth() !== month) {
    date.setUTCDate(0)
  }
  return date.toISOString().slice(0, 10)
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

async function sumCustomers(store: Store, runId: number, periodStart: string) {
  const groups = new Map<string, ListedGroup>()
  const lost = {
    valueMinor: 0,
    expectedValueMinor: 0,
    byMonth: new Map<string, number>(),
    sincePeriodStart: 0,
  }
  let notLostAtPeriodStart = 0
  const index = new LostIndexBuilder()
  let after: string | null = null
  for (;;) {
    const rows: ScoreSummaryRow[] = await readScoreSummaryChunk(store, {
      runId,
      after,
      limit: CHUNK_ROWS,
    })
    for (const row of rows) {
      if (!row.visible) {
        continue
      }
      if (LISTED.has(row.status)) {
        index.add(row)
        addToGroup(groups, {
          kind: 'customer',
          status: row.status as ListedGroup['status'],
          segment: row.segment,
          ownerId: row.owner_id,
          count: 1,
        })
      }
      const lostSince = row.status === 'lost' ? row.lost_since : null
      if (row.status === 'lost') {
        lost.valueMinor += row.value_if_won_back_minor
        lost.expectedValueMinor += row.expected_value_minor
        if (lostSince !== null) {
          const month = lostSince.slice(0, 7)
          lost.byMonth.set(month, (lost.byMonth.get(month) ?? 0) + 1)
          lost.sincePeriodStart += lostSince > periodStart ? 1 : 0
        }
      }
      const orderedByStart = row.first_order_on !== null && row.first_order_on <= periodStart
      if (orderedByStart && (lostSince === null || lostSince > periodStart)) {
        notLostAtPeriodStart += 1
      }
    }
    const last: ScoreSummaryRow | undefined = rows.at(-1)
    if (rows.length < CHUNK_ROWS || last === undefined) {
      // sorting holds the thread a moment: let waiting requests run first
      await nextTurn()
      return { groups, lost, notLostAtPeriodStart, index: index.build() }
    }
    after = last.customer_id
    // one step at a time: on SQLite each read holds the thread, so let waiting requests run
    await nextTurn()
  }
}

function addToGroup(groups: Map<string, ListedGroup>, one: ListedGroup): void {
  const key = `${one.kind}|${one.status}|${one.segment ?? ''}|${one.segment === null ? 'n' : 's'}|${one.ownerId ?? ''}`
  const found = groups.get(key)
  groups.set(key, found === undefined ? one : { ...found, count: found.count + one.count })
}

function dealGroups(deals: readonly DealSummaryRow[]): ListedGroup[] {
  const groups = new Map<string, ListedGroup>()
  for (const deal of deals) {
    addToGroup(groups, {
      kind: 'deal',
      status: 'lost',
      segment: deal.segment,
      ownerId: deal.owner_id,
      count: 1,
    })
  }
  return [...groups.values()]
}

function reasonsByOwner(deals: readonly DealSummaryRow[]): Map<number | null, string[]> {
  const reasons = new Map<number | null, Set<string>>()
  for (const deal of deals) {
    if (deal.lost_reason !== null) {
      const owned = reasons.get(deal.owner_id) ?? new Set<string>()
      owned.add(deal.lost_reason)
      reasons.set(deal.owner_id, owned)
    }
  }
  return new Map([...reasons.entries()].map(([owner, found]) => [owner, [...found]]))
}
