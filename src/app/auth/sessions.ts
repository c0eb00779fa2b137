import { ROLES_REQUIRING_MFA, teamUserIds } from '../../domain/access-policy.js'
import {
  deleteSession,
  deleteUserSessions,
  findSession,
  findTotpCredential,
  insertSession,
  listUsers,
  replaceSession,
  type SessionWithUser,
  type Store,
  touchSession,
} from '../../store/index.js'
import { type AuditContext, auditAuth } from './audit.js'
import type { AuthenticatedSession, SessionSettings, SessionUser } from './session-user.js'
import { hashSecret, newSessionToken } from './tokens.js'

// last_seen_at is written at most once a minute per session, not on every request
const TOUCH_INTERVAL_MS = 60_000

/**
 * The live session behind a cookie token, or null when there is none, it expired, or its user
 * was disabled — in which case every session of that user ends here, at their next request.
 * @example const session = await authenticateSession(store, token, { now, settings })
 */
export async function authenticateSession(
  store: Store,
  token: string,
  options: { now: Date; settings: SessionSettings },
): Promise<AuthenticatedSession | null> {
  const tokenHash = hashSecret(token)
  const found = await findSession(store, tokenHash)
  if (found === undefined) {
    return null
  }
  if (!found.user.active) {
    await deleteUserSessions(store, found.user.id)
    return null
  }
  if (isExpired(found, options.now, options.settings)) {
    await deleteSession(store, tokenHash)
    return null
  }
  if (options.now.getTime() - Date.parse(found.session.last_seen_at) > TOUCH_INTERVAL_MS) {
    await touchSession(store, tokenHash, options.now.toISOString())
  }
  return await describeSession(store, tokenHash, found)
}

function isExpired(found: SessionWithUser, now: Date, settings: SessionSettings): boolean {
  const idleSince = Date.parse(found.session.last_seen_at)
  return (
    now.getTime() >= Date.parse(found.session.expires_at) ||
    now.getTime() - idleSince >= settings.idleTimeoutMs
  )
}

async function describeSession(
  store: Store,
  tokenHash: string,
  found: SessionWithUser,
): Promise<AuthenticatedSession> {
  const { user } = found
  const credential = await findTotpCredential(store, user.id)
  const enrolled = credential !== undefined && credential.confirmed_at !== null
  const verified = found.session.second_factor_at !== null
  const required = enrolled || ROLES_REQUIRING_MFA.has(user.role)
  const sessionUser: SessionUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    managerId: user.managerId,
  }
  return {
    tokenHash,
    user: sessionUser,
    actor: { userId: user.id, role: user.role, teamUserIds: await teamOf(store, user) },
    secondFactor: { enrolled, verified, required },
    fullAccess: !required || (enrolled && verified),
  }
}

async function teamOf(store: Store, user: SessionWithUser['user']): Promise<ReadonlySet<number>> {
  if (user.role !== 'manager') {
    return new Set([user.id])
  }
  const users = await listUsers(store)
  const links = users.map((row) => ({
    id: Number(row.id),
    managerId: row.manager_id === null ? null : Number(row.manager_id),
  }))
  return teamUserIds(user.id, links)
}

/**
 * Starts a new session for a user and returns its token (the only copy: the database keeps its hash).
 * @example const token = await openSession(store, { userId, now, settings })
 */
export async function openSession(
  store: Store,
  input: { userId: number; now: Date; settings: SessionSettings },
): Promise<string> {
  const token = newSessionToken()
  const at = input.now.toISOString()
  await insertSession(store, {
    token_hash: hashSecret(token),
    user_id: input.userId,
    created_at: at,
    last_seen_at: at,
    expires_at: new Date(input.now.getTime() + input.settings.absoluteTimeoutMs).toISOString(),
    second_factor_at: null,
  })
  return token
}

/**
 * Replaces a session with a new token after it gained privilege (passed the second factor); the
 * old token stops working. Returns the new token.
 * @example const token = await rotateSession(store, session, { now })
 */
export async function rotateSession(
  store: Store,
  session: AuthenticatedSession,
  input: { now: Date; settings: SessionSettings },
): Promise<string> {
  const token = newSessionToken()
  const at = input.now.toISOString()
  await replaceSession(store, session.tokenHash, {
    token_hash: hashSecret(token),
    user_id: session.user.id,
    created_at: at,
    last_seen_at: at,
    expires_at: new Date(input.now.getTime() + input.settings.absoluteTimeoutMs).toISOString(),
    second_factor_at: at,
  })
  return token
}

/**
 * Ends a session on the server, so its cookie is worthless even if kept, and audits the logout.
 * @example await signOut(store, session, context)
 */
export async function signOut(
  store: Store,
  session: AuthenticatedSession,
  context: AuditContext,
): Promise<void> {
  await deleteSession(store, session.tokenHash)
  await auditAuth(store, context, {
    action: 'logout',
    objectType: 'session',
    objectId: String(session.user.id),
  })
}
