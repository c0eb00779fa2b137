import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { yearsBefore } from '../../domain/privacy.js'
import { smtpMailer } from '../../outreach/index.js'
import { getOutboxMessage, insertOrders, type Store } from '../../store/index.js'
import { actorOf, caseDialects, describeWorld } from '../cases/__fixtures__/case-world.js'
import { addContacts, testSendingConfig } from '../outreach/__fixtures__/outreach-world.js'
import { type SmtpSink, startSmtpSink } from '../outreach/__fixtures__/smtp-sink.js'
import { queueEmail } from '../outreach/queue-email.js'
import { sendOutboxMessage } from '../outreach/send-outbox.js'

// TESTPLAN T22 (part): no sends to contacts without a lawful basis, or past the CASL/retention
// window — checked in the claim itself, with the clock injected rather than faked
const targets = await caseDialects()
let sink: SmtpSink
beforeAll(async () => {
  sink = await startSmtpSink()
})
afterAll(async () => {
  await sink.close()
})

const TEMPLATE = 'professional-email-what-changed'
const DAY = 24 * 60 * 60 * 1000
const today = () => new Date().toISOString().slice(0, 10)
const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - DAY).toISOString().slice(0, 10)
const inYears = (years: number) => new Date(Date.now() + years * 365.25 * DAY)

async function sendAt(store: Store, id: number, now: Date) {
  const mailer = smtpMailer(sink.url, null)
  try {
    return await sendOutboxMessage(store, {
      id,
      config: testSendingConfig(sink.url),
      mailer,
      now: () => now,
    })
  } finally {
    mailer.close()
  }
}

function sunkTo(address: string): number {
  return sink.messages.filter((message) => message.rcptTo.includes(address)).length
}

describeWorld('the lawful basis at the claim', targets, (current) => {
  async function queued(basis: {
    lawfulBasis: string
    basisOn: string
    consent?: 0 | 1
  }): Promise<{ id: number; email: string; contactId: number; customerId: string }> {
    const { store, world } = current()
    const email = `basis-${randomBytes(4).toString('hex')}@lawful.test`
    const { contactIds, customerId } = await addContacts(store, {
      ownerId: Number(world.repOld.id),
      contacts: [{ name: 'Basil', email, lawfulBasis: basis.lawfulBasis }],
    })
    const contactId = contactIds[0] ?? 0
    await store.db
      .updateTable('contacts')
      .set({ basis_on: basis.basisOn, consent: basis.consent ?? 0 })
      .where('id', '=', contactId)
      .execute()
    const who = await actorOf(store, world.admin)
    const { id } = await queueEmail(store, who, { contactId, templateKey: TEMPLATE })
    return { id, email, contactId, customerId }
  }

  it('fails, never sends, a message whose implied consent lapsed by the time it is claimed', async () => {
    const { store } = current()
    const message = await queued({ lawfulBasis: 'legitimate_interest', basisOn: today() })
    expect(await sendAt(store, message.id, inYears(2.2))).toBe('failed')
    const row = await getOutboxMessage(store, message.id)
    expect(row?.status).toBe('failed')
    expect(row?.error).toMatch(/^past_implied_consent: .*CASL/)
    expect(row?.claimed_at).toBeNull()
    expect(sunkTo(message.email)).toBe(0)
  })

  it('sends the same kind of message while the window holds, and a recent order extends it', async () => {
    const { store } = current()
    const fresh = await queued({ lawfulBasis: 'legitimate_interest', basisOn: today() })
    expect(await sendAt(store, fresh.id, inYears(1.5))).toBe('sent')
    expect(sunkTo(fresh.email)).toBe(1)
    const ordered = await queued({ lawfulBasis: 'legitimate_interest', basisOn: today() })
    // the basis date alone would have lapsed: only the order keeps the relationship current
    await store.db
      .updateTable('contacts')
      .set({ basis_on: '2019-01-01' })
      .where('id', '=', ordered.contactId)
      .execute()
    const later = new Date(Date.now() + 2.5 * 365.25 * DAY)
    // a purchase a year from now is within two years of the send 2.5 years from now (s. 10(10)(a))
    await insertOrders(store, [
      {
        order_key: `k:${ordered.customerId}:later`,
        customer_id: ordered.customerId,
        ordered_on: yearsBefore(later.toISOString().slice(0, 10), 1),
        amount_minor: 1000,
        currency: 'USD',
        status: 'placed',
      },
    ])
    expect(await sendAt(store, ordered.id, later)).toBe('sent')
  })

  it('keeps express consent past two years, but not past retention', async () => {
    const { store } = current()
    const consented = await queued({ lawfulBasis: 'consent', basisOn: today(), consent: 1 })
    expect(await sendAt(store, consented.id, inYears(2.5))).toBe('sent')
    const old = await queued({ lawfulBasis: 'consent', basisOn: today(), consent: 1 })
    expect(await sendAt(store, old.id, inYears(3.2))).toBe('failed')
    expect((await getOutboxMessage(store, old.id))?.error).toMatch(/^past_retention: /)
    expect(sunkTo(old.email)).toBe(0)
  })

  it('fails a message whose basis or consent was withdrawn after it was queued', async () => {
    const { store } = current()
    const noBasis = await queued({ lawfulBasis: 'legitimate_interest', basisOn: today() })
    await store.db
      .updateTable('contacts')
      .set({ lawful_basis: null })
      .where('id', '=', noBasis.contactId)
      .execute()
    expect(await sendAt(store, noBasis.id, new Date())).toBe('failed')
    expect((await getOutboxMessage(store, noBasis.id))?.error).toMatch(/^no_lawful_basis: /)
    const withdrawn = await queued({ lawfulBasis: 'consent', basisOn: today(), consent: 1 })
    await store.db
      .updateTable('contacts')
      .set({ consent: 0 })
      .where('id', '=', withdrawn.contactId)
      .execute()
    expect(await sendAt(store, withdrawn.id, new Date())).toBe('failed')
    expect((await getOutboxMessage(store, withdrawn.id))?.error).toMatch(/^no_consent: /)
    expect(sunkTo(noBasis.email) + sunkTo(withdrawn.email)).toBe(0)
  })

  it('refuses to queue for a contact already past the window', async () => {
    const { store, world } = current()
    const email = `stale-${randomBytes(4).toString('hex')}@lawful.test`
    const { contactIds } = await addContacts(store, {
      ownerId: Number(world.repOld.id),
      contacts: [{ name: 'Stale', email }],
    })
    await store.db
      .updateTable('contacts')
      .set({ basis_on: dayBefore(yearsBefore(today(), 2)) })
      .where('id', '=', contactIds[0] ?? 0)
      .execute()
    const who = await actorOf(store, world.admin)
    await expect(
      queueEmail(store, who, { contactId: contactIds[0] ?? 0, templateKey: TEMPLATE }),
    ).rejects.toThrow(/implied consent has lapsed/)
  })
})
