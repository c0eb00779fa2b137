import { z } from 'zod'

/**
 * Let go (SPEC §2 and "Case states"): difficult or unprofitable customers are flagged "let go" —
 * leave them happy, keep them referring. This is the rule that suggests it from the data the store
 * has: too many incidents in the window, or too large a share of cancelled or refunded orders.
 * Both thresholds are settings; a suggestion names the rule that fired, with the numbers.
 */

/** Why a customer is let go (the reason an owner records). */
export const LET_GO_REASONS = [
  'difficult',
  'unprofitable',
  'late_payer',
  'too_many_incidents',
  'other',
] as const

/** A let-go reason code. */
export type LetGoReason = (typeof LET_GO_REASONS)[number]

/** True for a known let-go reason code. */
export function isLetGoReason(code: string): code is LetGoReason {
  return (LET_GO_REASONS as readonly string[]).includes(code)
}

/** The thresholds of the let-go suggestion. */
export interface LetGoRule {
  /** the window the facts are counted over, in days back from today */
  readonly windowDays: number
  /** suggested at this many incidents or more in the window */
  readonly minIncidents: number
  /** suggested when cancelled or refunded orders are at least this share of their orders … */
  readonly minRefundShare: number
  /** … among at least this many orders (a single refund is no pattern) */
  readonly minOrdersForShare: number
}

/** The defaults: three service failures in a year, or a quarter of four or more orders undone. */
export const DEFAULT_LET_GO_RULE: LetGoRule = {
  windowDays: 365,
  minIncidents: 3,
  minRefundShare: 0.25,
  minOrdersForShare: 4,
}

const ruleSchema = z.strictObject({
  windowDays: z.number().int().min(1).max(3650),
  minIncidents: z.number().int().min(1),
  minRefundShare: z.number().gt(0).max(1),
  minOrdersForShare: z.number().int().min(1),
})

/**
 * A stored rule over the defaults.
 * @throws ZodError naming the field out of range
 * @example parseLetGoRule({ minIncidents: 5 }).minRefundShare // 0.25
 */
export function parseLetGoRule(value: unknown): LetGoRule {
  const stored = typeof value === 'object' && value !== null ? value : {}
  return ruleSchema.parse({ ...DEFAULT_LET_GO_RULE, ...stored })
}

/** What the rule reads about one customer over the window. */
export interface LetGoCounts {
  readonly orders: number
  readonly refundedOrCancelled: number
  readonly incidents: number
}

/** One part of the rule that fired, in words. */
export interface LetGoFinding {
  readonly reason: LetGoReason
  readonly rule: string
}

/**
 * The parts of the rule a customer meets (empty: not suggested).
 * @example letGoFindings({ orders: 8, refundedOrCancelled: 1, incidents: 4 }, DEFAULT_LET_GO_RULE)[0].rule // '4 incidents in 365 days (rule: 3 or more)'
 */
export function letGoFindings(counts: LetGoCounts, rule: LetGoRule): LetGoFinding[] {
  const findings: LetGoFinding[] = []
  if (counts.incidents >= rule.minIncidents) {
    findings.push({
      reason: 'too_many_incidents',
      rule: `${counts.incidents} incidents in ${rule.windowDays} days (rule: ${rule.minIncidents} or more)`,
    })
  }
  const share = counts.orders === 0 ? 0 : counts.refundedOrCancelled / counts.orders
  if (counts.orders >= rule.minOrdersForShare && share >= rule.minRefundShare) {
    findings.push({
      reason: 'unprofitable',
      rule: `${counts.refundedOrCancelled} of ${counts.orders} orders cancelled or refunded in ${rule.windowDays} days (rule: ${Math.round(rule.minRefundShare * 100)} % or more of at least ${rule.minOrdersForShare})`,
    })
  }
  return findings
}
