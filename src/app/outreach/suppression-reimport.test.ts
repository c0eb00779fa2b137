import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { insertCustomers } from '../../store/index.js'
import { actorOf, caseDialects, describeWorld } from '../cases/__fixtures__/case-world.js'
import { importFile } from '../import-file.js'
import { queueEmail } from './queue-email.js'
import { addSuppression } from './suppress.js'

// issue 6 part 5, TESTPLAN T21–T23: a later re-import never makes a suppressed person contactable
const targets = await caseDialects()
const dir = mkdtempSync(join(tmpdir(), 'comeback-reimport-'))

function contactsFile(name: string, rows: readonly string[]): string {
  const path = join(dir, `${name}-${randomBytes(3).toString('hex')}.csv`)
  writeFileSync(
    path,
    ['contact_id,customer_id,name,email,lawful_basis,consent', ...rows].join('\n'),
  )
  return path
}

describeWorld('suppression survives re-import', targets, (current) => {
  it('re-importing the contact, or a new contact at the same address, stays suppressed', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const customerId = `C-${randomBytes(4).toString('hex')}`
    await insertCustomers(store, [{ id: customerId, name: 'Re-import Ltd', segment: 'Mid' }])
    await store.db
      .updateTable('customers')
      .set({ owner_id: Number(world.repOld.id) })
      .where('id', '=', customerId)
      .execute()
    const email = `again-${randomBytes(3).toString('hex')}@reimport.test`
    const first = contactsFile('first', [`K1-${customerId},${customerId},Pat,${email},consent,yes`])
    await importFile(store, { kind: 'contacts', path: first, actor: 'test' })
    const contact = await store.db
      .selectFrom('visible_contacts')
      .select('id')
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow()
    await addSuppression(store, who, {
      email,
      contactId: Number(contact.id),
      kind: 'do_not_contact',
    })
    await importFile(store, { kind: 'contacts', path: first, actor: 'test' })
    const changed = contactsFile('changed', [
      `K1-${customerId},${customerId},Pat,${email},consent,yes`,
      `K2-${customerId},${customerId},Pat Again,${email.toUpperCase()},legitimate_interest,yes`,
    ])
    await importFile(store, { kind: 'contacts', path: changed, actor: 'test' })
    const contacts = await store.db
      .selectFrom('visible_contacts')
      .select('id')
      .where('customer_id', '=', customerId)
      .execute()
    expect(contacts).toHaveLength(2)
    for (const row of contacts) {
      await expect(
        queueEmail(store, who, {
          contactId: Number(row.id),
          templateKey: 'professional-email-what-changed',
        }),
      ).rejects.toThrow(/suppressed/)
    }
  })
})
