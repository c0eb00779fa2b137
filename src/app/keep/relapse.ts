import { ownerFilter, scopeOf } from '../../domain/access-policy.js'
import { addDays, todayIso } from '../../domain/case-dates.js'
import { relapseDay } from '../../domain/keep-watch.js'
import {
  readKeepScoreHistory,
  readWonCustomerCases,
  type Store,
  type WatchedScore,
} from '../../store/index.js'
import type { CaseActor } from '../cases/case-support.js'
import { getKeepSettings } from './keep-settings.js'

/** One win and whether it re-lapsed. */
export interface WinOutcome {
  readonly caseId: number
  readonly customerId: string
  readonly ownerId: number
  readonly wonOn: string
  readonly reasonCodes: string[]
  /** the day they were lost again within 12 months of the win, or null */
  readonly relapsedOn: string | null
  /** their 12 months after the win are over by the as-of date */
  readonly windowClosed: boolean
}

/**
 * Every customer case won back by `asOf`, each with the day its customer was lost again within 12
 * months of the win, if they were (SPEC "Figures": re-lapse = lost again within 12 months of the
 * win), from the cases and the stored status history: a run that has them `lost` after they ordered
 * again, dated by its "lost since". Shared by the re-lapse report and the program figures.
 * @example const wins = await relapsedCustomers(store, { asOf: '2025-06-30' }); wins.filter((w) => w.relapsedOn !== null).length
 */
export async function relapsedCustomers(
  store: Store,
  options: { readonly asOf?: string } = {},
): Promise<WinOutcome[]> {
  const asOf = options.asOf ?? todayIso()
  const settings = await getKeepSettings(store)
  const wins = await readWonCustomerCases(store, asOf)
  const history = new Map<string, WatchedScore[]>()
  for (const score of await readKeepScoreHistory(store, [
    ...new Set(wins.map((w) => w.customerId)),
  ])) {
    history.set(score.customerId, [...(history.get(score.customerId) ?? []), score])
  }
  return wins.map((win) => ({
    ...win,
    relapsedOn: relapseDay(win.wonOn, history.get(win.customerId) ?? [], { asOf, settings }),
    windowClosed: addDays(win.wonOn, settings.keepWindowDays) <= asOf,
  }))
}

/** Counts for one group of wins. */
export interface RelapseTally {
  readonly key: string
  readonly wins: number
  readonly relapsed: number
  /** wins whose 12 months are over: the denominator of the rate */
  readonly closedWins: number
  readonly closedRelapsed: number
  /** closedRelapsed ÷ closedWins, or null when no window has closed yet */
  readonly rate: number | null
}

/** The re-lapse report: overall, by reason and by owner. */
export interface RelapseReport {
  readonly asOf: string
  readonly total: RelapseTally
  readonly byReason: RelapseTally[]
  readonly byOwner: RelapseTally[]
  readonly relapses: WinOutcome[]
}

function tally(key: string, wins: readonly WinOutcome[]): RelapseTally {
  const closed = wins.filter((win) => win.windowClosed)
  const closedRelapsed = closed.filter((win) => win.relapsedOn !== null).length
  return {
    key,
    wins: wins.length,
    relapsed: wins.filter((win) => win.relapsedOn !== null).length,
    closedWins: closed.length,
    closedRelapsed,
    rate: closed.length === 0 ? null : closedRelapsed / closed.length,
  }
}

function groupedTallies(
  wins: readonly WinOutcome[],
  keysOf: (win: WinOutcome) => readonly string[],
): RelapseTally[] {
  const groups = new Map<string, WinOutcome[]>()
  for (const win of wins) {
    for (const key of keysOf(win)) {
      groups.set(key, [...(groups.get(key) ?? []), win])
    }
  }
  return [...groups.entries()]
    .map(([key, members]) => tally(key, members))
    .sort((a, b) => b.wins - a.wins || a.key.localeCompare(b.key))
}

/**
 * The re-lapse report for the actor's cases (a rep their own, a manager their team's, others all):
 * wins, how many re-lapsed within 12 months, and the rate — counted over wins whose 12 months are
 * over, so a recent win cannot lower it before it had the chance to re-lapse — overall, by case
 * reason (a case with two reasons counts in both) and by owner.
 * @example const report = await relapseReport(store, who, { asOf: '2025-06-30' }); report.total.rate
 */
export async function relapseReport(
  store: Store,
  who: CaseActor,
  options: { readonly asOf?: string } = {},
): Promise<RelapseReport> {
  const asOf = options.asOf ?? todayIso()
  const owners = ownerFilter(who.actor, scopeOf(who.actor.role, 'read', 'case'))
  const wins = (await relapsedCustomers(store, { asOf })).filter(
    (win) => owners === null || owners.includes(win.ownerId),
  )
  return {
    asOf,
    total: tally('all', wins),
    byReason: groupedTallies(wins, (win) =>
      win.reasonCodes.length === 0 ? ['(none)'] : win.reasonCodes,
    ),
    byOwner: groupedTallies(wins, (win) => [String(win.ownerId)]),
    relapses: wins.filter((win) => win.relapsedOn !== null),
  }
}
