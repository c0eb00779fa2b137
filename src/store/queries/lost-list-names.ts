import { dbOf, type Queryable } from './queryable.js'

/** A visible customer's id and name, for searching the lost list in memory. */
export interface CustomerNameRow {
  readonly id: string
  readonly name: string | null
}

/**
 * Up to `limit` visible customers after `after`, in id order: a walk along the customers' primary
 * key in short steps, so a million names are read without holding the database (or, on SQLite,
 * the thread) for long.
 * @example const rows = await readCustomerNamesChunk(store, { after: null, limit: 50_000 })
 */
export async function readCustomerNamesChunk(
  target: Queryable,
  chunk: { after: string | null; limit: number },
): Promise<CustomerNameRow[]> {
  let query = dbOf(target).selectFrom('visible_customers').select(['id', 'name'])
  if (chunk.after !== null) {
    query = query.where('id', '>', chunk.after)
  }
  return await query.orderBy('id').limit(chunk.limit).execute()
}
