import { z } from 'zod'
import { addMonths } from './case-dates.js'
import type { Issue } from './errors.js'

/**
 * The rules of sales-managed win-back (SPEC §4, issue 5), on by default; an admin turns them off in
 * the `caseRules` setting, and a user may override one on one case with a written reason.
 */
export const CASE_RULES = [
  'owner_manager_or_vp',
  'interviewer_not_losing_rep',
  'new_rep_not_alone',
  'ending_needs_reason',
] as const
export type CaseRule = (typeof CASE_RULES)[number]

/** What each rule asks, in words. */
export const CASE_RULE_TEXT: Readonly<Record<CaseRule, string>> = {
  owner_manager_or_vp: 'a case is owned by a manager or the VP',
  interviewer_not_losing_rep:
    'the rep who owned the account when it was lost does not hold the exit interview',
  new_rep_not_alone: 'a new rep is never the only rep on a case',
  ending_needs_reason: 'a case cannot end without at least one reason code',
}

/** Which rules are on, and how new a rep is "new" (months since they started). */
export interface CaseRuleSettings {
  readonly enabled: Readonly<Record<CaseRule, boolean>>
  readonly newRepMonths: number
}

/** Every rule on; a rep is new for their first 6 months. */
export const DEFAULT_CASE_RULE_SETTINGS: CaseRuleSettings = {
  enabled: {
    owner_manager_or_vp: true,
    interviewer_not_losing_rep: true,
    new_rep_not_alone: true,
    ending_needs_reason: true,
  },
  newRepMonths: 6,
}

const caseRuleSettingsSchema = z.object({
  enabled: z
    .object({
      owner_manager_or_vp: z.boolean().default(true),
      interviewer_not_losing_rep: z.boolean().default(true),
      new_rep_not_alone: z.boolean().default(true),
      ending_needs_reason: z.boolean().default(true),
    })
    .prefault({}),
  newRepMonths: z.number().int().min(0).max(120).default(DEFAULT_CASE_RULE_SETTINGS.newRepMonths),
})

/**
 * Reads rule settings (the stored JSON, or what an admin typed), filling what is left out from the
 * defaults.
 * @throws ZodError when a value has the wrong type
 * @example parseCaseRuleSettings({ newRepMonths: 3 }).enabled.new_rep_not_alone // true
 */
export function parseCaseRuleSettings(value: unknown): CaseRuleSettings {
  return caseRuleSettingsSchema.parse(value ?? {})
}

/** The people and facts the rules look at, as of one day. */
export interface CaseRuleFacts {
  readonly today: string
  readonly ownerRole: string
  /** the reps assigned to work the case, with the day each started */
  readonly reps: readonly { readonly id: number; readonly startedOn: string }[]
  /** who holds the exit interview (the owner unless someone else is named) */
  readonly interviewerId: number | null
  /** who owned the account when it was lost; null when unknown */
  readonly losingRepId: number | null
  /** the stage the case is moving to, when the check is for a move */
  readonly endingTo: string | null
  readonly reasonCount: number
}

/** One rule a case breaks, in words. */
export interface RuleViolation {
  readonly rule: CaseRule
  readonly message: string
}

/** A user's written decision to set one rule aside on one case. */
export interface RuleOverride {
  readonly rule: CaseRule
  readonly reason: string
}

/** The shortest written reason an override accepts: a few words, not a shrug. */
export const MIN_OVERRIDE_REASON_LENGTH = 10

/**
 * True when a rep who started on `startedOn` has worked fewer than `months` months by `today`.
 * @example isNewRep('2024-01-15', '2024-07-14', 6) // true
 */
export function isNewRep(startedOn: string, today: string, months: number): boolean {
  return addMonths(startedOn, months) > today
}

/**
 * Every rule the case breaks (only rules that are on).
 * @example checkCaseRules({ ownerRole: 'rep', … }, DEFAULT_CASE_RULE_SETTINGS) // [{ rule: 'owner_manager_or_vp', … }]
 */
export function checkCaseRules(facts: CaseRuleFacts, settings: CaseRuleSettings): RuleViolation[] {
  const broken: RuleViolation[] = []
  const add = (rule: CaseRule, detail: string) => {
    if (settings.enabled[rule]) {
      broken.push({ rule, message: `${CASE_RULE_TEXT[rule]}: ${detail}` })
    }
  }
  if (facts.ownerRole !== 'manager' && facts.ownerRole !== 'vp') {
    add('owner_manager_or_vp', `the owner is a ${facts.ownerRole}`)
  }
  if (facts.interviewerId !== null && facts.interviewerId === facts.losingRepId) {
    add(
      'interviewer_not_losing_rep',
      `user ${facts.interviewerId} owned the account when it was lost`,
    )
  }
  const onlyRep = facts.reps.length === 1 ? facts.reps[0] : undefined
  if (onlyRep !== undefined && isNewRep(onlyRep.startedOn, facts.today, settings.newRepMonths)) {
    add(
      'new_rep_not_alone',
      `user ${onlyRep.id} started on ${onlyRep.startedOn}, less than ${settings.newRepMonths} months ago`,
    )
  }
  if (facts.endingTo !== null && facts.reasonCount === 0) {
    add('ending_needs_reason', `it would end as ${facts.endingTo} with no reason recorded`)
  }
  return broken
}

/**
 * Checks overrides given for a change: each names a rule and has a written reason of at least
 * `MIN_OVERRIDE_REASON_LENGTH` characters. Returns the problems as issues.
 * @example overrideIssues([{ rule: 'new_rep_not_alone', reason: 'ok' }]) // [{ path: ['overrides', 0, 'reason'], … }]
 */
export function overrideIssues(overrides: readonly RuleOverride[]): Issue[] {
  return overrides.flatMap((override, index): Issue[] => {
    if (!(CASE_RULES as readonly string[]).includes(override.rule)) {
      return [{ path: ['overrides', index, 'rule'], message: `no rule named ${override.rule}` }]
    }
    if (override.reason.trim().length < MIN_OVERRIDE_REASON_LENGTH) {
      return [
        {
          path: ['overrides', index, 'reason'],
          message: `overriding ${override.rule} needs a written reason of at least ${MIN_OVERRIDE_REASON_LENGTH} characters`,
        },
      ]
    }
    return []
  })
}

/**
 * The violations no override answers: `overridden` holds the rules already set aside on this case
 * (kept from earlier changes) and those overridden now.
 * @example unresolvedViolations(violations, new Set(['new_rep_not_alone']))
 */
export function unresolvedViolations(
  violations: readonly RuleViolation[],
  overridden: ReadonlySet<CaseRule>,
): RuleViolation[] {
  return violations.filter((violation) => !overridden.has(violation.rule))
}

/** The violations as issues, each saying how to override it. */
export function violationIssues(violations: readonly RuleViolation[]): Issue[] {
  return violations.map((violation) => ({
    path: ['rules', violation.rule],
    message: `${violation.message} (override with a written reason to go ahead)`,
  }))
}
