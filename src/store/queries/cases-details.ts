import type { Insertable, Selectable } from 'kysely'
import type { CaseEventsTable, CaseRuleOverridesTable } from '../schema-cases.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** One entry of a case's timeline. */
export type CaseEventRow = Selectable<CaseEventsTable>

/** A timeline entry to append; `at` defaults to now. */
export type NewCaseEvent = Omit<Insertable<CaseEventsTable>, 'id' | 'at'> & { at?: string }

/** A rule set aside on a case, with its written reason. */
export type CaseRuleOverrideRow = Selectable<CaseRuleOverridesTable>

/** A rep on a case, with what the rules need to know about them. */
export interface CaseRepLine {
  readonly case_id: number
  readonly user_id: number
  readonly name: string
  readonly role: string
  readonly started_on: string
}

/** A reason recorded on a case, as recorded (the id may since have been merged away). */
export interface CaseReasonLine {
  readonly case_id: number
  readonly reason_id: number
}

/**
 * Replaces the reps on a case with `userIds` (in one statement each for delete and insert).
 * @example await setCaseReps(trx, 7, [12, 15])
 */
export async function setCaseReps(
  target: Queryable,
  caseId: number,
  userIds: readonly number[],
): Promise<void> {
  const db = dbOf(target)
  await db.deleteFrom('case_reps').where('case_id', '=', caseId).execute()
  if (userIds.length > 0) {
    const at = nowTimestamp()
    await db
      .insertInto('case_reps')
      .values(
        [...new Set(userIds)].map((userId) => ({ case_id: caseId, user_id: userId, added_at: at })),
      )
      .execute()
  }
}

/**
 * The reps on these cases, with name, role and start date.
 * @example const reps = await listCaseReps(store, [7])
 */
export async function listCaseReps(
  target: Queryable,
  caseIds: readonly number[],
): Promise<CaseRepLine[]> {
  if (caseIds.length === 0) {
    return []
  }
  const rows = await dbOf(target)
    .selectFrom('case_reps as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.case_id', 'r.user_id', 'u.name', 'u.role', 'u.started_on'])
    .where('r.case_id', 'in', [...caseIds])
    .orderBy('r.case_id')
    .orderBy('u.name')
    .execute()
  return rows.map((row) => ({ ...row, case_id: Number(row.case_id), user_id: Number(row.user_id) }))
}

/**
 * Replaces the reasons recorded on a case.
 * @example await setCaseReasons(trx, 7, [6, 2])
 */
export async function setCaseReasons(
  target: Queryable,
  caseId: number,
  reasonIds: readonly number[],
): Promise<void> {
  const db = dbOf(target)
  await db.deleteFrom('case_reasons').where('case_id', '=', caseId).execute()
  if (reasonIds.length > 0) {
    const at = nowTimestamp()
    await db
      .insertInto('case_reasons')
      .values(
        [...new Set(reasonIds)].map((reasonId) => ({
          case_id: caseId,
          reason_id: reasonId,
          recorded_at: at,
        })),
      )
      .execute()
  }
}

/**
 * The reasons recorded on these cases (or on every case when `caseIds` is left out).
 * @example const reasons = await listCaseReasons(store, [7])
 */
export async function listCaseReasons(
  target: Queryable,
  caseIds?: readonly number[],
): Promise<CaseReasonLine[]> {
  if (caseIds !== undefined && caseIds.length === 0) {
    return []
  }
  let query = dbOf(target).selectFrom('case_reasons').select(['case_id', 'reason_id'])
  if (caseIds !== undefined) {
    query = query.where('case_id', 'in', [...caseIds])
  }
  const rows = await query.orderBy('case_id').orderBy('reason_id').execute()
  return rows.map((row) => ({ case_id: Number(row.case_id), reason_id: Number(row.reason_id) }))
}

/**
 * Appends an entry to a case's timeline and returns its id.
 * @example await insertCaseEvent(trx, { case_id: 7, actor: 'user:3', kind: 'moved', from_stage: 'identified', to_stage: 'researching', note: null, data_json: null })
 */
export async function insertCaseEvent(target: Queryable, event: NewCaseEvent): Promise<number> {
  const row = await dbOf(target)
    .insertInto('case_events')
    .values({ ...event, at: event.at ?? nowTimestamp() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/**
 * A case's timeline, oldest first.
 * @example const timeline = await listCaseEvents(store, 7)
 */
export async function listCaseEvents(target: Queryable, caseId: number): Promise<CaseEventRow[]> {
  return dbOf(target)
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute()
}

/**
 * Keeps a rule override and its written reason.
 * @example await insertRuleOverride(trx, { case_id: 7, rule: 'new_rep_not_alone', reason: '…', actor: 'user:3' })
 */
export async function insertRuleOverride(
  target: Queryable,
  override: { case_id: number; rule: string; reason: string; actor: string },
): Promise<void> {
  await dbOf(target)
    .insertInto('case_rule_overrides')
    .values({ ...override, at: nowTimestamp() })
    .execute()
}

/**
 * The overrides kept on a case, oldest first.
 * @example const overrides = await listRuleOverrides(store, 7)
 */
export async function listRuleOverrides(
  target: Queryable,
  caseId: number,
): Promise<CaseRuleOverrideRow[]> {
  return dbOf(target)
    .selectFrom('case_rule_overrides')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute()
}
