import { recoverImports, type Store } from '../store/index.js'

/**
 * How long the CLI lets a running import go without a heartbeat before calling it abandoned: every
 * batch renews it within seconds, so two minutes of silence means its process died (kill -9).
 */
export const CLI_IMPORT_STALE_AFTER_MS = 2 * 60 * 1000

/**
 * Cleans up after imports that died midway (kill -9): marks running imports whose heartbeat is
 * older than `staleAfterMs` failed and deletes their invisible rows. Returns how many it failed.
 * @example await recoverAbandonedImports(store, { staleAfterMs: CLI_IMPORT_STALE_AFTER_MS })
 */
export async function recoverAbandonedImports(
  store: Store,
  options: { readonly staleAfterMs?: number } = {},
): Promise<number> {
  return recoverImports(store, options)
}
