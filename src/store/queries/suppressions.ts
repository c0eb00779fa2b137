import { type Selectable, sql } from 'kysely'
import type { SuppressionsTable } from '../schema-outreach.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** One stored suppression. */
export type SuppressionRow = Selectable<SuppressionsTable>

/** A suppression to record: an address, a contact, or both. */
export interface NewSuppression {
  readonly emailNormalised: string | null
  readonly contactId: number | null
  readonly kind: string
  readonly source: string
  readonly createdBy: string
}

/**
 * Records a suppression once: the same address (or, without one, contact) and kind again adds
 * nothing, so an unsubscribe POST can repeat. Returns whether a row was added.
 */
export async function insertSuppression(
  target: Queryable,
  entry: NewSuppression,
): Promise<boolean> {
  const key =
    entry.emailNormalised !== null
      ? `email:${entry.emailNormalised}:${entry.kind}`
      : `contact:${entry.contactId ?? ''}:${entry.kind}`
  const result = await dbOf(target)
    .insertInto('suppressions')
    .values({
      suppression_key: key,
      email_normalised: entry.emailNormalised,
      contact_id: entry.contactId,
      kind: entry.kind,
      source: entry.source,
      created_at: nowTimestamp(),
      created_by: entry.createdBy,
    })
    .onConflict((conflict) => conflict.column('suppression_key').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/** The suppressions that stop an address or contact, oldest first (empty: free to contact). */
export async function findSuppressions(
  target: Queryable,
  who: { readonly emailNormalised: string | null; readonly contactId: number | null },
): Promise<SuppressionRow[]> {
  if (who.emailNormalised === null && who.contactId === null) {
    return []
  }
  return dbOf(target)
    .selectFrom('suppressions')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('email_normalised', '=', who.emailNormalised ?? ''),
        eb('contact_id', '=', who.contactId ?? -1),
      ]),
    )
    .orderBy('id')
    .execute()
}

/** Every suppression, newest first, a page at a time; `search` keeps addresses containing it. */
export async function listSuppressions(
  target: Queryable,
  page: { readonly limit: number; readonly offset: number; readonly search?: string },
): Promise<SuppressionRow[]> {
  let query = dbOf(target).selectFrom('suppressions').selectAll()
  const search = page.search?.trim().toLowerCase() ?? ''
  if (search !== '') {
    // escape LIKE's wildcards so a search for "a_b" means the text
    const pattern = `%${search.replace(/[\\%_]/g, '\\$&')}%`
    query = query.where(
      (eb) =>
        sql<boolean>`lower(coalesce(${eb.ref('email_normalised')}, '')) like ${pattern} escape '\\'`,
    )
  }
  return query.orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute()
}

/**
 * Flags every contact at `emailNormalised` with `flag` (a bounce: old address, find the current
 * decision maker). Returns their ids. Compares lower-cased, as addresses are normalised.
 */
export async function flagContactsByEmail(
  target: Queryable,
  change: { readonly emailNormalised: string; readonly flag: string },
): Promise<number[]> {
  const db = dbOf(target)
  const rows = await db
    .updateTable('contacts')
    .set({ address_flag: change.flag })
    .where((eb) => eb(eb.fn('lower', [eb.fn('trim', ['email'])]), '=', change.emailNormalised))
    .returning('id')
    .execute()
  return rows.map((row) => Number(row.id))
}
