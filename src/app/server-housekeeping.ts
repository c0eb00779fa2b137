import { deleteExpiredSessions, type Store } from '../store/index.js'
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from './auth/session-user.js'
import { CLI_IMPORT_STALE_AFTER_MS, recoverAbandonedImports } from './import-recover.js'

/** What tidying before serving cleaned up. */
export interface Housekeeping {
  /** imports whose process died midway, now failed and their invisible rows gone */
  readonly abandonedImports: number
  /** sessions past their idle or absolute limit, deleted */
  readonly expiredSessions: number
}

/**
 * Cleans up before a server starts taking requests: fails the imports a killed process left
 * running (their heartbeat silent longer than a live import ever is, so another process's running
 * import is left alone) and deletes sessions no request could use any more (they would otherwise
 * stay until their user's next sign-in).
 * @example const { abandonedImports, expiredSessions } = await tidyBeforeServing(store)
 */
export async function tidyBeforeServing(
  store: Store,
  options: { readonly now?: Date; readonly settings?: SessionSettings } = {},
): Promise<Housekeeping> {
  const now = options.now ?? new Date()
  const settings = options.settings ?? DEFAULT_SESSION_SETTINGS
  const abandonedImports = await recoverAbandonedImports(store, {
    staleAfterMs: CLI_IMPORT_STALE_AFTER_MS,
  })
  const expiredSessions = await deleteExpiredSessions(store, {
    nowIso: now.toISOString(),
    idleSinceIso: new Date(now.getTime() - settings.idleTimeoutMs).toISOString(),
  })
  return { abandonedImports, expiredSessions }
}
