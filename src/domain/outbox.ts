/**
 * The outbox (issue 6 part 3, TESTPLAN T8): every outgoing message is a stored job that moves
 * queued → sending → sent | failed | unknown, or queued → suppressed when suppression stops it at
 * the claim. `sending` means "claimed, the SMTP answer not yet recorded": after a crash it becomes
 * `unknown`, and nothing ever sends an `unknown` message again by itself.
 */

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'suppressed'

export const OUTBOX_STATUSES: readonly OutboxStatus[] = [
  'queued',
  'sending',
  'sent',
  'failed',
  'unknown',
  'suppressed',
]

/** Whether `value` names an outbox status. */
export function isOutboxStatus(value: string): value is OutboxStatus {
  return (OUTBOX_STATUSES as readonly string[]).includes(value)
}

/** The channels a message or touch goes through (SPEC: touch). */
export type TouchChannel = 'email' | 'letter' | 'card' | 'call' | 'meeting' | 'gift'

/**
 * What a failed SMTP attempt means for the message. A server that answered with a reply code
 * refused it, so it was not delivered: `failed`. Anything else (a dropped connection, a timeout)
 * may have happened after the server took the message: `unknown`, never retried blindly.
 */
export function outcomeOfSendError(error: unknown): 'failed' | 'unknown' {
  const code =
    typeof error === 'object' && error !== null && 'responseCode' in error
      ? error.responseCode
      : undefined
  return typeof code === 'number' && code >= 400 ? 'failed' : 'unknown'
}
