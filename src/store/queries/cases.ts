import { type Insertable, type Selectable, sql } from 'kysely'
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/errors.js'
import type { CasesTable } from '../schema-cases.js'
import { dbOf, isUniqueViolation, nowTimestamp, type Queryable } from './queryable.js'
import type { WinBackAttemptRow } from './rows.js'

/** A stored case. */
export type CaseRow = Selectable<CasesTable>

/** What a new case needs; id, version and timestamps are filled in. */
export type NewCase = Omit<Insertable<CasesTable>, 'id' | 'version' | 'created_at' | 'updated_at'>

/** The columns a change to a case may set (never its subject, source or version). */
export type CaseChanges = Partial<
  Omit<
    CaseRow,
    | 'id'
    | 'version'
    | 'created_at'
    | 'updated_at'
    | 'subject_kind'
    | 'subject_key'
    | 'customer_id'
    | 'deal_id'
    | 'source'
    | 'source_key'
  >
>

/**
 * Inserts a case at version 1 and returns its id.
 * @throws ConflictError when the subject already has an open case (or the source was imported)
 * @example const id = await insertCase(trx, { subject_kind: 'customer', subject_key: 'customer:C-1', … })
 */
export async function insertCase(target: Queryable, row: NewCase): Promise<number> {
  const at = nowTimestamp()
  try {
    const inserted = await dbOf(target)
      .insertInto('cases')
      .values({ ...row, version: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    return Number(inserted.id)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`${row.subject_key} already has an open case`, { cause: error })
    }
    throw error
  }
}

/**
 * The case with this id, or undefined.
 * @example const row = await getCaseRow(store, 7)
 */
export async function getCaseRow(target: Queryable, id: number): Promise<CaseRow | undefined> {
  return dbOf(target).selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * Applies `changes` to a case only if it still has `expectedVersion`, raising the version by one
 * in the same statement, so of many writers holding one version exactly one wins (TESTPLAN T6).
 * Returns the new version.
 * @throws PreconditionFailedError when the case moved on; NotFoundError when it does not exist
 * @example const version = await updateCaseVersioned(trx, 7, 3, { stage: 'approached' })
 */
export async function updateCaseVersioned(
  target: Queryable,
  id: number,
  expectedVersion: number,
  changes: CaseChanges,
): Promise<number> {
  const db = dbOf(target)
  const result = await db
    .updateTable('cases')
    .set((eb) => ({ ...changes, updated_at: nowTimestamp(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 1) {
    return expectedVersion + 1
  }
  const current = await db
    .selectFrom('cases')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirst()
  if (current === undefined) {
    throw new NotFoundError(`case ${id} not found`)
  }
  throw new PreconditionFailedError(
    `case ${id} is at version ${current.version}, not ${expectedVersion}: reload it and try again`,
  )
}

/**
 * How many cases (open or ended) a subject has had.
 * @example const attempts = await countCasesOf(store, 'customer:C-1')
 */
export async function countCasesOf(target: Queryable, subjectKey: string): Promise<number> {
  const row = await dbOf(target)
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('subject_key', '=', subjectKey)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Which cases a list shows; every filter narrows. */
export interface CaseFilter {
  readonly stages?: readonly string[]
  /** true: open and resting only; false: ended only */
  readonly open?: boolean
  readonly ownerIds?: readonly number[]
  readonly customerId?: string
  /** cases whose next step was due before this date */
  readonly dueBefore?: string
  /** cases where one of these users is the owner, a rep or the interviewer */
  readonly participantIds?: readonly number[]
  /** with `participantIds`: also cases of accounts owned by one of them */
  readonly includeAccountOwners?: boolean
  readonly limit?: number
}

/**
 * The cases that pass every filter, most urgent next step first, then newest.
 * @example const overdue = await listCaseRows(store, { open: true, dueBefore: '2024-05-01' })
 */
export async function listCaseRows(target: Queryable, filter: CaseFilter = {}): Promise<CaseRow[]> {
  let query = dbOf(target).selectFrom('cases').selectAll('cases')
  if (filter.stages !== undefined) {
    query = query.where('stage', 'in', filter.stages.length === 0 ? [''] : [...filter.stages])
  }
  if (filter.open !== undefined) {
    query = query.where('ended_on', filter.open ? 'is' : 'is not', null)
  }
  if (filter.ownerIds !== undefined) {
    query = query.where('owner_id', 'in', [...filter.ownerIds, -1])
  }
  if (filter.customerId !== undefined) {
    query = query.where('customer_id', '=', filter.customerId)
  }
  if (filter.dueBefore !== undefined) {
    query = query.where('next_step_due_on', '<', filter.dueBefore)
  }
  const people = filter.participantIds
  if (people !== undefined) {
    const ids = [...people, -1]
    query = query.where((eb) =>
      eb.or([
        eb('cases.owner_id', 'in', ids),
        eb('cases.interviewer_id', 'in', ids),
        eb.exists(
          eb
            .selectFrom('case_reps as r')
            .select('r.user_id')
            .whereRef('r.case_id', '=', 'cases.id')
            .where('r.user_id', 'in', ids),
        ),
        ...(filter.includeAccountOwners === true
          ? [
              eb.exists(
                eb
                  .selectFrom('customers as c')
                  .select('c.id')
                  .whereRef('c.id', '=', 'cases.customer_id')
                  .where('c.owner_id', 'in', ids),
              ),
            ]
          : []),
      ]),
    )
  }
  // ended cases have no due date: sort them last on both engines (their null orders differ)
  query = query.orderBy(sql`coalesce(next_step_due_on, '9999-12-31')`).orderBy('id', 'desc')
  return filter.limit === undefined ? query.execute() : query.limit(filter.limit).execute()
}

/**
 * Customers' names by id, for lists of cases and tasks.
 * @example const names = await readCustomerNames(store, ['C-1'])
 */
export async function readCustomerNames(
  target: Queryable,
  customerIds: readonly string[],
): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>()
  const unique = [...new Set(customerIds)]
  for (let start = 0; start < unique.length; start += 1000) {
    const rows = await dbOf(target)
      .selectFrom('customers')
      .select(['id', 'name'])
      .where('id', 'in', unique.slice(start, start + 1000))
      .execute()
    for (const row of rows) {
      names.set(row.id, row.name)
    }
  }
  return names
}

/**
 * Every past win-back attempt (from before cases existed), oldest first, with the ids of those
 * already loaded as cases.
 * @example const { attempts, loaded } = await readPastAttempts(store)
 */
export async function readPastAttempts(
  target: Queryable,
): Promise<{ attempts: WinBackAttemptRow[]; loaded: Set<string> }> {
  const db = dbOf(target)
  const attempts = await db
    .selectFrom('win_back_attempts')
    .selectAll()
    .orderBy('started_on')
    .orderBy('id')
    .execute()
  const keys = await db
    .selectFrom('cases')
    .select('source_key')
    .where('source', '=', 'past_attempt')
    .execute()
  return {
    attempts,
    loaded: new Set(keys.flatMap((row) => (row.source_key === null ? [] : [row.source_key]))),
  }
}
