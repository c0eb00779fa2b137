import { createHash, createHmac, randomBytes } from 'node:crypto'

/**
 * A new session token: 32 random bytes, base64url (256 bits; OWASP asks for at least 64).
 * @example const token = newSessionToken()
 */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * The sha-256 (hex) that the database keeps instead of a token or a recovery code.
 * @example hashSecret('abc') // 'ba7816bf…'
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/**
 * The CSRF token of a session: an HMAC of a fixed label keyed by the session token. It is derived,
 * so nothing more is stored, and cannot be turned back into the session token.
 * @example request.headers['x-csrf-token'] === csrfTokenFor(sessionToken)
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('comeback csrf v1').digest('base64url')
}

/**
 * The key failed sign-ins are counted under: a hash of the trimmed, lower-cased email, so that
 * unknown accounts are limited exactly like real ones and no email is stored.
 * @example accountKeyFor(' Ann@Example.com') === accountKeyFor('ann@example.com')
 */
export function accountKeyFor(email: string): string {
  return hashSecret(`login:${email.trim().toLowerCase()}`)
}
