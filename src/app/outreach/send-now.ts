import type { Store } from '../../store/index.js'
import { auditAuth } from '../auth/audit.js'
import { assertMayAccess } from '../auth/authorized-reads.js'
import type { CaseActor } from '../cases/case-support.js'
import { type OutreachConfig, requireSendingConfig } from './outreach-config.js'
import { type OutboxRunResult, sendOutbox } from './send-outbox.js'

/** At most this many messages per press of "send queued now", so a request ends in seconds. */
export const SEND_NOW_LIMIT = 100

/**
 * Sends queued messages now, as `comeback outbox send` does, for those who run campaigns: the
 * same crash-safe claim (suppression checked at the claim), so pressing it while a background
 * sender runs sends nothing twice. `unknown` messages are never re-sent: they stay for a person.
 * @throws ValidationError naming the missing email settings
 * @example const result = await sendQueuedNow(store, who, outreachConfigFromEnv())
 */
export async function sendQueuedNow(
  store: Store,
  who: CaseActor,
  config: OutreachConfig,
): Promise<OutboxRunResult> {
  await assertMayAccess(store, { actor: who.actor, action: 'write', type: 'campaign' }, who.audit)
  const sending = requireSendingConfig(config)
  const result = await sendOutbox(store, sending, { limit: SEND_NOW_LIMIT })
  await auditAuth(store, who.audit, { action: 'send', objectType: 'outbox', objectId: null })
  return result
}
