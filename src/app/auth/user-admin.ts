import type { Role } from '../../domain/access-policy.js'
import { NotFoundError } from '../../domain/errors.js'
import {
  clearLoginFailures,
  deleteUserSessions,
  findUserByEmail,
  getUser,
  type Store,
  updateUserAccount,
} from '../../store/index.js'
import { type AuditContext, auditAuth } from './audit.js'
import { hashPassword } from './password.js'
import { accountKeyFor } from './tokens.js'

/** What an admin may change about a user's access. */
export interface UserAccessChange {
  readonly active?: boolean
  readonly role?: Role
  readonly managerId?: number | null
}

/**
 * Changes a user's role, manager or active flag; any change ends the user's sessions, so a
 * disabled or demoted user is out at their next request. Audited with the fields changed.
 * @throws NotFoundError when there is no such user
 * @example await changeUserAccess(store, 7, { active: false }, context)
 */
export async function changeUserAccess(
  store: Store,
  userId: number,
  change: UserAccessChange,
  context: AuditContext,
): Promise<void> {
  const fields = Object.keys(change)
  const found = await updateUserAccount(store, userId, {
    ...(change.active === undefined ? {} : { active: change.active ? 1 : 0 }),
    ...(change.role === undefined ? {} : { role: change.role }),
    ...(change.managerId === undefined ? {} : { manager_id: change.managerId }),
  })
  if (!found) {
    throw new NotFoundError('user not found')
  }
  if (fields.length > 0) {
    await deleteUserSessions(store, userId)
  }
  await auditAuth(store, context, {
    action: 'update',
    objectType: 'user',
    objectId: String(userId),
    fields,
  })
}

/**
 * Lifts the sign-in rate limit on a user's account (the documented unlock: an admin does it).
 * @throws NotFoundError when there is no such user
 * @example await unlockAccount(store, 7, context)
 */
export async function unlockAccount(
  store: Store,
  userId: number,
  context: AuditContext,
): Promise<void> {
  const user = await getUser(store, userId)
  if (user === undefined) {
    throw new NotFoundError('user not found')
  }
  await clearLoginFailures(store, accountKeyFor(user.email))
  await auditAuth(store, context, {
    action: 'unlock',
    objectType: 'user',
    objectId: String(userId),
  })
}

/**
 * Sets a user's password (argon2id), ends their sessions and lifts any sign-in lock.
 * @throws NotFoundError when no user has this email; ValidationError for a too short password
 * @example await setUserPassword(store, 'ann@example.com', 'a long new password', context)
 */
export async function setUserPassword(
  store: Store,
  email: string,
  password: string,
  context: AuditContext,
): Promise<void> {
  const user = await findUserByEmail(store, email)
  if (user === undefined) {
    throw new NotFoundError('user not found')
  }
  const userId = Number(user.id)
  await updateUserAccount(store, userId, { password_hash: await hashPassword(password) })
  await deleteUserSessions(store, userId)
  await clearLoginFailures(store, accountKeyFor(user.email))
  await auditAuth(store, context, {
    action: 'update',
    objectType: 'user',
    objectId: String(userId),
    fields: ['password'],
  })
}
