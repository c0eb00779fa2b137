import type { Actor } from '../../domain/access-policy.js'
import { type CaseParticipants, canOnCase } from '../../domain/case-access.js'
import { isIsoDate, todayIso } from '../../domain/case-dates.js'
import {
  type CaseRuleSettings,
  DEFAULT_CASE_RULE_SETTINGS,
  parseCaseRuleSettings,
} from '../../domain/case-rules.js'
import {
  ComebackError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js'
import {
  type CaseRepLine,
  type CaseRow,
  getCaseRow,
  getSetting,
  listCaseReps,
  listUsers,
  type Queryable,
  readCustomerBasics,
  type UserRow,
} from '../../store/index.js'
import { type AuditContext, actorLabel, auditAuth } from '../auth/audit.js'

/** Who is acting and how the audit log names them: the CLI context and the server session both fit. */
export interface CaseActor {
  readonly actor: Actor
  readonly audit: AuditContext
}

/** The `settings` key of the case rules. */
export const CASE_RULES_SETTING = 'caseRules'

export { actorLabel }

/**
 * Appends an audit entry naming the fields changed, never their values (TESTPLAN T20).
 * @example await auditCaseChange(trx, who.audit, { action: 'move', objectType: 'case', objectId: '7', fields: ['stage'] })
 */
export async function auditCaseChange(
  target: Queryable,
  audit: AuditContext,
  entry: { action: string; objectType: string; objectId: string | null; fields: string[] },
): Promise<void> {
  await auditAuth(target, audit, entry)
}

/**
 * The version a write expects, or a PRECONDITION_REQUIRED error when none was given (TESTPLAN T6:
 * a change without If-Match gets 428).
 */
export function requireVersion(expectedVersion: number | undefined): number {
  if (expectedVersion === undefined) {
    throw new ComebackError(
      'PRECONDITION_REQUIRED',
      'say which version you are changing (If-Match, or --if-version)',
    )
  }
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 1) {
    throw new ValidationError(`a version is a whole number from 1, not ${expectedVersion}`)
  }
  return expectedVersion
}

/** Today, or the date a caller gave (tests and jobs pass one), checked. */
export function dayOf(today: string | undefined): string {
  if (today !== undefined && !isIsoDate(today)) {
    throw new ValidationError(`today is a date written YYYY-MM-DD, not "${today}"`)
  }
  return today ?? todayIso()
}

/** The case rules as an admin set them, defaults filling the rest. */
export async function readCaseRuleSettings(target: Queryable): Promise<CaseRuleSettings> {
  return getSetting(target, CASE_RULES_SETTING, DEFAULT_CASE_RULE_SETTINGS, parseCaseRuleSettings)
}

/** Every user by id (ids as numbers). */
export async function usersById(target: Queryable): Promise<Map<number, UserRow>> {
  const users = await listUsers(target)
  return new Map(users.map((user) => [Number(user.id), user]))
}

/** A case with its reps and the people the access policy looks at. */
export interface LoadedCase {
  readonly row: CaseRow
  readonly reps: readonly CaseRepLine[]
  readonly participants: CaseParticipants
}

/**
 * Loads a case the actor may `action`. A case they may not read answers like a missing one (no
 * existence oracle, TESTPLAN T9); one they may read but not change is forbidden. Denials are audited.
 * @throws NotFoundError, ForbiddenError
 */
export async function loadCaseFor(
  target: Queryable,
  who: CaseActor,
  caseId: number,
  action: 'read' | 'write',
): Promise<LoadedCase> {
  const row = await getCaseRow(target, caseId)
  const loaded = row === undefined ? undefined : await withParticipants(target, row)
  if (loaded === undefined || !canOnCase(who.actor, 'read', loaded.participants)) {
    if (loaded !== undefined) {
      await auditDenied(target, who, 'denied_read', caseId)
    }
    throw new NotFoundError(`case ${caseId} not found`)
  }
  if (action === 'write' && !canOnCase(who.actor, 'write', loaded.participants)) {
    await auditDenied(target, who, 'denied_write', caseId)
    throw new ForbiddenError(`a ${who.actor.role} may not change case ${caseId}`)
  }
  return loaded
}

/** Adds the reps and the account owner to a case row. */
export async function withParticipants(target: Queryable, row: CaseRow): Promise<LoadedCase> {
  const id = Number(row.id)
  const reps = await listCaseReps(target, [id])
  const customer = await readCustomerBasics(target, row.customer_id)
  return {
    row,
    reps,
    participants: {
      ownerId: Number(row.owner_id),
      repIds: reps.map((rep) => rep.user_id),
      interviewerId: row.interviewer_id === null ? null : Number(row.interviewer_id),
      accountOwnerId: customer?.ownerId ?? null,
    },
  }
}

/** Audits a refused access to a case. */
export async function auditDenied(
  target: Queryable,
  who: CaseActor,
  action: string,
  caseId: number | null,
): Promise<void> {
  await auditCaseChange(target, who.audit, {
    action,
    objectType: 'case',
    objectId: caseId === null ? null : String(caseId),
    fields: [],
  })
}
