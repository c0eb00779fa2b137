import { sql } from 'kysely'
import type { Store } from '../store.js'
import { deleteImportRows, deletePending } from './cleanup.js'
import { restoreDeferredIndexes } from './deferred-indexes.js'
import { IMPORTED_TABLES } from './record-tables.js'

/** How long a running import may go without a heartbeat before recovery calls it abandoned. */
export const DEFAULT_STALE_AFTER_MS = 10 * 60 * 1000

/** Options of `recoverImports`. */
export interface RecoverImportsOptions {
  /**
   * A running import whose last heartbeat is older than this is abandoned (default 10 minutes).
   * Every batch renews it; 0 fails every running import, so use it only when no import can be
   * alive (a test, or a single-process tool at startup).
   */
  readonly staleAfterMs?: number
}

/**
 * Recovers from imports that died midway (kill -9, power loss): marks every running import with a
 * stale heartbeat failed, deletes the invisible rows of every failed import that still has some,
 * and clears what committed or failed imports staged. Idempotent. Returns how many imports it
 * marked failed.
 * @example const abandoned = await recoverImports(store, { staleAfterMs: 0 })
 */
export async function recoverImports(
  store: Store,
  options: RecoverImportsOptions = {},
): Promise<number> {
  const now = new Date()
  const cutoff = new Date(now.getTime() - (options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS))
  const abandoned = await store.db
    .updateTable('imports')
    .set({
      status: 'failed',
      finished_at: now.toISOString(),
      error: `abandoned: no heartbeat since before ${cutoff.toISOString()}`,
    })
    .where('status', '=', 'running')
    // at most the cutoff, not below it: with staleAfterMs 0 a heartbeat of this very millisecond
    // (a batch that committed without waiting for a sync) is abandoned too, as documented
    .where('heartbeat_at', '<=', cutoff.toISOString())
    .returning('id')
    .execute()
  for (const importId of await failedImportsWithRows(store)) {
    await deleteImportRows(store, importId)
  }
  for (const importId of await finishedImportsWithPending(store)) {
    await deletePending(store, importId)
  }
  // an import killed midway may have left its table without the indexes it deferred
  const running = await store.db
    .selectFrom('imports')
    .select('id')
    .where('status', '=', 'running')
    .executeTakeFirst()
  if (running === undefined) {
    await restoreDeferredIndexes(store)
  }
  return abandoned.length
}

async function failedImportsWithRows(store: Store): Promise<number[]> {
  const ids = new Set<number>()
  for (const table of IMPORTED_TABLES) {
    const result = await sql<{
      import_id: number
    }>`select distinct import_id from ${sql.table(table)} where import_id in (select id from imports where status = 'failed')`.execute(
      store.db,
    )
    for (const row of result.rows) {
      ids.add(Number(row.import_id))
    }
  }
  return [...ids]
}

async function finishedImportsWithPending(store: Store): Promise<number[]> {
  const rows = await store.db
    .selectFrom('import_pending_updates')
    .select('import_id')
    .distinct()
    .where((eb) =>
      eb('import_id', 'in', eb.selectFrom('imports').select('id').where('status', '<>', 'running')),
    )
    .execute()
  return rows.map((row) => Number(row.import_id))
}
