import { randomInt } from 'node:crypto'
import { hashSecret } from './tokens.js'

/** How many one-time recovery codes a user gets when they enrol a second factor. */
export const RECOVERY_CODE_COUNT = 10

// no 0/O or 1/I/L, so a code read off paper is typed right
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/**
 * New recovery codes, each `XXXXX-XXXXX` from a 31-letter alphabet (about 49 bits each).
 * @example newRecoveryCodes() // ['K7M2Q-9XWTA', …]
 */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const letters = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)] ?? 'A')
    return `${letters.slice(0, 5).join('')}-${letters.slice(5).join('')}`
  })
}

/**
 * The hash stored for a recovery code; case, spaces and dashes do not matter.
 * @example hashRecoveryCode('k7m2q 9xwta') === hashRecoveryCode('K7M2Q-9XWTA')
 */
export function hashRecoveryCode(code: string): string {
  return hashSecret(`recovery:${code.toUpperCase().replace(/[\s-]/g, '')}`)
}
