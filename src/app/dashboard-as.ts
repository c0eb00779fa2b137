import type { Actor } from '../domain/access-policy.js'
import { can } from '../domain/access-policy.js'
import { ForbiddenError } from '../domain/errors.js'
import { readRunOnOrBefore, type Store } from '../store/index.js'
import { type RunSummary, runSummary } from './run-summary.js'

/** The program's headline figures from the newest analysis run (money in minor units). */
export interface DashboardFigures {
  readonly asOf: string
  readonly currency: string
  readonly statusCounts: Readonly<Record<'active' | 'at_risk' | 'lapsed' | 'lost', number>>
  readonly lostDeals: { readonly count: number; readonly valueMinor: number }
  /** value if won back, summed over lost customers and lost deals */
  readonly valueAtStakeMinor: number
  readonly expectedValueMinor: number
  readonly churn: ChurnFigure
  /** the twelve months up to the as-of date, oldest first, months without losses included */
  readonly lostByMonth: { month: string; customers: number; deals: number }[]
  /** the reasons behind the most value lost: lost deals' reasons and exit-interview findings */
  readonly topReasons: { reason: string; count: number; valueMinor: number }[]
}

/**
 * SPEC "Figures": churn rate = customers who became lost in the period ÷ active customers (active
 * or at risk) at its start, over the year up to the run's as-of date. The start's count comes from
 * the run dated nearest before it (`run`), or, with no run within 45 days of it, is estimated from
 * the newest run as the customers who had ordered by then and were not yet lost (`estimate`).
 */
export interface ChurnFigure {
  readonly periodStart: string
  readonly periodEnd: string
  readonly becameLost: number
  readonly activeAtStart: number
  /** becameLost ÷ activeAtStart, or null when no one was active at the start */
  readonly rate: number | null
  readonly basis: 'run' | 'estimate'
}

const TOP_REASONS = 8
const START_RUN_TOLERANCE_DAYS = 45

/**
 * The dashboard: how many customers are in each status, lost deals, the value at stake and its
 * expected value, the churn rate, losses by month and the top reasons. These are aggregate
 * figures, which every role reads (SPEC access policy): a rep sees the company's, not only theirs.
 * @throws NotFoundError before the first `analyze`
 * @example const figures = await dashboardAs(store, manager)
 */
export async function dashboardAs(store: Store, actor: Actor): Promise<DashboardFigures> {
  if (!can(actor, 'read', { type: 'figures' })) {
    throw new ForbiddenError(`a ${actor.role} may not read figures`)
  }
  const summary = await runSummary(store)
  const dealValue = sum(summary.deals.map((deal) => deal.value_if_won_back_minor))
  const dealExpected = sum(summary.deals.map((deal) => deal.expected_value_minor))
  return {
    asOf: summary.asOf,
    currency: summary.currency,
    statusCounts: summary.statusCounts,
    lostDeals: { count: summary.deals.length, valueMinor: dealValue },
    valueAtStakeMinor: summary.lostCustomers.valueMinor + dealValue,
    expectedValueMinor: summary.lostCustomers.expectedValueMinor + dealExpected,
    churn: await churnOf(store, summary),
    lostByMonth: lostByMonth(summary),
    topReasons: topReasons(summary),
  }
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)

async function churnOf(store: Store, summary: RunSummary): Promise<ChurnFigure> {
  const becameLost = summary.lostCustomers.sincePeriodStart
  const startRun = await readRunOnOrBefore(store, summary.periodStart)
  const daysBefore =
    startRun === undefined
      ? Number.POSITIVE_INFINITY
      : (Date.parse(summary.periodStart) - Date.parse(startRun.as_of)) / 86_400_000
  const fromRun = startRun !== undefined && daysBefore <= START_RUN_TOLERANCE_DAYS
  const activeAtStart = fromRun
    ? (startRun.status_counts['active'] ?? 0) + (startRun.status_counts['at_risk'] ?? 0)
    : summary.notLostAtPeriodStart
  return {
    periodStart: summary.periodStart,
    periodEnd: summary.asOf,
    becameLost,
    activeAtStart,
    rate: activeAtStart === 0 ? null : becameLost / activeAtStart,
    basis: fromRun ? 'run' : 'estimate',
  }
}

/** The `YYYY-MM` months from the one after `periodStart`'s to `asOf`'s, oldest first. */
export function monthsOfPeriod(periodStart: string, asOf: string): string[] {
  const months: string[] = []
  const cursor = new Date(`${periodStart.slice(0, 7)}-01T00:00:00Z`)
  const last = asOf.slice(0, 7)
  for (let guard = 0; guard < 400; guard += 1) {
    cursor.setUTCMonth(cursor.getUTCMonth() + 1)
    const month = cursor.toISOString().slice(0, 7)
    if (month > last) {
      break
    }
    months.push(month)
  }
  return months
}

function lostByMonth(summary: RunSummary) {
  const deals = new Map<string, number>()
  for (const deal of summary.deals) {
    if (deal.closed_on !== null) {
      const month = deal.closed_on.slice(0, 7)
      deals.set(month, (deals.get(month) ?? 0) + 1)
    }
  }
  return monthsOfPeriod(summary.periodStart, summary.asOf).map((month) => ({
    month,
    customers: summary.lostCustomers.byMonth.get(month) ?? 0,
    deals: deals.get(month) ?? 0,
  }))
}

function topReasons(summary: RunSummary) {
  const reasons = new Map<string, { count: number; valueMinor: number }>()
  const add = (reason: string, count: number, valueMinor: number) => {
    const found = reasons.get(reason) ?? { count: 0, valueMinor: 0 }
    reasons.set(reason, { count: found.count + count, valueMinor: found.valueMinor + valueMinor })
  }
  for (const deal of summary.deals) {
    add(deal.lost_reason ?? 'other', 1, deal.value_if_won_back_minor)
  }
  for (const found of summary.caseReasons) {
    add(found.code, found.customers, found.value_if_won_back_minor)
  }
  return [...reasons.entries()]
    .map(([reason, figure]) => ({ reason, ...figure }))
    .sort(
      (left, right) =>
        right.valueMinor - left.valueMinor || left.reason.localeCompare(right.reason),
    )
    .slice(0, TOP_REASONS)
}
