import { addDays, daysBetween } from '../../domain/case-dates.js'
import {
  type CustomerCountGroup,
  readChurnCounts,
  readFigureRunOnOrBefore,
  type Store,
} from '../../store/index.js'
import { accountTags, type FigureTags, inGroup, type People } from './dimensions.js'
import type { Period } from './period.js'
import { type Rate, rateOf } from './rate.js'

/** Customers counted by a churn rule, in one set of groups. */
export interface CustomerCount {
  readonly count: number
  readonly tags: FigureTags
}

/** The churn facts of a period, by group. */
export interface ChurnFacts {
  /** the run whose "lost since" dates say who became lost (newest on or before the period end) */
  readonly endRunAsOf: string
  /** `run`: active at the start from a run dated near it; `estimate`: from the end run (see below) */
  readonly basis: 'run' | 'estimate'
  readonly becameLost: readonly CustomerCount[]
  readonly activeAtStart: readonly CustomerCount[]
}

/** the same tolerance as the dashboard's churn: a run this close before the start stands for it */
const START_RUN_TOLERANCE_DAYS = 45

/**
 * SPEC "Figures": churn rate = customers who became lost in the period ÷ active customers (active
 * or at risk, SPEC "Lapse status") at its start. Who became lost: "lost since" inside the period in
 * the newest run on or before its end. Active at the start: from the newest run on or before the
 * start if it is within 45 days of it; otherwise estimated from the end run as the customers who
 * had ordered by the start and were not yet lost then (`basis: 'estimate'`, as the dashboard does).
 * Null before any run covers the period's end.
 */
export async function readChurnFacts(
  store: Store,
  period: Period,
  people: People,
): Promise<ChurnFacts | null> {
  const endRun = await readFigureRunOnOrBefore(store, period.to)
  if (endRun === undefined) {
    return null
  }
  const start = addDays(period.from, -1)
  const becameLost = await readChurnCounts(store, endRun.id, {
    kind: 'became_lost',
    from: start,
    to: period.to,
  })
  const startRun = await readFigureRunOnOrBefore(store, start)
  const fromRun =
    startRun !== undefined &&
    startRun.id !== endRun.id &&
    daysBetween(startRun.as_of, start) <= START_RUN_TOLERANCE_DAYS
  const activeAtStart = fromRun
    ? await readChurnCounts(store, startRun.id, { kind: 'active' })
    : await readChurnCounts(store, endRun.id, { kind: 'not_lost_at', day: start })
  const tagged = (groups: CustomerCountGroup[]) =>
    groups.map((group) => ({
      count: group.count,
      tags: accountTags(people, group.owner_id, group.segment),
    }))
  return {
    endRunAsOf: endRun.as_of,
    basis: fromRun ? 'run' : 'estimate',
    becameLost: tagged(becameLost),
    activeAtStart: tagged(activeAtStart),
  }
}

/** Churn in one group (or the whole program): became lost ÷ active at the start. */
export function churnRate(facts: ChurnFacts, group: Parameters<typeof inGroup>[1]): Rate {
  const sum = (counts: readonly CustomerCount[]) =>
    counts
      .filter((count) => inGroup(count.tags, group))
      .reduce((total, count) => total + count.count, 0)
  const lost = sum(facts.becameLost)
  const active = sum(facts.activeAtStart)
  if (lost <= active || active === 0) {
    return rateOf(lost, active)
  }
  // customers who first bought inside the period and were lost in it too can outnumber a tiny
  // group's start: the ratio is still shown, but no interval for a share can be given
  return { count: lost, of: active, rate: lost / active, lower: null, upper: null }
}
