import { type Action, type Actor, isWithinScope, scopeOf } from './access-policy.js'

/** The people a case is about, for the access policy: its owner, reps, interviewer and the account's owner. */
export interface CaseParticipants {
  readonly ownerId: number
  readonly repIds: readonly number[]
  readonly interviewerId: number | null
  /** the account's current owner; a manager reads their team's accounts' cases */
  readonly accountOwnerId: number | null
}

/**
 * Whether `actor` may read or write one case (SPEC access policy, `case` row): everyone with `all`;
 * a manager when the owner, a rep, the interviewer or the account owner is in their team; a rep
 * when they are assigned to it (a rep on the case or its interviewer).
 * @example canOnCase(rep, 'write', { ownerId: 3, repIds: [rep.userId], interviewerId: null, accountOwnerId: null }) // true
 */
export function canOnCase(actor: Actor, action: Action, participants: CaseParticipants): boolean {
  const scope = scopeOf(actor.role, action, 'case')
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

/**
 * Whether `actor` may open cases, or change who works one (owner, reps, interviewer), or end one:
 * managers, the VP and admins — sales management drives the program (SPEC §4: cases are opened by
 * managers and the VP; reps carry out the steps).
 * @example mayManageCases({ role: 'rep', … }) // false
 */
export function mayManageCases(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'vp' || actor.role === 'manager'
}
