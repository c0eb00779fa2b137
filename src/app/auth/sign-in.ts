import { ComebackError } from '../../domain/errors.js'
import {
  clearLoginFailures,
  deleteSession,
  findUserByEmail,
  type Store,
} from '../../store/index.js'
import { type AuditContext, auditAuth } from './audit.js'
import { RateLimitedError } from './errors.js'
import { reserveLoginAttempt } from './login-limit.js'
import { verifyPassword } from './password.js'
import type { AuthenticatedSession, SessionSettings } from './session-user.js'
import { authenticateSession, openSession } from './sessions.js'
import { accountKeyFor, hashSecret } from './tokens.js'

/** What signing in needs: the credentials, the time, any session token the browser still sent. */
export interface SignInInput {
  readonly email: string
  readonly password: string
  readonly now: Date
  readonly settings: SessionSettings
  readonly previousToken?: string
  readonly context: Omit<AuditContext, 'actorUserId'>
}

/** A new session: its token (for the cookie) and what it may do. */
export interface SignedIn {
  readonly token: string
  readonly session: AuthenticatedSession
}

/**
 * Checks an email and password and opens a new session (never reusing one the browser had).
 * Failures count towards the account's rate limit and are audited without the email.
 * @throws ComebackError UNAUTHENTICATED for a wrong email, password or a disabled user (one message for all)
 * @throws RateLimitedError after too many failures for the account
 * @example const { token, session } = await signIn(store, { email, password, now, settings, context })
 */
export async function signIn(store: Store, input: SignInInput): Promise<SignedIn> {
  const accountKey = accountKeyFor(input.email)
  const user = await findUserByEmail(store, input.email)
  const userId = user === undefined ? null : Number(user.id)
  const context = { ...input.context, actorUserId: userId }
  try {
    await reserveLoginAttempt(store, accountKey, input.now)
  } catch (error) {
    if (error instanceof RateLimitedError) {
      await auditAuth(store, context, failure('login_rate_limited', userId))
    }
    throw error
  }
  const passwordMatches = await verifyPassword(user?.password_hash ?? null, input.password)
  if (user === undefined || userId === null || !passwordMatches || user.active !== 1) {
    await auditAuth(store, context, failure('login_failed', userId))
    throw new ComebackError('UNAUTHENTICATED', 'wrong email or password')
  }
  await clearLoginFailures(store, accountKey)
  if (input.previousToken !== undefined) {
    await deleteSession(store, hashSecret(input.previousToken))
  }
  const token = await openSession(store, { userId, now: input.now, settings: input.settings })
  const session = await authenticateSession(store, token, input)
  if (session === null) {
    throw new ComebackError('INTERNAL', 'a session just opened could not be read back')
  }
  await auditAuth(store, context, {
    action: 'login',
    objectType: 'session',
    objectId: String(userId),
  })
  return { token, session }
}

function failure(action: string, userId: number | null) {
  return { action, objectType: 'user', objectId: userId === null ? null : String(userId) }
}
