import { normaliseEmail } from '../../domain/suppression.js'
import { type CustomerContactLine, findSuppressions, type Queryable } from '../../store/index.js'

/** Why a customer gets no letter. */
export type LetterSkipReason =
  | 'no_postal_address'
  | 'no_lawful_basis'
  | 'suppressed'
  | 'unprintable_characters'
  | 'address_too_long'
  | 'no_access'

/** A customer left out of a batch, and why (`detail` says more: which suppression, which characters). */
export interface LetterSkip {
  readonly customerId: string
  readonly contactId: number | null
  readonly reason: LetterSkipReason
  readonly detail: string | null
}

/**
 * The contact a letter to `customerId` goes to: the first who is still there and has a postal
 * address, decision makers first (`contacts` come ordered so); or the one asked for.
 */
export function chooseLetterContact(
  contacts: readonly CustomerContactLine[],
  customerId: string,
  contactId?: number,
): CustomerContactLine | undefined {
  return contacts.find(
    (line) =>
      line.customerId === customerId &&
      !line.hasLeft &&
      (line.postalAddress ?? '').trim() !== '' &&
      (contactId === undefined || line.contactId === contactId),
  )
}

/**
 * Why `contact` may not get a letter, or null when they may: the lawful basis rules of email
 * (TESTPLAN T22) and suppression of any kind, as SPEC §5 makes it apply to every channel.
 */
export async function letterBlock(
  target: Queryable,
  contact: CustomerContactLine,
): Promise<Pick<LetterSkip, 'reason' | 'detail'> | null> {
  const basis = contact.lawfulBasis?.trim().toLowerCase() ?? ''
  if (basis === '' || (basis === 'consent' && !contact.consent)) {
    return { reason: 'no_lawful_basis', detail: basis === '' ? 'none on record' : 'no consent' }
  }
  const email = contact.email?.trim() ?? ''
  const suppressed = await findSuppressions(target, {
    emailNormalised: email === '' ? null : normaliseEmail(email),
    contactId: contact.contactId,
  })
  if (suppressed.length > 0) {
    return {
      reason: 'suppressed',
      detail: [...new Set(suppressed.map((row) => row.kind))].join(', '),
    }
  }
  return null
}
