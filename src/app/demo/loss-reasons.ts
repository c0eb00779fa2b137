import type { DemoFix, IncidentKind, LossReason, Segment, Territory } from './demo-types.js'
import type { Random } from './random.js'

/** Reasons that are a service failure on our side; each has the incident kind that shows it. */
export const INCIDENT_KIND_BY_SERVICE_REASON: Readonly<Partial<Record<LossReason, IncidentKind>>> =
  {
    delivery: 'late_delivery',
    billing: 'billing_error',
    missed_deadline: 'missed_deadline',
    quality: 'quality',
    service: 'poor_service',
  }

/** True when a customer left over a service failure (delivery, billing, deadline, quality, service). */
export function isServiceReason(reason: LossReason | null): boolean {
  return reason !== null && INCIDENT_KIND_BY_SERVICE_REASON[reason] !== undefined
}

const CUSTOMER_LOSS_WEIGHTS: readonly (readonly [LossReason, number])[] = [
  ['price', 22],
  ['poached_by_competitor', 16],
  ['delivery', 8],
  ['billing', 6],
  ['missed_deadline', 6],
  ['quality', 6],
  ['service', 8],
  ['rep_relationship', 8],
  ['decision_maker_change', 8],
  ['no_one_stop_offer', 6],
  ['no_longer_needed', 6],
]

const DEAL_LOSS_WEIGHTS: readonly (readonly [LossReason, number])[] = [
  ['price', 30],
  ['poached_by_competitor', 25],
  ['rep_relationship', 10],
  ['no_one_stop_offer', 15],
  ['decision_maker_change', 10],
  ['no_longer_needed', 10],
]

/** Why a customer stopped buying; accounts of the abrasive rep lose more over the relationship. */
export function drawCustomerLossReason(random: Random, ownedByLeaver: boolean): LossReason {
  return random.weighted(
    CUSTOMER_LOSS_WEIGHTS.map(([reason, weight]) => [
      reason,
      ownedByLeaver && reason === 'rep_relationship' ? weight * 6 : weight,
    ]),
  )
}

/** Why a sale failed. */
export function drawDealLossReason(random: Random, ownedByLeaver: boolean): LossReason {
  return random.weighted(
    DEAL_LOSS_WEIGHTS.map(([reason, weight]) => [
      reason,
      ownedByLeaver && reason === 'rep_relationship' ? weight * 5 : weight,
    ]),
  )
}

/**
 * The day a customer's loss reason was fixed for them: the first fix of that reason, after the
 * loss, whose scope covers them; null when none did.
 */
export function fixedOnFor(
  fixes: readonly DemoFix[],
  loss: {
    readonly reason: LossReason | null
    readonly lostOn: string
    readonly segment: Segment
    readonly territory: Territory
    readonly ownerEmail: string
  },
): string | null {
  for (const fix of fixes) {
    if (fix.reason !== loss.reason || fix.fixedOn <= loss.lostOn) {
      continue
    }
    const scope = fix.scope
    const covered =
      scope === null ||
      (scope.kind === 'segment' && scope.value === loss.segment) ||
      (scope.kind === 'territory' && scope.value === loss.territory) ||
      (scope.kind === 'rep' && scope.value === loss.ownerEmail)
    if (covered) {
      return fix.fixedOn
    }
  }
  return null
}
