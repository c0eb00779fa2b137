import type { Selectable } from 'kysely'
import type { SessionsTable, TotpCredentialsTable, UserRole } from '../schema.js'
import { dbOf, inTransaction, type Queryable } from './queryable.js'

/** A session row as stored. */
export type SessionRow = Selectable<SessionsTable>

/** A session together with the few user fields every request needs. */
export interface SessionWithUser {
  readonly session: SessionRow
  readonly user: {
    readonly id: number
    readonly email: string
    readonly name: string
    readonly role: UserRole
    readonly managerId: number | null
    readonly active: boolean
  }
}

/**
 * Stores a new session (its token already hashed).
 * @example await insertSession(store, { token_hash, user_id: 1, created_at, last_seen_at, expires_at, second_factor_at: null })
 */
export async function insertSession(target: Queryable, row: SessionRow): Promise<void> {
  await dbOf(target).insertInto('sessions').values(row).execute()
}

/**
 * Swaps one session for another in one transaction: the old token stops working the moment the
 * new one exists (session id rotation after sign-in and after the second factor).
 * @example await replaceSession(store, oldHash, newRow)
 */
export async function replaceSession(
  target: Queryable,
  oldTokenHash: string,
  row: SessionRow,
): Promise<void> {
  await inTransaction(target, async (trx) => {
    await trx.deleteFrom('sessions').where('token_hash', '=', oldTokenHash).execute()
    await trx.insertInto('sessions').values(row).execute()
  })
}

/**
 * The session with this token hash and its user, or undefined.
 * @example const found = await findSession(store, hashSessionToken(token))
 */
export async function findSession(
  target: Queryable,
  tokenHash: string,
): Promise<SessionWithUser | undefined> {
  const row = await dbOf(target)
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select([
      'users.email',
      'users.name',
      'users.role',
      'users.manager_id',
      'users.active as user_active',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (row === undefined) {
    return undefined
  }
  const { email, name, role, manager_id, user_active, ...session } = row
  return {
    session,
    user: {
      id: Number(session.user_id),
      email,
      name,
      role,
      managerId: manager_id === null ? null : Number(manager_id),
      active: Number(user_active) === 1,
    },
  }
}

/** Records that a session was used now. */
export async function touchSession(
  target: Queryable,
  tokenHash: string,
  at: string,
): Promise<void> {
  await dbOf(target)
    .updateTable('sessions')
    .set({ last_seen_at: at })
    .where('token_hash', '=', tokenHash)
    .execute()
}

/** Ends one session. */
export async function deleteSession(target: Queryable, tokenHash: string): Promise<void> {
  await dbOf(target).deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

/** Ends every session of a user (disabled, password changed, second factor reset). */
export async function deleteUserSessions(target: Queryable, userId: number): Promise<number> {
  const result = await dbOf(target)
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/**
 * Deletes every session past its absolute expiry (`expires_at` at or before `nowIso`) or idle since
 * `idleSinceIso` (its `last_seen_at` at or before it); returns how many it deleted. Both columns hold
 * ISO-8601 UTC text, so text order is time order on either database.
 * @example await deleteExpiredSessions(store, { nowIso, idleSinceIso })
 */
export async function deleteExpiredSessions(
  target: Queryable,
  bounds: { readonly nowIso: string; readonly idleSinceIso: string },
): Promise<number> {
  const result = await dbOf(target)
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('expires_at', '<=', bounds.nowIso), eb('last_seen_at', '<=', bounds.idleSinceIso)]),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** The times of an account's failed sign-ins since `sinceIso`, newest first. */
export async function listLoginFailures(
  target: Queryable,
  accountKey: string,
  sinceIso: string,
): Promise<string[]> {
  const rows = await dbOf(target)
    .selectFrom('login_failures')
    .select('failed_at')
    .where('account_key', '=', accountKey)
    .where('failed_at', '>=', sinceIso)
    .orderBy('failed_at', 'desc')
    .execute()
  return rows.map((row) => row.failed_at)
}

/** Records one failed sign-in for an account key. */
export async function insertLoginFailure(
  target: Queryable,
  accountKey: string,
  at: string,
): Promise<void> {
  await dbOf(target)
    .insertInto('login_failures')
    .values({ account_key: accountKey, failed_at: at })
    .execute()
}

/** Forgets an account's failed sign-ins (a successful sign-in, or an admin's unlock). */
export async function clearLoginFailures(target: Queryable, accountKey: string): Promise<void> {
  await dbOf(target).deleteFrom('login_failures').where('account_key', '=', accountKey).execute()
}

/** A user's TOTP credential, confirmed or not. */
export async function findTotpCredential(
  target: Queryable,
  userId: number,
): Promise<Selectable<TotpCredentialsTable> | undefined> {
  return await dbOf(target)
    .selectFrom('totp_credentials')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/** Starts (or restarts) TOTP enrolment with a new, unconfirmed secret. */
export async function saveTotpSecret(
  target: Queryable,
  userId: number,
  secretBase32: string,
  at: string,
): Promise<void> {
  await dbOf(target)
    .insertInto('totp_credentials')
    .values({ user_id: userId, secret_base32: secretBase32, created_at: at, confirmed_at: null })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        secret_base32: secretBase32,
        created_at: at,
        confirmed_at: null,
        last_used_step: null,
      }),
    )
    .execute()
}

/**
 * Claims a TOTP time step for a user: true only if no step this new or newer was accepted before,
 * decided in one conditional UPDATE so two racing requests cannot both use one code.
 */
export async function claimTotpStep(
  target: Queryable,
  userId: number,
  step: number,
): Promise<boolean> {
  const result = await dbOf(target)
    .updateTable('totp_credentials')
    .set({ last_used_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Marks a user's TOTP credential confirmed and stores fresh recovery code hashes in one go. */
export async function confirmTotp(
  target: Queryable,
  input: { userId: number; at: string; recoveryCodeHashes: readonly string[] },
): Promise<void> {
  await inTransaction(target, async (trx) => {
    await trx
      .updateTable('totp_credentials')
      .set({ confirmed_at: input.at })
      .where('user_id', '=', input.userId)
      .execute()
    await trx.deleteFrom('recovery_codes').where('user_id', '=', input.userId).execute()
    await trx
      .insertInto('recovery_codes')
      .values(
        input.recoveryCodeHashes.map((code_hash) => ({
          user_id: input.userId,
          code_hash,
          used_at: null,
        })),
      )
      .execute()
  })
}

/** Uses one recovery code: true only if it existed unused (one conditional UPDATE). */
export async function consumeRecoveryCode(
  target: Queryable,
  input: { userId: number; codeHash: string; at: string },
): Promise<boolean> {
  const result = await dbOf(target)
    .updateTable('recovery_codes')
    .set({ used_at: input.at })
    .where('user_id', '=', input.userId)
    .where('code_hash', '=', input.codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** How many unused recovery codes a user has left. */
export async function countUnusedRecoveryCodes(target: Queryable, userId: number): Promise<number> {
  const row = await dbOf(target)
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** The account fields sign-in and user administration change. */
export interface UserAccountChange {
  readonly password_hash?: string
  readonly active?: 0 | 1
  readonly role?: UserRole
  readonly manager_id?: number | null
}

/**
 * Changes a user's account fields; returns whether the user exists. Ending their sessions when
 * they are disabled or their password changes is the caller's job, in the same transaction.
 * @example await updateUserAccount(store, 7, { active: 0 })
 */
export async function updateUserAccount(
  target: Queryable,
  userId: number,
  change: UserAccountChange,
): Promise<boolean> {
  if (Object.keys(change).length === 0) {
    const row = await dbOf(target)
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .executeTakeFirst()
    return row !== undefined
  }
  const result = await dbOf(target)
    .updateTable('users')
    .set({ ...change })
    .where('id', '=', userId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
