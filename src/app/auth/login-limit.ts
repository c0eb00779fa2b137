import { insertLoginFailure, listLoginFailures, type Store } from '../../store/index.js'
import { RateLimitedError } from './errors.js'

/**
 * The sign-in rate limit (TESTPLAN T16): after this many failures for one account within the
 * window, sign-in answers 429 until the window has passed or an admin unlocks the account.
 */
export const LOGIN_LIMIT = { maxFailures: 10, windowMs: 15 * 60_000 } as const

/**
 * Throws RateLimitedError, with the seconds until the oldest counted failure leaves the window,
 * when `accountKey` already has `LOGIN_LIMIT.maxFailures` failures within it.
 * @example await assertLoginAllowed(store, accountKeyFor(email), new Date())
 */
export async function assertLoginAllowed(
  store: Store,
  accountKey: string,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - LOGIN_LIMIT.windowMs).toISOString()
  const failures = await listLoginFailures(store, accountKey, since)
  const decisive = failures[LOGIN_LIMIT.maxFailures - 1]
  if (decisive === undefined) {
    return
  }
  const freeAtMs = Date.parse(decisive) + LOGIN_LIMIT.windowMs
  const retryAfterSeconds = Math.max(1, Math.ceil((freeAtMs - now.getTime()) / 1000))
  throw new RateLimitedError(
    'too many failed sign-ins for this account: wait, or ask an admin to unlock it',
    retryAfterSeconds,
  )
}

/**
 * Counts one attempt against the account before its password is checked, then re-checks, so
 * concurrent guesses cannot slip past the limit together; a success clears the count.
 * @example await reserveLoginAttempt(store, key, now)
 */
export async function reserveLoginAttempt(
  store: Store,
  accountKey: string,
  now: Date,
): Promise<void> {
  await assertLoginAllowed(store, accountKey, now)
  await insertLoginFailure(store, accountKey, now.toISOString())
  const since = new Date(now.getTime() - LOGIN_LIMIT.windowMs).toISOString()
  const failures = await listLoginFailures(store, accountKey, since)
  if (failures.length > LOGIN_LIMIT.maxFailures) {
    throw new RateLimitedError(
      'too many failed sign-ins for this account: wait, or ask an admin to unlock it',
      Math.ceil(LOGIN_LIMIT.windowMs / 1000),
    )
  }
}
