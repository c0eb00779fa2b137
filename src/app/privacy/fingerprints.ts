import { createHmac } from 'node:crypto'
import { normaliseEmail } from '../../domain/suppression.js'
import type { ContactPii, SweepTarget } from '../../store/index.js'

/** What a fingerprint was taken of. */
export type FingerprintKind = 'email' | 'phone' | 'contact_key'

/** One keyed hash of an identifying value, and of what kind. */
export interface Fingerprint {
  readonly kind: FingerprintKind
  readonly fingerprint: string
}

/**
 * HMAC-SHA-256 (RFC 2104) of `<kind>:<value>` under the database's key, in hex: equal values give
 * equal hashes, so a re-imported address is recognised, and without the key nobody can test a
 * guessed address against the list (GDPR Art. 4(5) pseudonymisation: the key is kept apart from
 * the hashes' meaning).
 */
export function fingerprintOf(key: Buffer, kind: FingerprintKind, value: string): string {
  return createHmac('sha256', key).update(`${kind}:${value}`).digest('hex')
}

// phone numbers compare on their digits: `+1 (555) 010-2030` and `15550102030` are one number
const phoneDigits = (phone: string) => phone.replace(/\D/g, '')

/** The fingerprints of one contact's identifying values (address, phone, the file's key). */
export function contactFingerprints(key: Buffer, contact: ContactPii): Fingerprint[] {
  const found: Fingerprint[] = []
  if (contact.email !== null && contact.email.trim() !== '') {
    found.push({
      kind: 'email',
      fingerprint: fingerprintOf(key, 'email', normaliseEmail(contact.email)),
    })
  }
  if (contact.phone !== null && phoneDigits(contact.phone).length >= 6) {
    found.push({
      kind: 'phone',
      fingerprint: fingerprintOf(key, 'phone', phoneDigits(contact.phone)),
    })
  }
  if (!contact.contactKey.startsWith('erased:')) {
    const contactKey = `${contact.customerId}|${contact.contactKey}`
    found.push({ kind: 'contact_key', fingerprint: fingerprintOf(key, 'contact_key', contactKey) })
  }
  return found
}

/**
 * The contacts' personal values for the sweep of free text: addresses and phone numbers name one
 * person wherever they appear; names and postal addresses only within their customer's rows.
 */
export function sweepTargetOf(
  contacts: readonly ContactPii[],
  extra: { readonly customerId: string; readonly values: readonly string[] } | null = null,
): SweepTarget {
  const present = (values: readonly (string | null)[]) =>
    values.filter((value): value is string => value !== null && value.trim() !== '')
  const byCustomer = new Map<string, string[]>()
  for (const contact of contacts) {
    const values = byCustomer.get(contact.customerId) ?? []
    values.push(...present([contact.name, contact.postalAddress]))
    byCustomer.set(contact.customerId, values)
  }
  if (extra !== null) {
    byCustomer.set(extra.customerId, [...(byCustomer.get(extra.customerId) ?? []), ...extra.values])
  }
  const phones = present(contacts.map((contact) => contact.phone)).filter(
    (phone) => phoneDigits(phone).length >= 7,
  )
  return {
    everywhere: [...present(contacts.map((contact) => contact.email)), ...phones],
    byCustomer,
  }
}
