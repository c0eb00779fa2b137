import { sql } from 'kysely'
import { isForeignKeyViolation } from '../queries/queryable.js'
import type { Store } from '../store.js'
import { restoreDeferredIndexes } from './deferred-indexes.js'
import { IMPORTED_TABLES } from './record-tables.js'

// rows per DELETE: each chunk is its own short transaction, so cleanup never holds the lock long
const ROWS_PER_DELETE = 20_000

/**
 * Deletes what a failed import wrote: its rows in every imported table, its customers that no
 * other row refers to, and what it staged. Runs in short chunks, each its own transaction: the rows
 * are invisible already (the import is not committed), so a crash midway loses nothing and a later
 * `recoverImports` finishes the job. A customer another import's rows still refer to stays,
 * invisible, until that import publishes and takes it over.
 */
export async function deleteImportRows(store: Store, importId: number): Promise<void> {
  // the chunks find rows by import and unreferenced customers look orders up by customer: the
  // indexes an import deferred must exist again first
  await restoreDeferredIndexes(store)
  for (const table of IMPORTED_TABLES) {
    if (table !== 'customers') {
      await deleteInChunks(store, table, importId)
    }
  }
  await deleteUnreferencedCustomers(store, importId)
  await deletePending(store, importId)
}

async function deleteInChunks(store: Store, table: string, importId: number): Promise<void> {
  const target = sql.table(table)
  for (;;) {
    const result =
      await sql`delete from ${target} where id in (select id from ${target} where import_id = ${importId} limit ${ROWS_PER_DELETE})`.execute(
        store.db,
      )
    if (Number(result.numAffectedRows ?? 0) === 0) {
      return
    }
  }
}

async function deleteUnreferencedCustomers(store: Store, importId: number): Promise<void> {
  try {
    for (;;) {
      const result =
        await sql`delete from customers where id in (select c.id from customers c where c.import_id = ${importId} and not exists (select 1 from orders r where r.customer_id = c.id) and not exists (select 1 from contacts r where r.customer_id = c.id) and not exists (select 1 from contracts r where r.customer_id = c.id) and not exists (select 1 from deals r where r.customer_id = c.id) and not exists (select 1 from incidents r where r.customer_id = c.id) and not exists (select 1 from account_ownership r where r.customer_id = c.id) and not exists (select 1 from win_back_attempts r where r.customer_id = c.id) limit ${ROWS_PER_DELETE})`.execute(
          store.db,
        )
      if (Number(result.numAffectedRows ?? 0) === 0) {
        return
      }
    }
  } catch (error) {
    // a table added later still refers to one of them: leave those customers invisible, not gone
    if (!isForeignKeyViolation(error)) {
      throw error
    }
  }
}

/**
 * Deletes what an import staged for publish, in chunks; after publish the staged rows are spent.
 */
export async function deletePending(store: Store, importId: number): Promise<void> {
  for (;;) {
    const result = await store.db
      .deleteFrom('import_pending_updates')
      .where(
        'id',
        'in',
        store.db
          .selectFrom('import_pending_updates')
          .select('id')
          .where('import_id', '=', importId)
          .limit(ROWS_PER_DELETE),
      )
      .executeTakeFirst()
    if (Number(result.numDeletedRows) === 0) {
      return
    }
  }
}
