import type { CaseRecord } from './facts.js'
import type { Period } from './period.js'
import { type Rate, rateOf } from './rate.js'

/** SPEC "Case states": the endings; "ended cases" means these three. */
const ENDINGS = new Set(['won_back', 'not_compatible', 'let_go'])

/** Whether a case ended (won back, not compatible, let go) inside the period. */
export function endedIn(record: CaseRecord, period: Period): boolean {
  return (
    ENDINGS.has(record.stage) &&
    record.ended_on !== null &&
    record.ended_on >= period.from &&
    record.ended_on <= period.to
  )
}

/**
 * SPEC "Case states": win-back rate = won ÷ ended cases, over the cases that ended in the period,
 * with Wilson's 95 % interval; read against seed 001's 20–40 % (`WIN_BACK_BAND`).
 * @example winBackRate(cases, { from: '2026-01-01', to: '2026-12-31' }).rate
 */
export function winBackRate(cases: readonly CaseRecord[], period: Period): Rate {
  const ended = cases.filter((record) => endedIn(record, period))
  const won = ended.filter((record) => record.stage === 'won_back').length
  return rateOf(won, ended.length)
}
