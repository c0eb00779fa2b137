import { addMonths } from '../../domain/case-dates.js'
import type { CaseRecord } from './facts.js'
import type { Period } from './period.js'
import { type Rate, rateOf } from './rate.js'

/** How many won-back customers were lost again, with the censoring said out loud. */
export interface Relapse {
  /**
   * Matured cohort: the wins whose twelve months ended inside the period (won between a year
   * before the period's start and a year before its end), and how many of them were lost again
   * within those twelve months. Every win in it was watched for its whole year.
   */
  readonly matured: Rate
  /** Wins younger than a year at the period's end: lost again so far, and how many are still watched. */
  readonly soFar: { readonly relapsed: number; readonly atRisk: number }
}

/**
 * SPEC "Figures": re-lapse = lost again within 12 months of the win ("lost since", from the stored
 * status history, after the win day and at most 12 months after it). Censoring: a win younger than
 * 12 months at the period's end could still relapse, so it is kept out of the rate and counted
 * apart, "so far", with the number still at risk.
 */
export function relapseRate(
  cases: readonly CaseRecord[],
  lostAgainByCase: ReadonlyMap<number, string>,
  period: Period,
): Relapse {
  const wins = cases.filter((record) => record.stage === 'won_back' && record.ended_on !== null)
  const relapsedWithinYear = (record: CaseRecord) => {
    const lostOn = lostAgainByCase.get(record.case_id)
    const winOn = record.ended_on ?? ''
    return lostOn !== undefined && lostOn > winOn && lostOn <= addMonths(winOn, 12)
  }
  const maturedFrom = addMonths(period.from, -12)
  const maturedTo = addMonths(period.to, -12)
  const matured = wins.filter(
    (record) => (record.ended_on ?? '') >= maturedFrom && (record.ended_on ?? '') <= maturedTo,
  )
  const recent = wins.filter(
    (record) => (record.ended_on ?? '') > maturedTo && (record.ended_on ?? '') <= period.to,
  )
  const recentRelapsed = recent.filter(
    (record) =>
      relapsedWithinYear(record) && (lostAgainByCase.get(record.case_id) ?? '') <= period.to,
  ).length
  return {
    matured: rateOf(matured.filter(relapsedWithinYear).length, matured.length),
    soFar: { relapsed: recentRelapsed, atRisk: recent.length - recentRelapsed },
  }
}
