import type { CaseRecord } from './facts.js'

/** What winning back cost in the period, against the revenue it regained. */
export interface ProgramCost {
  /** make-good payouts made in the period (approved offers) */
  readonly makeGoodMinor: number
  /** bounty ledger earnings entered in the period, net of reversals */
  readonly bountyMinor: number
  readonly totalMinor: number
  /** total cost ÷ revenue recovered; null without revenue */
  readonly perRevenue: number | null
  /** price concessions offered in the period, and approved (SPEC §6: discouraged, flagged) */
  readonly priceConcessionsOffered: number
  readonly priceConcessionsApproved: number
}

/**
 * SPEC §10: make-good and bounty cost against revenue regained, over the cases given (their
 * payouts and earnings in the period), with the price concessions flagged among the offers.
 */
export function programCost(
  cases: readonly CaseRecord[],
  costs: {
    readonly payoutsByCase: ReadonlyMap<number, number>
    readonly earningsByCase: ReadonlyMap<number, number>
    readonly concessionsByCase: ReadonlyMap<number, { offered: number; approved: number }>
  },
  revenueMinor: number,
): ProgramCost {
  let makeGoodMinor = 0
  let bountyMinor = 0
  let offered = 0
  let approved = 0
  for (const record of cases) {
    makeGoodMinor += costs.payoutsByCase.get(record.case_id) ?? 0
    bountyMinor += costs.earningsByCase.get(record.case_id) ?? 0
    offered += costs.concessionsByCase.get(record.case_id)?.offered ?? 0
    approved += costs.concessionsByCase.get(record.case_id)?.approved ?? 0
  }
  const totalMinor = makeGoodMinor + bountyMinor
  return {
    makeGoodMinor,
    bountyMinor,
    totalMinor,
    perRevenue: revenueMinor > 0 ? totalMinor / revenueMinor : null,
    priceConcessionsOffered: offered,
    priceConcessionsApproved: approved,
  }
}
