import type { LossReason } from './demo-types.js'

/** One spell of buying: from its first order to the day they stopped (null: still buying). */
export interface Lifetime {
  readonly startDay: number
  readonly endDay: number | null
  readonly reason: LossReason | null
  readonly purchaseRatePerDay: number
  readonly meanOrderValueMinor: number
}

/** Days in one demo contract: contracts run a year and renew (or not) at its end. */
export const CONTRACT_DAYS = 365

/** Moves a contract customer's last day to the end of the contract year it falls in. */
export function endOfContractYear(startDay: number, endDay: number): number {
  return startDay + Math.max(1, Math.ceil((endDay - startDay) / CONTRACT_DAYS)) * CONTRACT_DAYS
}
