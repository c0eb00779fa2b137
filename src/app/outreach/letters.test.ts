import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { ComebackError, NotFoundError } from '../../domain/errors.js'
import {
  insertCampaign,
  insertCampaignMembers,
  insertContacts,
  insertSuppression,
  listCampaignLetters,
  listTouches,
  type Store,
  setCampaignStatus,
} from '../../store/index.js'
import { pdfInfo, pdfText } from '../../test-support/poppler.js'
import { campaignResults } from '../campaigns/campaign-results.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
} from '../cases/__fixtures__/case-world.js'
import { campaignLetters, customerLetters } from './letter-batches.js'
import { letterForCustomer } from './letters.js'

const targets = await caseDialects()
const TEMPLATE = 'professional-letter-peace-offering'

/** A customer of rep Old with one decision maker named `name` at a postal address. */
async function customerWith(
  store: Store,
  world: CaseWorld,
  contact: { name: string; postalAddress?: string | null; email?: string },
): Promise<{ customerId: string; contactId: number }> {
  const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
  const key = `${customerId}-${randomBytes(3).toString('hex')}`
  await insertContacts(store, [
    {
      contact_key: key,
      customer_id: customerId,
      name: contact.name,
      email: contact.email ?? `${key.toLowerCase()}@customer.test`,
      postal_address:
        contact.postalAddress === undefined
          ? '12 Elm St, Springfield, IL 62704'
          : contact.postalAddress,
      role: 'decision_maker',
      has_left: 0,
      lawful_basis: 'legitimate_interest',
      consent: 0,
    },
  ])
  const row = await store.db
    .selectFrom('contacts')
    .select('id')
    .where('contact_key', '=', key)
    .executeTakeFirstOrThrow()
  return { customerId, contactId: Number(row.id) }
}

describeWorld('letters', targets, (current) => {
  it('prints a Greek name, the merge fields and the address on A4 and Letter, and records a touch', async () => {
    const { store, world } = current()
    const { customerId, contactId } = await customerWith(store, world, {
      name: 'Σωκράτης Παπαδόπουλος',
    })
    const rep = await actorOf(store, world.repOld)
    for (const [size, pageSize] of [
      ['A4', '(A4)'],
      ['LETTER', '(letter)'],
    ] as const) {
      const letter = await letterForCustomer(store, rep, {
        customerId,
        templateKey: TEMPLATE,
        size,
        reason: 'late deliveries',
        whatWasFixed: 'a second warehouse',
      })
      expect(letter.contactId).toBe(contactId)
      expect(pdfInfo(letter.pdf)['Page size']).toContain(pageSize)
      const text = pdfText(letter.pdf).replace(/\s+/g, ' ')
      expect(text).toContain('Dear Σωκράτης Παπαδόπουλος,')
      expect(text).toContain(`Customer ${customerId}`)
      expect(text).toContain('12 Elm St Springfield, IL 62704')
      expect(text).toContain('late deliveries')
      expect(text).toContain('a second warehouse')
      expect(text).toContain('rep-old')
    }
    const touches = await listTouches(store, customerId)
    expect(touches.map((touch) => [touch.channel, touch.contact_id])).toEqual([
      ['letter', contactId],
      ['letter', contactId],
    ])
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('object_type', '=', 'letter')
      .where('actor', '=', `user:${world.repOld.id}`)
      .execute()
    expect(audit.map((entry) => entry.action)).toEqual(['produce', 'produce'])
  })

  it('prints merge values literally: a name that looks like a field or holds CR/LF stays text (T15)', async () => {
    const { store, world } = current()
    const { customerId } = await customerWith(store, world, {
      name: "{{owner}}\r\nBcc: x@evil {{constructor.constructor('1')()}}",
    })
    const rep = await actorOf(store, world.repOld)
    const letter = await letterForCustomer(store, rep, {
      customerId,
      templateKey: TEMPLATE,
      size: 'A4',
    })
    const text = pdfText(letter.pdf).replace(/\s+/g, ' ')
    expect(text).toContain("Dear {{owner}} Bcc: x@evil {{constructor.constructor('1')()}},")
  })

  it('refuses a suppressed contact, a missing address and a name the font cannot print, saying why', async () => {
    const { store, world } = current()
    const rep = await actorOf(store, world.repOld)
    const suppressed = await customerWith(store, world, { name: 'Пётр Чайковский' })
    await insertSuppression(store, {
      emailNormalised: null,
      contactId: suppressed.contactId,
      kind: 'do_not_contact',
      source: 'test',
      createdBy: 'test',
    })
    await expect(
      letterForCustomer(store, rep, {
        customerId: suppressed.customerId,
        templateKey: TEMPLATE,
        size: 'A4',
      }),
    ).rejects.toThrow(/suppressed \(do_not_contact\)/)
    const homeless = await customerWith(store, world, { name: 'Ann', postalAddress: null })
    await expect(
      letterForCustomer(store, rep, {
        customerId: homeless.customerId,
        templateKey: TEMPLATE,
        size: 'A4',
      }),
    ).rejects.toThrow(/no contact with a postal address/)
    const cjk = await customerWith(store, world, { name: '王小明' })
    const refusal = letterForCustomer(store, rep, {
      customerId: cjk.customerId,
      templateKey: TEMPLATE,
      size: 'A4',
    })
    await expect(refusal).rejects.toThrow(ComebackError)
    await expect(refusal).rejects.toThrow(/王 \(U\+738B\)/)
    for (const id of [suppressed.customerId, homeless.customerId, cjk.customerId]) {
      expect(await listTouches(store, id)).toEqual([])
    }
  })

  it('answers a rep asking for another rep’s customer as not found, and refuses an email template', async () => {
    const { store, world } = current()
    const { customerId } = await customerWith(store, world, { name: 'Ann' })
    const south = await actorOf(store, world.repSouth)
    await expect(
      letterForCustomer(store, south, { customerId, templateKey: TEMPLATE, size: 'A4' }),
    ).rejects.toThrow(NotFoundError)
    const rep = await actorOf(store, world.repOld)
    await expect(
      letterForCustomer(store, rep, {
        customerId,
        templateKey: 'professional-email-what-changed',
        size: 'A4',
      }),
    ).rejects.toThrow(/^template: .* letters print a letter or card_note template$/)
  })

  it('merges a batch into one PDF, a page per letter, skipping suppressed and address-less customers', async () => {
    const { store, world } = current()
    const greek = await customerWith(store, world, { name: 'Σωκράτης Παπαδόπουλος' })
    const russian = await customerWith(store, world, { name: 'Пётр Чайковский' })
    const gone = await customerWith(store, world, {
      name: 'Gone Person',
      email: 'gone@customer.test',
    })
    await insertSuppression(store, {
      emailNormalised: 'gone@customer.test',
      contactId: null,
      kind: 'unsubscribed',
      source: 'test',
      createdBy: 'test',
    })
    const homeless = await customerWith(store, world, { name: 'No Address', postalAddress: ' ' })
    const manager = await actorOf(store, world.managerNorth)
    const batch = await customerLetters(
      store,
      manager,
      [greek.customerId, gone.customerId, russian.customerId, homeless.customerId],
      { templateKey: 'fun-card-lost-and-still-fond', size: 'LETTER' },
    )
    expect(batch.letters).toBe(2)
    expect(batch.skipped).toEqual([
      {
        customerId: gone.customerId,
        contactId: gone.contactId,
        reason: 'suppressed',
        detail: 'unsubscribed',
      },
      {
        customerId: homeless.customerId,
        contactId: null,
        reason: 'no_postal_address',
        detail: null,
      },
    ])
    const pdf = batch.pdf ?? Buffer.alloc(0)
    expect(pdfInfo(pdf)['Pages']).toBe('2')
    const text = pdfText(pdf)
    expect(text.indexOf('Σωκράτης Παπαδόπουλος')).toBeLessThan(text.indexOf('Пётр Чайковский'))
    expect(text).not.toContain('Gone Person')
  })

  it('prints a campaign’s treated members only and records each letter against its member', async () => {
    const { store, world } = current()
    const treated = await customerWith(store, world, { name: 'Treated Person' })
    const held = await customerWith(store, world, { name: 'Holdout Person' })
    const campaign = await insertCampaign(store, {
      name: 'Appreciation day',
      template_key: 'fun-email-appreciation-day',
      segment_json: '{}',
      holdout_share: 0.5,
      scheduled_on: null,
      status: 'running',
      excluded_json: '{}',
      created_by: Number(world.analyst.id),
    })
    await insertCampaignMembers(store, [
      {
        campaign_id: campaign.id,
        subject_kind: 'customer',
        subject_id: treated.customerId,
        customer_id: treated.customerId,
        arm: 'treated',
      },
      {
        campaign_id: campaign.id,
        subject_kind: 'customer',
        subject_id: held.customerId,
        customer_id: held.customerId,
        arm: 'holdout',
      },
    ])
    const analyst = await actorOf(store, world.analyst)
    await setCampaignStatus(store, Number(campaign.id), 'running')
    await expect(
      campaignLetters(store, analyst, Number(campaign.id), { size: 'A4' }),
    ).rejects.toThrow(/is for email; letters print a letter/)
    const batch = await campaignLetters(store, analyst, Number(campaign.id), {
      size: 'A4',
      templateKey: TEMPLATE,
    })
    expect(batch.letters).toBe(1)
    expect(pdfText(batch.pdf ?? Buffer.alloc(0))).toContain('Treated Person')
    const logged = await listCampaignLetters(store, Number(campaign.id))
    expect(logged.map((row) => row.customer_id)).toEqual([treated.customerId])
    const touches = await listTouches(store, treated.customerId)
    expect(touches.map((touch) => [touch.channel, touch.kind])).toEqual([
      ['letter', 'campaign_letter'],
    ])
    expect(await listTouches(store, held.customerId)).toEqual([])
    // the letter counts as the treated arm's touch in the campaign's results (issue 6 item 7)
    const results = await campaignResults(store, analyst, Number(campaign.id))
    expect([results.treated.touches, results.holdout.touches]).toEqual([1, 0])
    const rep = await actorOf(store, world.repOld)
    await expect(
      campaignLetters(store, rep, Number(campaign.id), { size: 'A4', templateKey: TEMPLATE }),
    ).rejects.toThrow(NotFoundError)
  })
})
