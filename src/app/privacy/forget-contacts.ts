import type { Kysely } from 'kysely'
import { normaliseEmail } from '../../domain/suppression.js'
import {
  anonymiseContacts,
  type ContactPii,
  type Database,
  forgetCampaignContacts,
  insertFingerprints,
  insertSuppression,
  rekeySuppressions,
} from '../../store/index.js'
import { contactFingerprints, fingerprintOf } from './fingerprints.js'

/** The erasure a forgetting belongs to, and who did it. */
export interface ForgetContext {
  readonly key: Buffer
  readonly erasureId: number
  readonly at: string
  readonly actor: string
}

/**
 * Forgets contacts inside the caller's transaction: their identifying values are kept only as
 * keyed hashes (so a re-import is recognised), suppressions of their addresses keep the hash
 * instead of the address, their personal values are emptied, and each stays suppressed
 * (`erased`) by its id, so nothing reaches them even if a file brings them back.
 */
export async function forgetContacts(
  trx: Kysely<Database>,
  contacts: readonly ContactPii[],
  context: ForgetContext,
): Promise<Record<string, number>> {
  await insertFingerprints(
    trx,
    contacts.flatMap((contact) =>
      contactFingerprints(context.key, contact).map((print) => ({
        ...print,
        erasureId: context.erasureId,
        at: context.at,
      })),
    ),
  )
  const byEmail = new Map<string, string>()
  for (const contact of contacts) {
    if (contact.email !== null && contact.email.trim() !== '') {
      const email = normaliseEmail(contact.email)
      byEmail.set(email, fingerprintOf(context.key, 'email', email))
    }
  }
  const suppressions = await rekeySuppressions(trx, byEmail)
  const ids = contacts.map((contact) => contact.id)
  const counts = await anonymiseContacts(trx, ids, context.at)
  for (const id of ids) {
    await insertSuppression(trx, {
      emailNormalised: null,
      contactId: id,
      kind: 'erased',
      source: `erasure ${context.erasureId}`,
      createdBy: context.actor,
    })
  }
  await forgetCampaignContacts(trx, ids)
  return { ...counts, suppressions }
}
