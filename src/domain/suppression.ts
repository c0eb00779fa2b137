/**
 * Suppression (SPEC §5, issue 6 part 5): people and addresses that must not be contacted, and why.
 * Checked at send time for every channel; a re-import never lifts one.
 */

export type SuppressionKind = 'do_not_contact' | 'unsubscribed' | 'bounced' | 'erased'

export const SUPPRESSION_KINDS: readonly SuppressionKind[] = [
  'do_not_contact',
  'unsubscribed',
  'bounced',
  'erased',
]

/** Whether `value` names a suppression kind. */
export function isSuppressionKind(value: string): value is SuppressionKind {
  return (SUPPRESSION_KINDS as readonly string[]).includes(value)
}

// deliberately strict: one plain address, nothing a mail library could read as a list or a header
const PLAIN_ADDRESS = /^[^\s@,;:<>"()[\]\\]+@[^\s@,;:<>"()[\]\\]+\.[^\s@,;:<>"()[\]\\.]+$/

/**
 * The form an address is compared in: trimmed and lower-cased. RFC 5321 lets a server treat the
 * local part case-sensitively, but no mainstream one does, and suppressing too much is the safe
 * side of that choice.
 * @example normaliseEmail(' Ann@Example.COM ') // 'ann@example.com'
 */
export function normaliseEmail(address: string): string {
  return address.trim().toLowerCase()
}

/**
 * Whether `address` is one plain address (no display name, list, comment or control character), so
 * that it can go to SMTP as the one recipient it names (TESTPLAN T15).
 */
export function isPlainEmail(address: string): boolean {
  return address.length <= 254 && PLAIN_ADDRESS.test(address)
}

/** What a bounce tells about a contact (SPEC §5): the address is old, find who decides now. */
export const OLD_ADDRESS_FLAG = 'old_address'

export const OLD_ADDRESS_NOTE = 'old address — find the current decision maker'
