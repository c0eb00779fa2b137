import type { CaseRecord } from './facts.js'

/**
 * The won-back cases whose revenue counts: for a customer won back more than once, only its
 * earliest win, whose "since the win" already holds every later order (no order counts twice).
 */
export function firstWins(cases: readonly CaseRecord[]): CaseRecord[] {
  const first = new Map<string, CaseRecord>()
  for (const record of cases) {
    if (record.stage !== 'won_back' || record.ended_on === null) {
      continue
    }
    const was = first.get(record.customer_id)
    if (was === undefined || (was.ended_on ?? '') > record.ended_on) {
      first.set(record.customer_id, record)
    }
  }
  return [...first.values()]
}

/**
 * SPEC §10 revenue recovered: won-back customers' imported order revenue since their win, net of
 * refunds, counted inside the period (`revenueByCase` holds each win's sum, from the store).
 */
export function revenueRecovered(
  cases: readonly CaseRecord[],
  revenueByCase: ReadonlyMap<number, number>,
): number {
  return firstWins(cases).reduce(
    (total, record) => total + (revenueByCase.get(record.case_id) ?? 0),
    0,
  )
}
