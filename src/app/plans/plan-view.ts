import type { PlanConditionRow, PlanExtraRow, PlanRow } from '../../store/index.js'

/** Where a plan stands: none yet, a draft, agreed, or changed since it was agreed. */
export type PlanStatus = 'none' | 'draft' | 'agreed' | 'changed'

/** One condition as the plan shows it. */
export interface PlanConditionView {
  readonly id: number
  readonly version: number
  readonly text: string
  readonly side: 'us' | 'customer'
  readonly ownerId: number | null
  readonly ownerName: string | null
  readonly contactName: string | null
  readonly dueOn: string
  readonly status: 'open' | 'done'
  readonly doneOn: string | null
  readonly doneBy: string | null
  readonly note: string | null
  /** open and past its due date */
  readonly overdue: boolean
}

/** What we deliver beyond the fix. */
export interface PlanExtraView {
  readonly id: number
  readonly what: string
  readonly valueMinor: number | null
  readonly currency: string | null
  readonly deliveredOn: string | null
}

/**
 * The written plan of a case. `version` is its ETag (null before a plan is started); an
 * agreement holds for `agreedVersion`, so a plan edited after agreement reads `changed` and needs
 * agreeing again.
 */
export interface PlanView {
  readonly caseId: number
  readonly version: number | null
  readonly status: PlanStatus
  readonly summary: string | null
  readonly agreedVersion: number | null
  readonly agreedOn: string | null
  readonly ourSigner: string | null
  readonly theirSigner: string | null
  readonly conditions: readonly PlanConditionView[]
  readonly extras: readonly PlanExtraView[]
  /** every condition is done (false for a plan without conditions) */
  readonly allDone: boolean
}

/** A plan's status from its version and the version it was agreed at. */
export function planStatusOf(plan: PlanRow | undefined): PlanStatus {
  if (plan === undefined) {
    return 'none'
  }
  if (plan.agreed_version === null) {
    return 'draft'
  }
  return Number(plan.agreed_version) === Number(plan.version) ? 'agreed' : 'changed'
}

/** A stored condition as the plan shows it, overdue as of `today`. */
export function toConditionView(
  row: PlanConditionRow,
  names: ReadonlyMap<number, string>,
  today: string,
): PlanConditionView {
  const ownerId = row.owner_id === null ? null : Number(row.owner_id)
  return {
    id: Number(row.id),
    version: Number(row.version),
    text: row.text,
    side: row.side,
    ownerId,
    ownerName: ownerId === null ? null : (names.get(ownerId) ?? `user ${ownerId}`),
    contactName: row.contact_name,
    dueOn: row.due_on,
    status: row.status,
    doneOn: row.done_on,
    doneBy: row.done_by,
    note: row.note,
    overdue: row.status === 'open' && row.due_on < today,
  }
}

/** A stored extra as the plan shows it. */
export function toExtraView(row: PlanExtraRow): PlanExtraView {
  return {
    id: Number(row.id),
    what: row.what,
    valueMinor: row.value_minor === null ? null : Number(row.value_minor),
    currency: row.currency,
    deliveredOn: row.delivered_on,
  }
}

/** The whole plan view of a case (an empty one before a plan is started). */
export function toPlanView(
  caseId: number,
  parts: {
    readonly plan: PlanRow | undefined
    readonly conditions: readonly PlanConditionView[]
    readonly extras: readonly PlanExtraView[]
  },
): PlanView {
  const { plan, conditions } = parts
  return {
    caseId,
    version: plan === undefined ? null : Number(plan.version),
    status: planStatusOf(plan),
    summary: plan?.summary ?? null,
    agreedVersion: plan?.agreed_version == null ? null : Number(plan.agreed_version),
    agreedOn: plan?.agreed_on ?? null,
    ourSigner: plan?.our_signer ?? null,
    theirSigner: plan?.their_signer ?? null,
    conditions,
    extras: parts.extras,
    allDone: conditions.length > 0 && conditions.every((line) => line.status === 'done'),
  }
}
