import { daysBetween } from '../../domain/case-dates.js'
import type { CaseRecord } from './facts.js'
import type { Period } from './period.js'
import { type Quartiles, quartilesOf } from './quartiles.js'
import { endedIn } from './win-back-rate.js'

/**
 * SPEC "Figures": time to win back = case opened → won, in days, over the cases won back in the
 * period: its median and quartiles.
 */
export function timeToWinBack(cases: readonly CaseRecord[], period: Period): Quartiles {
  return quartilesOf(
    cases
      .filter((record) => record.stage === 'won_back' && endedIn(record, period))
      .map((record) => daysBetween(record.opened_on, record.ended_on ?? record.opened_on)),
  )
}
