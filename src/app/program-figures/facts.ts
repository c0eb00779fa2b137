import {
  type CaseFact,
  type ClosedDealGroup,
  readCaseFacts,
  readClosedDealGroups,
  readEarningsByCase,
  readFigurePeople,
  readLostAgainAfterWin,
  readPayoutsByCase,
  readPriceConcessionsByCase,
  readRevenueSinceWin,
  type Store,
} from '../../store/index.js'
import { accountTags, type FigureTags, NONE_KEY, People } from './dimensions.js'
import type { Period } from './period.js'

/** A case as the figures see it, with its groups. */
export interface CaseRecord extends Omit<CaseFact, 'rep_ids' | 'reason_code' | 'segment'> {
  readonly tags: FigureTags
}

/** Closed deals of one status and one set of groups. */
export interface DealRecord {
  readonly status: ClosedDealGroup['status']
  readonly count: number
  readonly tags: FigureTags
}

/** What the figures of one period are computed from; pure data, so the maths tests need no store. */
export interface ProgramFacts {
  readonly period: Period
  readonly cases: readonly CaseRecord[]
  /** per won-back case: revenue of its customer since the win, inside the period */
  readonly revenueByCase: ReadonlyMap<number, number>
  /** per won-back case: the first "lost since" after the win, from the status history */
  readonly lostAgainByCase: ReadonlyMap<number, string>
  readonly payoutsByCase: ReadonlyMap<number, number>
  readonly earningsByCase: ReadonlyMap<number, number>
  readonly concessionsByCase: ReadonlyMap<number, { offered: number; approved: number }>
  readonly deals: readonly DealRecord[]
}

/** The case's groups: owner's manager, its reps, its primary reason, the customer's segment. */
export function caseTags(people: People, fact: CaseFact): FigureTags {
  return {
    manager: [people.managerOf(fact.owner_id)],
    rep: fact.rep_ids.length === 0 ? [NONE_KEY] : fact.rep_ids.map(String),
    reason: [fact.reason_code ?? NONE_KEY],
    segment: [fact.segment ?? NONE_KEY],
  }
}

/**
 * Reads the facts of a period from the store. Cases of any date up to the period's end are read
 * (re-lapse looks back a year before it; revenue counts since wins of any date).
 */
export async function readProgramFacts(
  store: Store,
  period: Period,
  people: People,
): Promise<ProgramFacts> {
  const [cases, revenueByCase, lostAgainByCase, payoutsByCase, earningsByCase, concessions, deals] =
    await Promise.all([
      readCaseFacts(store, period.to),
      readRevenueSinceWin(store, period),
      readLostAgainAfterWin(store),
      readPayoutsByCase(store, period),
      readEarningsByCase(store, period),
      readPriceConcessionsByCase(store, period),
      readClosedDealGroups(store, period),
    ])
  return {
    period,
    cases: cases.map((fact) => ({
      case_id: fact.case_id,
      customer_id: fact.customer_id,
      stage: fact.stage,
      opened_on: fact.opened_on,
      ended_on: fact.ended_on,
      owner_id: fact.owner_id,
      tags: caseTags(people, fact),
    })),
    revenueByCase,
    lostAgainByCase,
    payoutsByCase,
    earningsByCase,
    concessionsByCase: concessions,
    deals: deals.map((group) => ({
      status: group.status,
      count: group.count,
      tags: accountTags(people, group.owner_id, group.segment),
    })),
  }
}

/** Everyone the figures may name (users, never customers). */
export async function readPeople(store: Store): Promise<People> {
  return new People(await readFigurePeople(store))
}
