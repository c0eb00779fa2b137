import {
  type CaseRule,
  checkCaseRules,
  overrideIssues,
  type RuleOverride,
  type RuleViolation,
  unresolvedViolations,
  violationIssues,
} from '../../domain/case-rules.js'
import { type Issue, ValidationError } from '../../domain/errors.js'
import type { Queryable, UserRow } from '../../store/index.js'
import { readCaseRuleSettings, usersById } from './case-support.js'

/** Who would work a case after a change, and what else the rules look at. */
export interface RuleCheckInput {
  readonly today: string
  readonly ownerId: number
  readonly repIds: readonly number[]
  /** who holds the exit interview; null means the owner does */
  readonly interviewerId: number | null
  readonly losingRepId: number | null
  /** the ending the case moves to, if it ends */
  readonly endingTo: string | null
  readonly reasonCount: number
  /** overrides given with this change */
  readonly overrides: readonly RuleOverride[]
  /** rules already set aside on this case */
  readonly keptOverrides: ReadonlySet<CaseRule>
}

/**
 * Checks that everyone named exists and is active, then the case rules; throws one
 * ValidationError listing every problem, each violated rule saying it can be overridden. Returns
 * the overrides that answered a violation, to be kept with the case.
 * @throws ValidationError
 */
export async function enforceCaseRules(
  target: Queryable,
  input: RuleCheckInput,
): Promise<RuleOverride[]> {
  const users = await usersById(target)
  const issues: Issue[] = [...peopleIssues(users, input), ...overrideIssues(input.overrides)]
  if (issues.length > 0) {
    throw new ValidationError(issues.map((issue) => issue.message).join('; '), { issues })
  }
  const settings = await readCaseRuleSettings(target)
  const violations = checkCaseRules(
    {
      today: input.today,
      ownerRole: users.get(input.ownerId)?.role ?? 'unknown',
      reps: input.repIds.map((id) => ({ id, startedOn: users.get(id)?.started_on ?? input.today })),
      interviewerId: input.interviewerId ?? input.ownerId,
      losingRepId: input.losingRepId,
      endingTo: input.endingTo,
      reasonCount: input.reasonCount,
    },
    settings,
  )
  const overriddenNow = new Set(input.overrides.map((override) => override.rule))
  const open = unresolvedViolations(violations, new Set([...input.keptOverrides, ...overriddenNow]))
  if (open.length > 0) {
    throw new ValidationError(
      `the case rules refuse this (${open.map((violation) => violation.rule).join(', ')}); override a rule with a written reason to go ahead`,
      { issues: violationIssues(open) },
    )
  }
  return usedOverrides(violations, input)
}

// only overrides that set a violated rule aside are kept: an override of nothing is noise
function usedOverrides(
  violations: readonly RuleViolation[],
  input: RuleCheckInput,
): RuleOverride[] {
  const violated = new Set(violations.map((violation) => violation.rule))
  return input.overrides
    .filter((override) => violated.has(override.rule) && !input.keptOverrides.has(override.rule))
    .map((override) => ({ rule: override.rule, reason: override.reason.trim() }))
}

function peopleIssues(users: ReadonlyMap<number, UserRow>, input: RuleCheckInput): Issue[] {
  const named: [string, number | null][] = [
    ['ownerId', input.ownerId],
    ['interviewerId', input.interviewerId],
    ...input.repIds.map((id): [string, number] => ['repIds', id]),
  ]
  return named.flatMap(([field, id]): Issue[] => {
    if (id === null) {
      return []
    }
    const user = users.get(id)
    if (user === undefined) {
      return [{ path: [field], message: `there is no user ${id}` }]
    }
    return user.active === 1 ? [] : [{ path: [field], message: `user ${id} is deactivated` }]
  })
}
