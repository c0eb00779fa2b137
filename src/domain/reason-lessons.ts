import { periodOf, type TrendPeriod } from './case-dates.js'

/**
 * Golden lessons (the seeds: document the whys): why customers and sales were lost, as a Pareto by
 * count and by lost revenue, a trend, and breakdowns by segment, territory and rep.
 *
 * A loss may have several reasons. Counts count citations (a loss with two reasons counts once
 * for each), so they answer "how often is this named"; revenue is split evenly between a loss's
 * reasons, so the revenue column adds up to the revenue actually lost.
 */

/** One lost customer or lost deal with its reasons (live codes, no repeats) and what it was worth. */
export interface LossItem {
  readonly reasonCodes: readonly string[]
  /** yearly revenue lost, integer minor units */
  readonly lostRevenueMinor: number
  readonly lostOn: string | null
  readonly segment: string | null
  readonly territory: string | null
  /** who owned the account or deal when it was lost */
  readonly repId: number | null
}

/** One reason's line of a Pareto: its count and revenue, their shares, and the running totals. */
export interface ParetoRow {
  readonly code: string
  readonly count: number
  readonly countShare: number
  readonly cumulativeCountShare: number
  readonly revenueMinor: number
  readonly revenueShare: number
  readonly cumulativeRevenueShare: number
}

/** One reason's count and revenue within a group (a period, a segment, a territory or a rep). */
export interface GroupedTally {
  readonly group: string
  readonly code: string
  readonly count: number
  readonly revenueMinor: number
}

interface Tally {
  count: number
  revenueMinor: number
}

/**
 * The revenue of one loss split evenly between its reasons in whole minor units; the first reasons
 * take the remainder, so the parts add up exactly.
 * @example splitRevenue(100, 3) // [34, 33, 33]
 */
export function splitRevenue(revenueMinor: number, parts: number): number[] {
  const base = Math.trunc(revenueMinor / parts)
  const remainder = revenueMinor - base * parts
  const step = Math.sign(remainder)
  return Array.from({ length: parts }, (_, index) =>
    index < Math.abs(remainder) ? base + step : base,
  )
}

function tallyByCode(items: readonly LossItem[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>()
  for (const item of items) {
    if (item.reasonCodes.length === 0) {
      continue
    }
    const shares = splitRevenue(item.lostRevenueMinor, item.reasonCodes.length)
    item.reasonCodes.forEach((code, index) => {
      const tally = tallies.get(code) ?? { count: 0, revenueMinor: 0 }
      tally.count += 1
      tally.revenueMinor += shares[index] ?? 0
      tallies.set(code, tally)
    })
  }
  return tallies
}

/**
 * The Pareto of reasons, largest first by `by` (ties by code), with each reason's share of all
 * citations and of all lost revenue and the cumulative shares down the list.
 * @example pareto(items, 'revenue')[0]?.code // the reason that cost the most
 */
export function pareto(items: readonly LossItem[], by: 'count' | 'revenue'): ParetoRow[] {
  const tallies = [...tallyByCode(items)].map(([code, tally]) => ({ code, ...tally }))
  const key = by === 'count' ? 'count' : 'revenueMinor'
  tallies.sort((left, right) => right[key] - left[key] || left.code.localeCompare(right.code))
  const totalCount = tallies.reduce((sum, tally) => sum + tally.count, 0)
  const totalRevenue = tallies.reduce((sum, tally) => sum + tally.revenueMinor, 0)
  let runningCount = 0
  let runningRevenue = 0
  return tallies.map((tally) => {
    runningCount += tally.count
    runningRevenue += tally.revenueMinor
    return {
      code: tally.code,
      count: tally.count,
      countShare: share(tally.count, totalCount),
      cumulativeCountShare: share(runningCount, totalCount),
      revenueMinor: tally.revenueMinor,
      revenueShare: share(tally.revenueMinor, totalRevenue),
      cumulativeRevenueShare: share(runningRevenue, totalRevenue),
    }
  })
}

/**
 * Each reason's count and revenue per group, groups and codes in order; items whose group is null
 * fall in `(none)`.
 * @example groupedTallies(items, (item) => item.territory)
 */
export function groupedTallies(
  items: readonly LossItem[],
  groupOf: (item: LossItem) => string | null,
): GroupedTally[] {
  const byGroup = new Map<string, LossItem[]>()
  for (const item of items) {
    const group = groupOf(item) ?? '(none)'
    const members = byGroup.get(group)
    if (members === undefined) {
      byGroup.set(group, [item])
    } else {
      members.push(item)
    }
  }
  return [...byGroup.keys()]
    .sort()
    .flatMap((group) =>
      [...tallyByCode(byGroup.get(group) ?? [])]
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([code, tally]) => ({ group, code, ...tally })),
    )
}

/**
 * The trend: each reason's count and revenue per period of the loss date (`2024-05`, `2024-Q2`,
 * `2024`); losses without a date are left out.
 * @example reasonTrend(items, 'quarter')
 */
export function reasonTrend(items: readonly LossItem[], period: TrendPeriod): GroupedTally[] {
  return groupedTallies(
    items.filter((item) => item.lostOn !== null),
    (item) => (item.lostOn === null ? null : periodOf(item.lostOn, period)),
  )
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}
