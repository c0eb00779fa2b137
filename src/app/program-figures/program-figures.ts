import { type Actor, can } from '../../domain/access-policy.js'
import { todayIso } from '../../domain/case-dates.js'
import { ForbiddenError } from '../../domain/errors.js'
import { getSetting, type Store } from '../../store/index.js'
import { type Band, CHURN_BAND, PROSPECT_BAND, WIN_BACK_BAND } from './bands.js'
import { type ChurnFacts, churnRate, readChurnFacts } from './churn-rate.js'
import {
  type FigureDimension,
  type FigureTags,
  inGroup,
  NONE_KEY,
  type People,
} from './dimensions.js'
import { type ProgramFacts, readPeople, readProgramFacts } from './facts.js'
import { type HoldoutLift, holdoutLift } from './holdout-lift.js'
import { type Period, periodOf } from './period.js'
import { type ProgramCost, programCost } from './program-cost.js'
import { prospectConversion } from './prospect-conversion.js'
import type { Quartiles } from './quartiles.js'
import type { Rate } from './rate.js'
import { type Relapse, relapseRate } from './relapse-rate.js'
import { revenueRecovered } from './revenue-recovered.js'
import { timeToWinBack } from './time-to-win-back.js'
import { winBackRate } from './win-back-rate.js'

/** The program's figures for the whole program or one group (money in minor units). */
export interface FigureSet {
  /** won ÷ ended cases that ended in the period */
  readonly winBack: Rate
  /** won ÷ closed deals that closed in the period; of 0 for reasons (deals have none) */
  readonly prospectConversion: Rate
  /** became lost ÷ active at the start; null before any analysis run */
  readonly churn: Rate | null
  readonly revenueRecoveredMinor: number
  readonly timeToWinBackDays: Quartiles
  readonly cost: ProgramCost
  readonly relapse: Relapse
}

/** One group of a breakdown: its key (user id, reason code, segment; '' for none) and label. */
export interface FigureGroup {
  readonly key: string
  readonly label: string
  readonly figures: FigureSet
}

/** The program's figures for a period, against the seeds' bands, maybe broken down by one dimension. */
export interface ProgramFigures {
  readonly from: string
  readonly to: string
  readonly currency: string
  readonly bands: { readonly winBack: Band; readonly prospect: Band; readonly churn: Band }
  /** how the churn's start was counted, and the run whose "lost since" dates it read */
  readonly churnBasis: { readonly basis: 'run' | 'estimate'; readonly runAsOf: string } | null
  readonly overall: FigureSet
  readonly by: FigureDimension | null
  readonly groups: FigureGroup[]
  readonly lift: HoldoutLift
}

/** What to compute: the period (default the twelve months to today) and a breakdown. */
export interface ProgramFiguresQuery {
  readonly from?: string
  readonly to?: string
  readonly by?: FigureDimension
  /** the day the default period ends; default today (UTC) */
  readonly today?: string
}

type Group = { readonly dimension: FigureDimension; readonly key: string } | null

/** The figures of one group (null: the whole program) from the period's facts. */
export function figureSet(facts: ProgramFacts, churn: ChurnFacts | null, group: Group): FigureSet {
  const cases = facts.cases.filter((record) => inGroup(record.tags, group))
  const revenue = revenueRecovered(cases, facts.revenueByCase)
  return {
    winBack: winBackRate(cases, facts.period),
    prospectConversion: prospectConversion(facts.deals.filter((deal) => inGroup(deal.tags, group))),
    churn: churn === null ? null : churnRate(churn, group),
    revenueRecoveredMinor: revenue,
    timeToWinBackDays: timeToWinBack(cases, facts.period),
    cost: programCost(cases, facts, revenue),
    relapse: relapseRate(cases, facts.lostAgainByCase, facts.period),
  }
}

/** Every group key a dimension takes in the facts, sorted. */
function groupKeys(
  facts: ProgramFacts,
  churn: ChurnFacts | null,
  dimension: FigureDimension,
): string[] {
  const keys = new Set<string>()
  const add = (tags: FigureTags) => {
    for (const key of tags[dimension] ?? []) {
      keys.add(key)
    }
  }
  const tagged = [
    ...facts.cases,
    ...facts.deals,
    ...(churn?.becameLost ?? []),
    ...(churn?.activeAtStart ?? []),
  ]
  for (const fact of tagged) {
    add(fact.tags)
  }
  return [...keys].sort()
}

function labelOf(people: People, dimension: FigureDimension, key: string): string {
  if (key === NONE_KEY) {
    return '(none)'
  }
  if (dimension === 'manager' || dimension === 'rep') {
    return people.nameOf(Number(key)) ?? `user ${key}`
  }
  return key
}

/**
 * The program's figures (SPEC §10) for a period: win-back rate, prospect conversion, churn,
 * revenue recovered, time to win back, make-good and bounty cost against revenue, re-lapse and
 * the campaigns' lift over their holdouts, each against the seeds' bands where the seeds give one,
 * for the whole program and, with `by`, for each manager, rep, reason or segment. Everyone reads
 * aggregate figures (SPEC access policy); the answer names staff, reasons and segments, never a
 * customer, and names campaigns only to those who may read campaigns.
 * @throws ValidationError for a bad period; ForbiddenError for a role without figures
 * @example const figures = await programFiguresAs(store, rep, { by: 'segment' })
 */
export async function programFiguresAs(
  store: Store,
  actor: Actor,
  query: ProgramFiguresQuery = {},
): Promise<ProgramFigures> {
  if (!can(actor, 'read', { type: 'figures' })) {
    throw new ForbiddenError(`a ${actor.role} may not read figures`)
  }
  const period: Period = periodOf(query, query.today ?? todayIso())
  const people = await readPeople(store)
  const facts = await readProgramFacts(store, period, people)
  const churn = await readChurnFacts(store, period, people)
  const by = query.by ?? null
  return {
    from: period.from,
    to: period.to,
    currency: await getSetting(store, 'currency', 'USD', (value) => String(value)),
    bands: { winBack: WIN_BACK_BAND, prospect: PROSPECT_BAND, churn: CHURN_BAND },
    churnBasis: churn === null ? null : { basis: churn.basis, runAsOf: churn.endRunAsOf },
    overall: figureSet(facts, churn, null),
    by,
    groups:
      by === null
        ? []
        : groupKeys(facts, churn, by).map((key) => ({
            key,
            label: labelOf(people, by, key),
            figures: figureSet(facts, churn, { dimension: by, key }),
          })),
    lift: await holdoutLift(store, period, can(actor, 'read', { type: 'campaign' })),
  }
}
