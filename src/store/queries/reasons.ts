import type { Insertable, Selectable } from 'kysely'
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/errors.js'
import type { ReasonPhrasesTable, ReasonsTable } from '../schema-cases.js'
import { dbOf, isUniqueViolation, nowTimestamp, type Queryable } from './queryable.js'

/** A stored reason of the loss taxonomy. */
export type ReasonRow = Selectable<ReasonsTable>

/** A stored mapping phrase with the code of the reason it names (as stored, before merges). */
export type ReasonPhraseRow = Selectable<ReasonPhrasesTable> & { readonly code: string }

/** What a new reason needs. */
export type NewReason = Omit<
  Insertable<ReasonsTable>,
  'id' | 'created_at' | 'updated_at' | 'version'
>

/**
 * Every reason, merged ones too (their history stays), by id.
 * @example const reasons = await listReasons(store)
 */
export async function listReasons(target: Queryable): Promise<ReasonRow[]> {
  return dbOf(target).selectFrom('reasons').selectAll().orderBy('id').execute()
}

/**
 * The reason with this code, merged or not, or undefined.
 * @example const price = await findReasonByCode(store, 'price')
 */
export async function findReasonByCode(
  target: Queryable,
  code: string,
): Promise<ReasonRow | undefined> {
  return dbOf(target).selectFrom('reasons').selectAll().where('code', '=', code).executeTakeFirst()
}

/**
 * Adds a reason and returns it.
 * @throws ConflictError when the code is taken
 * @example await insertReason(store, { code: 'slow_quotes', label: 'Slow quotes', fixable: 1 })
 */
export async function insertReason(target: Queryable, reason: NewReason): Promise<ReasonRow> {
  const at = nowTimestamp()
  try {
    return await dbOf(target)
      .insertInto('reasons')
      .values({ ...reason, created_at: at, updated_at: at, version: 1 })
      .returningAll()
      .executeTakeFirstOrThrow()
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`a reason with code ${reason.code} already exists`, { cause: error })
    }
    throw error
  }
}

/**
 * Changes a reason's code, label, fixability or merge target if it still has `expectedVersion`,
 * and returns it with its version one higher. Findings point at the reason's id, so a new code or
 * label never loses history.
 * @throws PreconditionFailedError for a stale version; NotFoundError for an unknown id;
 * ConflictError when the new code is taken
 * @example await updateReason(trx, 7, 1, { label: 'Prices' })
 */
export async function updateReason(
  target: Queryable,
  id: number,
  expectedVersion: number,
  changes: Partial<Pick<ReasonRow, 'code' | 'label' | 'fixable' | 'merged_into_id'>>,
): Promise<ReasonRow> {
  const db = dbOf(target)
  try {
    const row = await db
      .updateTable('reasons')
      .set((eb) => ({ ...changes, updated_at: nowTimestamp(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst()
    if (row !== undefined) {
      return row
    }
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`a reason with code ${String(changes.code)} already exists`, {
        cause: error,
      })
    }
    throw error
  }
  const exists = await db.selectFrom('reasons').select('id').where('id', '=', id).executeTakeFirst()
  if (exists === undefined) {
    throw new NotFoundError(`reason ${id} not found`)
  }
  throw new PreconditionFailedError(`reason ${id} changed since version ${expectedVersion}`)
}

/**
 * The mapping of imported free text to reasons, phrase order.
 * @example const phrases = await listReasonPhrases(store)
 */
export async function listReasonPhrases(target: Queryable): Promise<ReasonPhraseRow[]> {
  return dbOf(target)
    .selectFrom('reason_phrases as p')
    .innerJoin('reasons as r', 'r.id', 'p.reason_id')
    .selectAll('p')
    .select('r.code')
    .orderBy('p.phrase')
    .execute()
}

/**
 * Maps a (normalised) phrase to a reason, replacing what it mapped to before; returns whether it
 * was new.
 * @example await upsertReasonPhrase(store, { phrase: 'too pricey', reasonId: 6, createdBy: 'user:1' })
 */
export async function upsertReasonPhrase(
  target: Queryable,
  entry: { readonly phrase: string; readonly reasonId: number; readonly createdBy: string },
): Promise<boolean> {
  const db = dbOf(target)
  const existing = await db
    .selectFrom('reason_phrases')
    .select('id')
    .where('phrase', '=', entry.phrase)
    .executeTakeFirst()
  if (existing !== undefined) {
    await db
      .updateTable('reason_phrases')
      .set({ reason_id: entry.reasonId, created_by: entry.createdBy, created_at: nowTimestamp() })
      .where('id', '=', existing.id)
      .execute()
    return false
  }
  await db
    .insertInto('reason_phrases')
    .values({
      phrase: entry.phrase,
      reason_id: entry.reasonId,
      created_at: nowTimestamp(),
      created_by: entry.createdBy,
    })
    .execute()
  return true
}

/**
 * Removes a phrase from the mapping; returns whether it was there.
 * @example await deleteReasonPhrase(store, 'too pricey')
 */
export async function deleteReasonPhrase(target: Queryable, phrase: string): Promise<boolean> {
  const result = await dbOf(target)
    .deleteFrom('reason_phrases')
    .where('phrase', '=', phrase)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
