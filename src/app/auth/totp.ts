import { createHmac, randomBytes } from 'node:crypto'
import { decodeBase32, encodeBase32 } from './base32.js'

/** TOTP parameters every authenticator app understands: SHA-1, 6 digits, 30 s (RFC 6238 §4). */
export const TOTP_PERIOD_SECONDS = 30
const TOTP_DIGITS = 6
// one step either side absorbs clock drift (RFC 6238 §5.2 recommends at most one)
const DRIFT_STEPS = 1

/**
 * A new random TOTP secret, 20 bytes (the HMAC-SHA1 key length of RFC 4226 §4), in base32.
 * @example const secret = newTotpSecret()
 */
export function newTotpSecret(): string {
  return encodeBase32(randomBytes(20))
}

/**
 * The time step of a moment: floor(unix seconds / 30) (RFC 6238 §4.2, T0 = 0).
 * @example totpStep(new Date(59_000)) // 1
 */
export function totpStep(at: Date, periodSeconds = TOTP_PERIOD_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / periodSeconds)
}

/**
 * The HOTP value for a counter (RFC 4226 §5.3, dynamic truncation), as a zero-padded string.
 * @example hotp(Buffer.from('12345678901234567890'), 0) // '755224' (RFC 4226 appendix D)
 */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const digest = createHmac('sha1', key).update(message).digest()
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f
  const binary = digest.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/**
 * The time step whose code equals `code` within one step of `at`, or null. The caller must still
 * refuse a step it accepted before (RFC 6238 §5.2: a code is used once).
 * @example matchTotp(secret, '287082', new Date(59_000)) // 1 for the RFC test key
 */
export function matchTotp(secretBase32: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) {
    return null
  }
  const key = decodeBase32(secretBase32)
  const now = totpStep(at)
  for (let step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step += 1) {
    if (timingSafeEqualText(hotp(key, step), code)) {
      return step
    }
  }
  return null
}

/**
 * The `otpauth://` URI an authenticator app reads from a QR code (Google Authenticator key URI format).
 * @example totpUri({ secretBase32, accountName: 'ann@example.com' })
 */
export function totpUri(input: { secretBase32: string; accountName: string }): string {
  const issuer = 'Comeback'
  const label = encodeURIComponent(`${issuer}:${input.accountName}`)
  const query = new URLSearchParams({
    secret: input.secretBase32,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  })
  return `otpauth://totp/${label}?${query.toString()}`
}

function timingSafeEqualText(left: string, right: string): boolean {
  let difference = left.length ^ right.length
  for (let index = 0; index < left.length && index < right.length; index += 1) {
    difference |= left.charCodeAt(index) ^ right.charCodeAt(index)
  }
  return difference === 0
}
