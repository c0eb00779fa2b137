import { randomBytes } from 'node:crypto'
import { insertContacts, insertCustomers, type Store } from '../../../store/index.js'
import type { SendingConfig } from '../outreach-config.js'

/** A sending configuration for tests, on the given SMTP URL. */
export function testSendingConfig(smtpUrl: string): SendingConfig {
  return {
    smtpUrl,
    publicUrl: 'https://comeback.test',
    fromAddress: 'winback@sender.test',
    fromName: 'Comeback Team',
    postalAddress: '1 Harbour Street, Springfield 12345',
    unsubscribeSecret: 'test-secret-test-secret-test-secret-0123',
    unsubscribeMailto: 'mailto:unsubscribe@sender.test?subject=unsubscribe',
    dkim: null,
  }
}

/** A customer owned by `ownerId` with one contact per given name/address; returns contact ids. */
export async function addContacts(
  store: Store,
  options: {
    ownerId: number
    /** a fixed id, for a test whose outcome hangs on it (a campaign's hashed holdout); else random */
    customerId?: string
    customerName?: string
    contacts: readonly { name: string; email: string; lawfulBasis?: string | null }[]
  },
): Promise<{ customerId: string; contactIds: number[] }> {
  const customerId = options.customerId ?? `C-${randomBytes(4).toString('hex')}`
  await insertCustomers(store, [
    { id: customerId, name: options.customerName ?? `Customer ${customerId}`, segment: 'Mid' },
  ])
  await store.db
    .updateTable('customers')
    .set({ owner_id: options.ownerId })
    .where('id', '=', customerId)
    .execute()
  await insertContacts(
    store,
    options.contacts.map((contact, index) => ({
      contact_key: `${customerId}-${index}`,
      customer_id: customerId,
      name: contact.name,
      email: contact.email,
      role: 'decision_maker',
      has_left: 0,
      lawful_basis: contact.lawfulBasis === undefined ? 'legitimate_interest' : contact.lawfulBasis,
      consent: 0,
    })),
  )
  const rows = await store.db
    .selectFrom('contacts')
    .select('id')
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute()
  return { customerId, contactIds: rows.map((row) => Number(row.id)) }
}
