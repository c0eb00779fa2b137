import { z } from 'zod'
import { type Actor, isWithinScope, type Role, scopeOf } from './access-policy.js'
import type { CaseParticipants } from './case-access.js'
import { formatMoney } from './explanation.js'
import type { MakeGoodKind } from './make-good.js'

/**
 * Approval limits by role (SPEC access policy: reps may approve make-goods up to the rep limit;
 * above one's own limit an offer needs someone else with a higher one). Amounts in minor units of
 * the company's currency; null is no limit. An admin edits them as the `approvalLimits` setting.
 */
export interface ApprovalLimits {
  readonly rep: number | null
  readonly manager: number | null
  readonly vp: number | null
}

/** Defaults (issue 7): a rep up to $500, a manager up to $5,000, the VP without limit. */
export const DEFAULT_APPROVAL_LIMITS: ApprovalLimits = { rep: 50_000, manager: 500_000, vp: null }

const limit = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable()
const limitsSchema = z.strictObject({ rep: limit, manager: limit, vp: limit })

/**
 * The stored limits over the defaults, checked.
 * @throws ZodError for a negative or fractional amount
 */
export function parseApprovalLimits(value: unknown): ApprovalLimits {
  const stored = typeof value === 'object' && value !== null ? value : {}
  return limitsSchema.parse({ ...DEFAULT_APPROVAL_LIMITS, ...stored })
}

/** The most a role may approve: undefined when it may approve nothing; null when unlimited. */
export function approvalLimitOf(role: Role, limits: ApprovalLimits): number | null | undefined {
  switch (role) {
    case 'rep':
      return limits.rep
    case 'manager':
      return limits.manager
    // an admin may do everything the VP may (SPEC access policy)
    case 'vp':
    case 'admin':
      return limits.vp
    case 'analyst':
      return undefined
  }
}

/** Why an approval is refused, or null when this role may approve this offer. */
export function approvalRefusal(
  role: Role,
  offer: { readonly kind: MakeGoodKind; readonly valueMinor: number; readonly currency: string },
  limits: ApprovalLimits,
  reason: string | null,
): string | null {
  if (offer.kind === 'price_concession') {
    if (role !== 'vp') {
      return 'a price concession needs the head of sales (VP) to approve it'
    }
    if (reason === null || reason.trim().length < 10) {
      return 'a price concession needs a written reason (10 characters or more)'
    }
  }
  const most = approvalLimitOf(role, limits)
  if (most === undefined) {
    return `a ${role} does not approve make-goods`
  }
  if (most !== null && offer.valueMinor > most) {
    return `${formatMoney(offer.valueMinor, offer.currency)} is above the ${role} limit of ${formatMoney(most, offer.currency)}: someone with a higher limit approves it`
  }
  return null
}

/**
 * Whether `actor` may decide offers on a case (SPEC access policy, `approval` row): everyone with
 * `all`; a manager when someone on the case or the account's owner is in their team; a rep on
 * the case. The amount is checked apart, against the limits.
 */
export function canApproveOnCase(actor: Actor, participants: CaseParticipants): boolean {
  const scope = scopeOf(actor.role, 'write', 'approval')
  if (scope === 'all' || scope === 'none') {
    return scope === 'all'
  }
  const assigned = [...participants.repIds, participants.interviewerId]
  const people =
    scope === 'team'
      ? [participants.ownerId, participants.accountOwnerId, ...assigned]
      : [participants.ownerId, ...assigned]
  return people.some((id) => id !== null && isWithinScope(actor, scope, id))
}
