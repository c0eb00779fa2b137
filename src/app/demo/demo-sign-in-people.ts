import { randomInt } from 'node:crypto'
import type { DemoCompany, DemoRole, DemoUser } from './demo-types.js'

/** The roles the demo hands out a sign-in for, in the order they are printed. */
export const DEMO_SIGN_IN_ROLES: readonly DemoRole[] = ['admin', 'vp', 'manager', 'rep', 'analyst']

// 31 letters and digits, no 0/o or 1/l/i: read off a terminal and typed right (log2 31 ≈ 4.95 bits each)
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const GROUPS = 4
const GROUP_LENGTH = 5

/**
 * A new random demo password: four groups of five from a 31-letter alphabet joined by dashes,
 * 23 characters and 99 bits from the operating system's CSPRNG (NIST SP 800-63B §5.1.1.2 asks
 * for at least 8 characters; PASSWORD_LENGTH asks for 12).
 * @example newDemoPassword() // 'k7m2q-9xwta-…'
 */
export function newDemoPassword(): string {
  return Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  ).join('-')
}

/**
 * The demo user who gets the sign-in of each role: an active one, and of those the one who owns
 * the most accounts now (so the rep's and the manager's lists are not empty), the first on a tie.
 * @example pickDemoSignInPeople(company).map((user) => user.role) // ['admin', 'vp', …]
 */
export function pickDemoSignInPeople(
  company: Pick<DemoCompany, 'users' | 'customers'>,
): DemoUser[] {
  const owned = new Map<string, number>()
  for (const customer of company.customers) {
    owned.set(customer.ownerEmail, (owned.get(customer.ownerEmail) ?? 0) + 1)
  }
  return DEMO_SIGN_IN_ROLES.flatMap((role) => {
    let best: DemoUser | undefined
    for (const user of company.users) {
      if (user.role !== role || user.leftOn !== null) {
        continue
      }
      if (best === undefined || (owned.get(user.email) ?? 0) > (owned.get(best.email) ?? 0)) {
        best = user
      }
    }
    return best === undefined ? [] : [best]
  })
}
