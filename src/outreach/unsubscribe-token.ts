import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * One-click unsubscribe tokens (RFC 8058, TESTPLAN T22): `<message id>.<MAC>`, the MAC an
 * HMAC-SHA256 (256 bits, base64url) over the message id, the recipient and the sender, keyed
 * with the deployment's secret. So a token names no person, cannot be guessed, and an altered id,
 * recipient or sender no longer matches.
 */

const MIN_SECRET_LENGTH = 32

/** What a token is bound to. */
export interface UnsubscribeBinding {
  readonly messageId: number
  /** the recipient's normalised address */
  readonly recipient: string
  /** the sender's address the message went out from */
  readonly sender: string
}

/** Whether `secret` is long enough to key the MAC (32 characters: ≥ 128 bits of randomness). */
export function isUsableSecret(secret: string): boolean {
  return secret.length >= MIN_SECRET_LENGTH
}

function mac(secret: string, binding: UnsubscribeBinding): Buffer {
  // NUL separates the parts: no address contains one, so no two bindings share a MAC input
  const input = `${binding.messageId}\u0000${binding.recipient}\u0000${binding.sender}`
  return createHmac('sha256', secret).update(input, 'utf8').digest()
}

/**
 * The token for one message.
 * @example unsubscribeToken(secret, { messageId: 7, recipient: 'ann@x.com', sender: 'hi@us.com' })
 */
export function unsubscribeToken(secret: string, binding: UnsubscribeBinding): string {
  return `${binding.messageId}.${mac(secret, binding).toString('base64url')}`
}

/** The message id a well-formed token names (not yet verified), or null. */
export function tokenMessageId(token: string): number | null {
  const match = /^([1-9]\d{0,15})\.[A-Za-z0-9_-]{43}$/.exec(token)
  if (match === null) {
    return null
  }
  const id = Number(match[1])
  return Number.isSafeInteger(id) ? id : null
}

/** Whether `token` is the one for `binding`, compared in constant time. */
export function verifyUnsubscribeToken(
  secret: string,
  token: string,
  binding: UnsubscribeBinding,
): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, binding), 'utf8')
  const given = Buffer.from(token, 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}
