import { can } from '../../domain/access-policy.js'
import { isIsoDate, type TrendPeriod } from '../../domain/case-dates.js'
import { ForbiddenError, ValidationError } from '../../domain/errors.js'
import {
  type GroupedTally,
  groupedTallies,
  type LossItem,
  type ParetoRow,
  pareto,
  reasonTrend,
} from '../../domain/reason-lessons.js'
import {
  getSetting,
  readLatestAnalysisRun,
  readLostCustomerScores,
  type Store,
} from '../../store/index.js'
import type { CaseActor } from './case-support.js'
import { usersById } from './case-support.js'
import { type KnownLoss, readKnownLosses } from './known-losses.js'
import { loadTaxonomy } from './taxonomy.js'

/** A Pareto line with the reason's label and whether it is fixable. */
export interface LessonRow extends ParetoRow {
  readonly label: string
  readonly fixable: boolean
}

/** The golden lessons: why customers and sales were lost, ranked, over time and by group. */
export interface GoldenLessons {
  readonly currency: string
  readonly from: string | null
  readonly to: string | null
  readonly period: TrendPeriod
  /** losses whose reason is known (from case findings or mapped deal reasons) */
  readonly lossesWithReason: number
  /** customers lost in the newest analysis with no reason recorded yet: exit interviews to hold */
  readonly lostCustomersWithoutReason: number
  readonly byCount: readonly LessonRow[]
  readonly byRevenue: readonly LessonRow[]
  readonly trend: readonly GroupedTally[]
  readonly bySegment: readonly GroupedTally[]
  readonly byTerritory: readonly GroupedTally[]
  /** grouped by the rep who owned the account when it was lost, named */
  readonly byRep: readonly GroupedTally[]
}

/** Options of the golden lessons: a window of loss dates and the trend's period. */
export interface LessonOptions {
  readonly from?: string
  readonly to?: string
  readonly period?: TrendPeriod
}

/**
 * The golden lessons (SPEC §3): the Pareto of loss reasons by count and by lost revenue, the trend
 * by period, and breakdowns by segment, territory and rep, over losses dated in `from`–`to` (both
 * optional; losses without a date count only when no window is given). Everyone may read them.
 * @example const lessons = await goldenLessons(store, who, { period: 'quarter' })
 */
export async function goldenLessons(
  store: Store,
  who: CaseActor,
  options: LessonOptions = {},
): Promise<GoldenLessons> {
  if (!can(who.actor, 'read', { type: 'golden_lessons' })) {
    throw new ForbiddenError(`a ${who.actor.role} may not read the golden lessons`)
  }
  for (const [name, date] of [
    ['from', options.from],
    ['to', options.to],
  ] as const) {
    if (date !== undefined && !isIsoDate(date)) {
      throw new ValidationError(`--${name} must be a date written YYYY-MM-DD, not "${date}"`)
    }
  }
  const period = options.period ?? 'quarter'
  const losses = (await readKnownLosses(store)).filter((loss) => inWindow(loss, options))
  const items = losses.map(toLossItem)
  const taxonomy = await loadTaxonomy(store)
  const users = await usersById(store)
  const label = (row: ParetoRow): LessonRow => {
    const reason = taxonomy.byCode.get(row.code)
    return { ...row, label: reason?.label ?? row.code, fixable: reason?.fixable ?? false }
  }
  return {
    currency: await companyCurrency(store),
    from: options.from ?? null,
    to: options.to ?? null,
    period,
    lossesWithReason: items.length,
    lostCustomersWithoutReason: await countLostWithoutReason(store, losses),
    byCount: pareto(items, 'count').map(label),
    byRevenue: pareto(items, 'revenue').map(label),
    trend: reasonTrend(items, period),
    bySegment: groupedTallies(items, (item) => item.segment),
    byTerritory: groupedTallies(items, (item) => item.territory),
    byRep: groupedTallies(items, (item) =>
      item.repId === null ? null : (users.get(item.repId)?.name ?? `user ${item.repId}`),
    ),
  }
}

function inWindow(loss: KnownLoss, options: LessonOptions): boolean {
  if (options.from === undefined && options.to === undefined) {
    return true
  }
  if (loss.lostOn === null) {
    return false
  }
  return (
    (options.from === undefined || loss.lostOn >= options.from) &&
    (options.to === undefined || loss.lostOn <= options.to)
  )
}

function toLossItem(loss: KnownLoss): LossItem {
  return {
    reasonCodes: loss.reasonCodes,
    lostRevenueMinor: loss.lostRevenueMinor,
    lostOn: loss.lostOn,
    segment: loss.segment,
    territory: loss.territory,
    repId: loss.losingRepId,
  }
}

async function countLostWithoutReason(store: Store, losses: readonly KnownLoss[]): Promise<number> {
  const run = await readLatestAnalysisRun(store)
  if (run === undefined) {
    return 0
  }
  const known = new Set(
    losses.filter((loss) => loss.subjectKind === 'customer').map((loss) => loss.customerId),
  )
  const lost = await readLostCustomerScores(store, { runId: run.id })
  return lost.filter((row) => !known.has(row.customer_id)).length
}

/** The company's currency setting (the demo sets `currency`, imports `company.currency`). */
export async function companyCurrency(store: Store): Promise<string> {
  const legacy = await getSetting<string>(store, 'currency', 'USD')
  return getSetting<string>(store, 'company.currency', legacy)
}
