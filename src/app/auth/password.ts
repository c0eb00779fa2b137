import { hash, verify } from '@node-rs/argon2'
import { ValidationError } from '../../domain/errors.js'

/** Shortest and longest password accepted (NIST SP 800-63B §5.1.1: at least 8, allow 64+). */
export const PASSWORD_LENGTH = { min: 12, max: 256 } as const

// OWASP password storage cheat sheet, argon2id: m = 19 MiB, t = 2, p = 1
const ARGON2ID_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

/**
 * An argon2id hash of `password` in PHC string form (`$argon2id$v=19$m=19456,t=2,p=1$…`).
 * @throws ValidationError when the password is shorter or longer than PASSWORD_LENGTH
 * @example const passwordHash = await hashPassword('correct horse battery')
 */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
    throw new ValidationError(
      `a password has ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters`,
      { issues: [{ path: ['password'], message: 'wrong length' }] },
    )
  }
  // @node-rs/argon2 hashes with argon2id unless told otherwise
  return await hash(password, ARGON2ID_OPTIONS)
}

// checked against when the email is unknown, so both answers take as long
const DECOY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$LccW6UEQoS3F72gkamVGXQ$6p2t5e65mTPoQomxicjN9grnV3ZYOna4b/ekWGI9dgk'

/**
 * Whether `password` matches `passwordHash`; a null hash (no password set) never matches but costs
 * the same time as a real check, so timing does not tell which accounts exist.
 * @example await verifyPassword(user.password_hash, 'correct horse battery') // true
 */
export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (password.length > PASSWORD_LENGTH.max) {
    return false
  }
  try {
    const matches = await verify(passwordHash ?? DECOY_HASH, password)
    return passwordHash !== null && matches
  } catch {
    // a malformed stored hash is a mismatch, not a crash
    return false
  }
}
