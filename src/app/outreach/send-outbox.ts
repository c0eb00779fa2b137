import { outcomeOfSendError } from '../../domain/outbox.js'
import { type PrivacyCutoffs, REFUSAL_MESSAGES } from '../../domain/privacy.js'
import type { MergeValues } from '../../domain/template.js'
import {
  type ComposedEmail,
  composeEmail,
  type Mailer,
  smtpMailer,
  unsubscribeToken,
} from '../../outreach/index.js'
import {
  claimOutboxMessage,
  failUnlawfulOutboxMessage,
  getOutboxMessage,
  insertTouch,
  markStaleSendingUnknown,
  moveOutboxMessage,
  nextQueuedIds,
  type OutboxRow,
  type Store,
} from '../../store/index.js'
import { contactRefusal, cutoffsAt } from '../privacy/privacy-settings.js'
import type { SendingConfig } from './outreach-config.js'
import { templateVersion } from './templates.js'

/**
 * The outbox job (issue 6 part 3, TESTPLAN T8). Each message is claimed by one conditional UPDATE
 * that also checks suppression, sent, and then its SMTP answer recorded. A crash in between leaves
 * it `sending`; the next run turns such stale claims into `unknown` and never sends them again.
 */

/** What one run did. */
export interface OutboxRunResult {
  /** stale `sending` claims turned `unknown` before the run */
  readonly recovered: number
  readonly sent: number
  readonly failed: number
  readonly unknown: number
  readonly suppressed: number
}

export interface SendOutboxOptions {
  /** default: SMTP at the config's URL */
  readonly mailer?: Mailer
  /** stop after this many messages (default: until the queue is empty) */
  readonly limit?: number
  readonly now?: () => Date
  /**
   * a claim older than this is a crashed sender's (default 10 minutes, far above one SMTP
   * conversation's timeouts, so a live sender's claim is never taken for a dead one)
   */
  readonly staleAfterMs?: number
}

export const DEFAULT_STALE_SENDING_MS = 10 * 60 * 1000

export type SendOutcome = 'sent' | 'failed' | 'unknown' | 'suppressed' | 'taken'
type Outcome = SendOutcome

/**
 * Runs the queue once: recovers stale claims, then sends every queued message. Rerunning it
 * sends nothing twice.
 * @example const result = await sendOutbox(store, requireSendingConfig(outreachConfigFromEnv()))
 */
export async function sendOutbox(
  store: Store,
  config: SendingConfig,
  options: SendOutboxOptions = {},
): Promise<OutboxRunResult> {
  const now = options.now ?? (() => new Date())
  const staleBefore = new Date(now().getTime() - (options.staleAfterMs ?? DEFAULT_STALE_SENDING_MS))
  const recovered = await markStaleSendingUnknown(store, staleBefore.toISOString())
  const mailer = options.mailer ?? smtpMailer(config.smtpUrl, config.dkim)
  const counts = { sent: 0, failed: 0, unknown: 0, suppressed: 0, taken: 0 }
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  // the windows are whole days: read once per run, not once per message
  const lawfulAt = await cutoffsAt(store, now())
  try {
    let done = 0
    for (let ids = await nextQueuedIds(store, 100); ids.length > 0 && done < limit; ) {
      for (const id of ids.slice(0, Math.max(0, limit - done))) {
        counts[await sendOutboxMessage(store, { id, config, mailer, now, lawfulAt })] += 1
        done += 1
      }
      ids = await nextQueuedIds(store, 100)
    }
  } finally {
    if (options.mailer === undefined) {
      mailer.close()
    }
  }
  const { taken: _taken, ...result } = counts
  return { recovered, ...result }
}

/**
 * Claims, sends and records one queued message: `taken` when another sender holds it,
 * `suppressed` when the suppression list stopped it at the claim.
 */
export async function sendOutboxMessage(
  store: Store,
  job: {
    id: number
    config: SendingConfig
    mailer: Mailer
    now: () => Date
    /** the lawful-basis windows' cutoffs (default: at `now`) */
    lawfulAt?: PrivacyCutoffs
  },
): Promise<Outcome> {
  const { id, config } = job
  const lawfulAt = job.lawfulAt ?? (await cutoffsAt(store, job.now()))
  const claimed = await claimOutboxMessage(store, {
    id,
    fromAddress: config.fromAddress,
    at: job.now().toISOString(),
    lawfulAt,
  })
  if (!claimed) {
    // no lawful basis (or past the CASL/retention window) at send time: failed, never sent
    if (await failUnlawful(store, { id, at: job.now(), cutoffs: lawfulAt })) {
      return 'failed'
    }
    // still queued after a refused claim means suppression stopped it; otherwise another took it
    const stopped = await moveOutboxMessage(store, {
      id,
      from: 'queued',
      to: 'suppressed',
      at: job.now().toISOString(),
      error: 'suppressed when it was to be sent',
    })
    return stopped ? 'suppressed' : 'taken'
  }
  const row = await getOutboxMessage(store, id)
  if (row === undefined) {
    return 'taken'
  }
  let email: ComposedEmail
  try {
    email = await composeFor(store, row, config)
  } catch (error) {
    // nothing reached SMTP: the message certainly did not go
    await finish(store, { id, to: 'failed', at: job.now(), error })
    return 'failed'
  }
  try {
    const receipt = await job.mailer.send(email)
    await store.db.transaction().execute(async (trx) => {
      const moved = await moveOutboxMessage(trx, {
        id,
        from: 'sending',
        to: 'sent',
        at: job.now().toISOString(),
        smtpMessageId: receipt.messageId,
      })
      // a test message (no contact) is on no customer's timeline
      if (!moved || row.contact_id === null) {
        return
      }
      await insertTouch(trx, {
        customer_id: row.customer_id,
        contact_id: row.contact_id,
        channel: 'email',
        kind: 'win_back_email',
        at: job.now().toISOString(),
        outbox_message_id: id,
        actor: row.queued_by,
        note: row.subject,
      })
    })
    return 'sent'
  } catch (error) {
    const outcome = outcomeOfSendError(error)
    await finish(store, { id, to: outcome, at: job.now(), error })
    return outcome
  }
}

async function failUnlawful(
  store: Store,
  change: { id: number; at: Date; cutoffs: PrivacyCutoffs },
): Promise<boolean> {
  const row = await getOutboxMessage(store, change.id)
  const contactId = row?.contact_id ?? null
  const refusal =
    contactId === null ? null : await contactRefusal(store, Number(contactId), change.cutoffs)
  if (refusal === null) {
    return false
  }
  return failUnlawfulOutboxMessage(store, {
    id: change.id,
    at: change.at.toISOString(),
    cutoffs: change.cutoffs,
    error: `${refusal}: ${REFUSAL_MESSAGES[refusal]}`,
  })
}

async function finish(
  store: Store,
  end: { id: number; to: 'failed' | 'unknown'; at: Date; error: unknown },
): Promise<void> {
  const { error } = end
  await moveOutboxMessage(store, {
    id: end.id,
    from: 'sending',
    to: end.to,
    at: end.at.toISOString(),
    error: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
  })
}

async function composeFor(
  store: Store,
  row: OutboxRow,
  config: SendingConfig,
): Promise<ComposedEmail> {
  const template = await templateVersion(store, Number(row.template_id))
  const token = unsubscribeToken(config.unsubscribeSecret, {
    messageId: Number(row.id),
    recipient: row.to_normalised,
    sender: config.fromAddress,
  })
  return composeEmail({
    template,
    values: JSON.parse(row.fields_json) as MergeValues,
    sender: {
      fromAddress: config.fromAddress,
      fromName: config.fromName,
      postalAddress: config.postalAddress,
    },
    to: { name: row.to_name, address: row.to_address },
    unsubscribe: { url: `${config.publicUrl}/u/${token}`, mailto: config.unsubscribeMailto },
  })
}
