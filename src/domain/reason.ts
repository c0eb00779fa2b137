import type { Issue } from './errors.js'

/**
 * The loss-reason taxonomy (SPEC §3: golden lessons). Codes are stable handles; labels are what
 * people read; a merged reason points at the one it was merged into, so findings recorded under it
 * keep their history and roll up under the survivor.
 */

/** One reason of the taxonomy. */
export interface LossReason {
  readonly id: number
  readonly code: string
  readonly label: string
  /** whether it is something the company can fix (a dated fix can remove it) */
  readonly fixable: boolean
  /** the broader reason this one details ("poached on price" under "poached by a competitor") */
  readonly parentId: number | null
  /** set once the reason was merged into another; it then only lives on in history */
  readonly mergedIntoId: number | null
}

/** A default reason, before it has an id. */
export interface DefaultReason {
  readonly code: string
  readonly label: string
  readonly fixable: boolean
  readonly parentCode: string | null
}

/** The code unmapped imported reasons fall back to. */
export const OTHER_REASON_CODE = 'other'

/**
 * The default taxonomy, drawn from the seeds: screw-ups (delivery, billing, deadlines, quality,
 * service), stolen by price or by a better salesperson, the abrasive rep, a changed decision maker,
 * no longer needed, no one-stop offer. The seeds hold that "every reason is fixable"; the ones
 * outside the company's hands (a decision maker moving on, a need that went away) are not.
 */
export const DEFAULT_REASONS: readonly DefaultReason[] = [
  { code: 'delivery', label: 'Late or wrong delivery', fixable: true, parentCode: null },
  { code: 'billing', label: 'Billing error', fixable: true, parentCode: null },
  { code: 'missed_deadline', label: 'Missed deadline', fixable: true, parentCode: null },
  { code: 'quality', label: 'Quality', fixable: true, parentCode: null },
  { code: 'service', label: 'Poor service', fixable: true, parentCode: null },
  { code: 'price', label: 'Price', fixable: true, parentCode: null },
  {
    code: 'poached_by_competitor',
    label: 'Poached by a competitor',
    fixable: true,
    parentCode: null,
  },
  {
    code: 'poached_on_price',
    label: 'Poached by a competitor on price',
    fixable: true,
    parentCode: 'poached_by_competitor',
  },
  {
    code: 'poached_by_salesperson',
    label: 'Poached by a competitor’s better salesperson',
    fixable: true,
    parentCode: 'poached_by_competitor',
  },
  { code: 'rep_relationship', label: 'Relationship with the rep', fixable: true, parentCode: null },
  {
    code: 'decision_maker_change',
    label: 'Decision maker changed',
    fixable: false,
    parentCode: null,
  },
  { code: 'no_longer_needed', label: 'No longer needed', fixable: false, parentCode: null },
  { code: 'no_one_stop_offer', label: 'No one-stop offer', fixable: true, parentCode: null },
  { code: OTHER_REASON_CODE, label: 'Other', fixable: false, parentCode: null },
]

const CODE = /^[a-z][a-z0-9_]{1,39}$/

/**
 * Problems with a reason code: lower-case letters, digits and `_`, starting with a letter, 2–40
 * characters (codes appear in URLs, CSV and the CLI).
 * @example reasonCodeIssues('Late delivery') // [{ path: ['code'], … }]
 */
export function reasonCodeIssues(code: string): Issue[] {
  return CODE.test(code)
    ? []
    : [
        {
          path: ['code'],
          message: `a reason code is 2-40 lower-case letters, digits or _, starting with a letter, not "${code}"`,
        },
      ]
}

/**
 * Problems with a reason label: not blank, at most 120 characters.
 * @example reasonLabelIssues('  ') // [{ path: ['label'], … }]
 */
export function reasonLabelIssues(label: string): Issue[] {
  const trimmed = label.trim()
  if (trimmed === '' || trimmed.length > 120) {
    return [{ path: ['label'], message: 'a reason label is 1-120 characters' }]
  }
  return []
}

/**
 * The reason `id` stands for today: itself, or the reason it was merged into (following merges of
 * merges). Undefined for an unknown id; a cycle in bad data stops at the last reason before it.
 * @example resolveReason(7, byId).code // 'price' after "pricing" (7) was merged into "price"
 */
export function resolveReason(
  id: number,
  byId: ReadonlyMap<number, LossReason>,
): LossReason | undefined {
  let current = byId.get(id)
  const seen = new Set<number>()
  while (current?.mergedIntoId != null && !seen.has(current.id)) {
    seen.add(current.id)
    const next = byId.get(current.mergedIntoId)
    if (next === undefined) {
      break
    }
    current = next
  }
  return current
}

/** True while a reason is part of the live taxonomy (not merged away). */
export function isLiveReason(reason: LossReason): boolean {
  return reason.mergedIntoId === null
}
