import { z } from 'zod'

/**
 * Pay for victories (SPEC §8 and Decisions "Bounties"): a fixed bounty per won-back customer
 * and/or a commission multiplier on the first N months of won-back revenue, split between the
 * case's manager (its owner) and its reps, capped per person and case.
 */
export interface BountyRule {
  readonly id: number
  readonly name: string
  /** paid once per won case, at the customer's first order after the win; 0 for none */
  readonly fixedMinor: number
  /** commission multiplier (2 = double); 1 for none. The bounty is the extra (m − 1) part */
  readonly multiplier: number
  /** revenue counts for this many months from the win date */
  readonly months: number
  /** the most one person earns from one case under this rule; null for no cap */
  readonly capMinor: number | null
  /** the manager's (case owner's) share; the reps share the rest equally */
  readonly managerShare: number
  /** cases won on or after this date fall under the rule */
  readonly effectiveFrom: string
  readonly active: boolean
}

/** What an admin writes when adding or changing a rule. */
export const bountyRuleInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  fixedMinor: z.number().int().min(0).max(1e12).default(0),
  multiplier: z.number().finite().min(1).max(10).default(1),
  months: z.number().int().min(1).max(120).default(12),
  capMinor: z.number().int().min(0).max(1e12).nullable().default(null),
  managerShare: z.number().finite().min(0).max(1).default(0.5),
  effectiveFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
    .default('2000-01-01'),
  active: z.boolean().default(true),
})
export type BountyRuleInput = z.input<typeof bountyRuleInputSchema>
export type BountyRuleFields = z.output<typeof bountyRuleInputSchema>

/** The split of one case's bounty: each person's share, summing to 1. */
export function bountyShares(
  ownerId: number,
  repIds: readonly number[],
  managerShare: number,
): Map<number, number> {
  const reps = [...new Set(repIds)].filter((id) => id !== ownerId)
  const shares = new Map<number, number>()
  if (reps.length === 0) {
    // nobody to share with: the owner worked it alone
    shares.set(ownerId, 1)
    return shares
  }
  shares.set(ownerId, managerShare)
  for (const rep of reps) {
    shares.set(rep, (1 - managerShare) / reps.length)
  }
  return shares
}

/**
 * One person's multiplier bounty on one order: (multiplier − 1) × their base commission rate ×
 * the order's amount × their share (SPEC Decisions "Bounties": base commission is paid as usual,
 * the bounty is the extra part). Rounded to whole minor units; negative for a negative amount.
 * @example multiplierBounty(2, 0.05, 100_000, 0.5) // 2500
 */
export function multiplierBounty(
  multiplier: number,
  baseRate: number,
  amountMinor: number,
  share: number,
): number {
  return Math.round((multiplier - 1) * baseRate * amountMinor * share)
}

/** A fixed bounty's part for one person. */
export function fixedBounty(fixedMinor: number, share: number): number {
  return Math.round(fixedMinor * share)
}

/**
 * What a credit may still add under a cap, given what the person already holds net under the
 * rule for the case; the credit unchanged without a cap or when it is negative.
 * @example capped(5000, 8000, 10_000) // 2000
 */
export function capped(creditMinor: number, heldMinor: number, capMinor: number | null): number {
  if (capMinor === null || creditMinor <= 0) {
    return creditMinor
  }
  return Math.max(0, Math.min(creditMinor, capMinor - heldMinor))
}
