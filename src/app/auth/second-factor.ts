import { ComebackError, ConflictError } from '../../domain/errors.js'
import {
  claimTotpStep,
  clearLoginFailures,
  confirmTotp,
  consumeRecoveryCode,
  findTotpCredential,
  type Store,
  saveTotpSecret,
} from '../../store/index.js'
import { type AuditContext, auditAuth } from './audit.js'
import { reserveLoginAttempt } from './login-limit.js'
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js'
import type { AuthenticatedSession, SessionSettings } from './session-user.js'
import { rotateSession } from './sessions.js'
import { accountKeyFor } from './tokens.js'
import { matchTotp, newTotpSecret, totpUri } from './totp.js'

/** What a second-factor step needs besides the session: the time, session settings, audit context. */
export interface SecondFactorOptions {
  readonly now: Date
  readonly settings: SessionSettings
  readonly context: AuditContext
}

/**
 * Starts TOTP enrolment: a new secret, shown once, for the user to add to an authenticator app.
 * @throws ConflictError when the user already has a confirmed second factor
 * @example const { secretBase32, otpauthUri } = await startTotpEnrolment(store, session, now)
 */
export async function startTotpEnrolment(
  store: Store,
  session: AuthenticatedSession,
  now: Date,
): Promise<{ secretBase32: string; otpauthUri: string }> {
  if (session.secondFactor.enrolled) {
    throw new ConflictError('a second factor is already enrolled; an admin can reset it')
  }
  const secretBase32 = newTotpSecret()
  await saveTotpSecret(store, session.user.id, secretBase32, now.toISOString())
  return { secretBase32, otpauthUri: totpUri({ secretBase32, accountName: session.user.email }) }
}

/**
 * Confirms enrolment with a first code: the credential becomes active, the user gets recovery
 * codes (shown once, stored hashed), and the session is replaced by a verified one.
 * @throws ComebackError UNAUTHENTICATED for a wrong code; ConflictError when nothing awaits confirmation
 * @example const { token, recoveryCodes } = await confirmTotpEnrolment(store, session, '123456', options)
 */
export async function confirmTotpEnrolment(
  store: Store,
  session: AuthenticatedSession,
  code: string,
  options: SecondFactorOptions,
): Promise<{ token: string; recoveryCodes: string[] }> {
  const credential = await findTotpCredential(store, session.user.id)
  if (credential === undefined || credential.confirmed_at !== null) {
    throw new ConflictError('no second factor enrolment is waiting for a code')
  }
  await checkTotp(store, session, code, options)
  const recoveryCodes = newRecoveryCodes()
  await confirmTotp(store, {
    userId: session.user.id,
    at: options.now.toISOString(),
    recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode),
  })
  await auditAuth(store, options.context, {
    action: 'mfa_enrolled',
    objectType: 'user',
    objectId: String(session.user.id),
  })
  return { token: await rotateSession(store, session, options), recoveryCodes }
}

/**
 * Passes the second factor with a TOTP code or one unused recovery code and returns the token of
 * the new, verified session. Wrong codes count towards the account's sign-in rate limit.
 * @throws ComebackError UNAUTHENTICATED for a wrong code; RateLimitedError after too many
 * @example const token = await passSecondFactor(store, session, { code: '123456' }, options)
 */
export async function passSecondFactor(
  store: Store,
  session: AuthenticatedSession,
  proof: { code?: string | undefined; recoveryCode?: string | undefined },
  options: SecondFactorOptions,
): Promise<string> {
  if (!session.secondFactor.enrolled) {
    throw new ConflictError('no second factor is enrolled: enrol one first')
  }
  if (proof.recoveryCode !== undefined) {
    await checkRecoveryCode(store, session, proof.recoveryCode, options)
  } else {
    await checkTotp(store, session, proof.code ?? '', options)
  }
  await auditAuth(store, options.context, {
    action: 'mfa_verified',
    objectType: 'session',
    objectId: String(session.user.id),
  })
  return await rotateSession(store, session, options)
}

async function checkTotp(
  store: Store,
  session: AuthenticatedSession,
  code: string,
  options: SecondFactorOptions,
): Promise<void> {
  const accountKey = accountKeyFor(session.user.email)
  await reserveLoginAttempt(store, accountKey, options.now)
  const credential = await findTotpCredential(store, session.user.id)
  const step =
    credential === undefined ? null : matchTotp(credential.secret_base32, code, options.now)
  // a code seen before is refused like a wrong one (RFC 6238 §5.2)
  if (step === null || !(await claimTotpStep(store, session.user.id, step))) {
    await wrongCode(store, session, options)
  }
  await clearLoginFailures(store, accountKey)
}

async function checkRecoveryCode(
  store: Store,
  session: AuthenticatedSession,
  recoveryCode: string,
  options: SecondFactorOptions,
): Promise<void> {
  const accountKey = accountKeyFor(session.user.email)
  await reserveLoginAttempt(store, accountKey, options.now)
  const used = await consumeRecoveryCode(store, {
    userId: session.user.id,
    codeHash: hashRecoveryCode(recoveryCode),
    at: options.now.toISOString(),
  })
  if (!used) {
    await wrongCode(store, session, options)
  }
  await clearLoginFailures(store, accountKey)
}

async function wrongCode(
  store: Store,
  session: AuthenticatedSession,
  options: SecondFactorOptions,
): Promise<never> {
  await auditAuth(store, options.context, {
    action: 'mfa_failed',
    objectType: 'user',
    objectId: String(session.user.id),
  })
  throw new ComebackError('UNAUTHENTICATED', 'wrong or already used code')
}
