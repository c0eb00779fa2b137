import {
  appendAudit,
  type ContactPii,
  erasedCustomerIds,
  insertErasure,
  knownFingerprints,
  readContactPii,
  readPrivacyKey,
  type Store,
  setErasureCounts,
  sweepValues,
} from '../../store/index.js'
import { contactFingerprints, sweepTargetOf } from './fingerprints.js'
import { forgetContacts } from './forget-contacts.js'

const ACTOR = 'job:erasure-guard'

/**
 * After a customers or contacts import: people erased before and brought back by a file (the
 * company's own export, re-imported) are recognised by their keyed hashes, or by their erased
 * customer's id, and forgotten again at once — values emptied, suppressed `erased` by id, so
 * outreach to them is blocked (TESTPLAN T23). Erased customers' names are emptied again.
 * Returns how many contacts it forgot.
 */
export async function forgetReimportedPeople(
  store: Store,
  now: Date = new Date(),
): Promise<number> {
  const erasedCustomers = await erasedCustomerIds(store)
  const key = await readPrivacyKey(store)
  const candidates = (await readContactPii(store, {})).filter(
    (contact) =>
      contact.name !== null ||
      contact.email !== null ||
      contact.phone !== null ||
      contact.postalAddress !== null,
  )
  const known = await knownFingerprints(
    store,
    candidates.flatMap((contact) => contactFingerprints(key, contact).map((p) => p.fingerprint)),
  )
  const erasedSet = new Set(erasedCustomers)
  const returning = candidates.filter(
    (contact: ContactPii) =>
      erasedSet.has(contact.customerId) ||
      contactFingerprints(key, contact).some((print) => known.has(print.fingerprint)),
  )
  const renamed = await store.db
    .updateTable('customers')
    .set({ name: null })
    .where('id', 'in', [...erasedCustomers, ''])
    .where('name', 'is not', null)
    .executeTakeFirst()
  if (returning.length === 0) {
    return 0
  }
  const at = now.toISOString()
  await store.db.transaction().execute(async (trx) => {
    const erasureId = await insertErasure(trx, {
      // several customers' contacts may come back at once: the log names none of them
      customerId: '(re-import)',
      scope: 'contacts',
      at,
      actor: ACTOR,
      counts: {},
    })
    const counts = await forgetContacts(trx, returning, { key, erasureId, at, actor: ACTOR })
    // the file's rejected rows and anything else it wrote keep the values in their text
    const swept = await sweepValues(trx, sweepTargetOf(returning))
    await setErasureCounts(trx, erasureId, {
      ...counts,
      swept_cells: swept,
      customers: Number(renamed.numUpdatedRows),
    })
    await appendAudit(trx, {
      actor: ACTOR,
      via: 'job',
      action: 'erase_reimported',
      objectType: 'contact',
      objectId: null,
      fields: ['name', 'email', 'phone', 'postal_address', 'contact_key'],
    })
  })
  return returning.length
}
