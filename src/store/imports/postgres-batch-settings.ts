import type pg from 'pg'
import type { Store } from '../store.js'

// whether the store's role may set session_replication_role (superusers only, PostgreSQL 15)
const MAY_SKIP = new WeakMap<Store, boolean>()

/**
 * Inside a batch's transaction: commits it without waiting for the WAL flush, and turns off
 * PostgreSQL's foreign key checks until it ends, when the
 * role may (`SET LOCAL session_replication_role = replica` fires no trigger, and the checks are
 * triggers). As on SQLite, the import path guarantees its references itself: it creates every
 * customer a batch names in the same transaction and writes its own import's id. The checks cost
 * a locking lookup per reference and row (measured: 50 µs per order row, 30 per customer, most of
 * a PostgreSQL import). A role that may not keeps the checks and is only slower. Every other
 * trigger on an imported table is skipped as well: none exists today, and one added later must be
 * declared `ENABLE ALWAYS` to fire for imports.
 */
export async function relaxBatchChecks(client: pg.PoolClient, store: Store): Promise<void> {
  // A batch's rows stay invisible until publish, whose commit is synchronous and so flushes the
  // WAL with every record before it: a batch lost to a crash only leaves its import abandoned.
  await client.query('set local synchronous_commit = off')
  let may = MAY_SKIP.get(store)
  if (may === undefined) {
    const result = await client.query("select current_setting('is_superuser') = 'on' as may")
    may = (result.rows[0] as { may: boolean } | undefined)?.may === true
    MAY_SKIP.set(store, may)
  }
  if (may) {
    await client.query('set local session_replication_role = replica')
  }
}
