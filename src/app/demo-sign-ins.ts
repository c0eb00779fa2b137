import { ROLES_REQUIRING_MFA } from '../domain/access-policy.js'
import { ComebackError, NotFoundError } from '../domain/errors.js'
import {
  appendAudit,
  confirmTotp,
  findTotpCredential,
  findUserByEmail,
  inTransaction,
  type Store,
  saveTotpSecret,
  updateUserAccount,
} from '../store/index.js'
import { decodeBase32 } from './auth/base32.js'
import { hashPassword, verifyPassword } from './auth/password.js'
import { hashRecoveryCode, newRecoveryCodes } from './auth/recovery-codes.js'
import { hotp, newTotpSecret, TOTP_PERIOD_SECONDS, totpStep } from './auth/totp.js'
import { newDemoPassword, pickDemoSignInPeople } from './demo/demo-sign-in-people.js'
import type { DemoCompany } from './demo/demo-types.js'
import type { DemoSignIn } from './demo-sign-ins-file.js'

/**
 * Gives one demo user per role a new random password (stored as an argon2id hash) and, with
 * `preEnrol`, the roles that must have a second factor (admin, VP) a TOTP credential that is
 * already confirmed, with recovery codes: an evaluator signs in with the password and a code from
 * `comeback demo code EMAIL` instead of enrolling an authenticator app (without it they enrol at
 * their first sign-in). Returns the plaintext, which exists nowhere else; the caller shows it and
 * keeps it in the 0600 file beside the database.
 * @example const signIns = await giveDemoSignIns(store, company, { actor: 'local-admin', preEnrol: true })
 */
export async function giveDemoSignIns(
  store: Store,
  company: Pick<DemoCompany, 'users' | 'customers'>,
  options: { readonly actor: string; readonly preEnrol: boolean; readonly now?: Date },
): Promise<DemoSignIn[]> {
  const at = (options.now ?? new Date()).toISOString()
  const people = pickDemoSignInPeople(company)
  const signIns = people.map((person): DemoSignIn => {
    const mfa = options.preEnrol && ROLES_REQUIRING_MFA.has(person.role)
    return {
      role: person.role,
      email: person.email,
      name: person.name,
      password: newDemoPassword(),
      totpSecret: mfa ? newTotpSecret() : null,
      recoveryCodes: mfa ? newRecoveryCodes() : [],
    }
  })
  const hashes = await Promise.all(signIns.map((signIn) => hashPassword(signIn.password)))
  await inTransaction(store, async (trx) => {
    for (const [index, signIn] of signIns.entries()) {
      const user = await findUserByEmail(trx, signIn.email)
      if (user === undefined) {
        throw new NotFoundError(`the demo user ${signIn.email} is not in the database`)
      }
      const userId = Number(user.id)
      await updateUserAccount(trx, userId, { password_hash: hashes[index] as string })
      if (signIn.totpSecret !== null) {
        await saveTotpSecret(trx, userId, signIn.totpSecret, at)
        await confirmTotp(trx, {
          userId,
          at,
          recoveryCodeHashes: signIn.recoveryCodes.map(hashRecoveryCode),
        })
      }
    }
    await appendAudit(trx, {
      actor: options.actor,
      via: 'cli',
      action: 'demo_sign_ins',
      objectType: 'user',
      objectId: null,
      fields: ['password', 'totp'],
    })
  })
  return signIns
}

/**
 * The saved sign-ins that still work: the password still matches the user's hash and a saved
 * second factor is still the user's confirmed one (an admin may have changed either since).
 * @example const usable = await usableDemoSignIns(store, readDemoSignInsFile(path) ?? [])
 */
export async function usableDemoSignIns(
  store: Store,
  signIns: readonly DemoSignIn[],
): Promise<DemoSignIn[]> {
  const usable: DemoSignIn[] = []
  for (const signIn of signIns) {
    const user = await findUserByEmail(store, signIn.email)
    if (
      user !== undefined &&
      user.active === 1 &&
      (await verifyPassword(user.password_hash, signIn.password)) &&
      (await secondFactorMatches(store, Number(user.id), signIn.totpSecret))
    ) {
      usable.push(signIn)
    }
  }
  return usable
}

async function secondFactorMatches(
  store: Store,
  userId: number,
  secret: string | null,
): Promise<boolean> {
  if (secret === null) {
    return true
  }
  const credential = await findTotpCredential(store, userId)
  return (
    credential !== undefined &&
    credential.confirmed_at !== null &&
    credential.secret_base32 === secret
  )
}

/**
 * The current 6-digit TOTP code of a demo user whose second factor was pre-enrolled, from the
 * secret saved beside the database, and how many seconds it stays current. Only the users in
 * `signIns` have one: for anyone else (every real user) this refuses.
 * @throws NotFoundError for a user the saved sign-ins do not give a second factor;
 * ComebackError CONFLICT when that second factor is no longer the user's
 * @example const { code } = await demoTotpCode(store, signIns, 'ann@comeback-demo.example')
 */
export async function demoTotpCode(
  store: Store,
  signIns: readonly DemoSignIn[],
  email: string,
  now: Date = new Date(),
): Promise<{ readonly code: string; readonly secondsLeft: number }> {
  const wanted = email.trim().toLowerCase()
  const signIn = signIns.find((entry) => entry.email.toLowerCase() === wanted)
  if (signIn === undefined || signIn.totpSecret === null) {
    throw new NotFoundError(`${email} is not a demo user with a saved second factor`)
  }
  const user = await findUserByEmail(store, signIn.email)
  if (
    user === undefined ||
    !(await secondFactorMatches(store, Number(user.id), signIn.totpSecret))
  ) {
    throw new ComebackError(
      'CONFLICT',
      `the second factor of ${signIn.email} was changed after the demo was loaded; the saved one no longer works`,
    )
  }
  const seconds = Math.floor(now.getTime() / 1000)
  return {
    code: hotp(decodeBase32(signIn.totpSecret), totpStep(now)),
    secondsLeft: TOTP_PERIOD_SECONDS - (seconds % TOTP_PERIOD_SECONDS),
  }
}
