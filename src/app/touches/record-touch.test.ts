import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { insertContacts, listCampaignMembers } from '../../store/index.js'
import { campaignResults } from '../campaigns/campaign-results.js'
import { createCampaign } from '../campaigns/create-campaign.js'
import { launchCampaign } from '../campaigns/launch-campaign.js'
import {
  actorOf,
  addCustomer,
  caseDialects,
  describeWorld,
} from '../cases/__fixtures__/case-world.js'
import { addContacts } from '../outreach/__fixtures__/outreach-world.js'
import { addSuppression } from '../outreach/suppress.js'
import { listTouchesAs, recordTouch } from './record-touch.js'

// issue 6 item 7: every touch lands on the customer's timeline and counts in the campaign's results
const targets = await caseDialects()

describeWorld('recorded touches', targets, (current) => {
  it('a rep records touches on their own account; others may not; the timeline shows them', async () => {
    const { store, world } = current()
    const rep = await actorOf(store, world.repOld)
    const { customerId, contactIds } = await addContacts(store, {
      ownerId: Number(world.repOld.id),
      contacts: [{ name: 'Tia', email: `tia-${randomBytes(3).toString('hex')}@touch.test` }],
    })
    const call = await recordTouch(store, rep, customerId, {
      channel: 'call',
      note: 'left a voicemail',
      contactId: contactIds[0] ?? 0,
    })
    expect(call).toMatchObject({ channel: 'call', kind: 'call', note: 'left a voicemail' })
    const gift = await recordTouch(store, rep, customerId, { channel: 'gift', kind: 'hamper' })
    const timeline = await listTouchesAs(store, rep, customerId)
    expect(timeline.map((touch) => touch.id)).toEqual([gift.id, call.id])
    const south = await actorOf(store, world.repSouth)
    await expect(recordTouch(store, south, customerId, { channel: 'call' })).rejects.toThrow(
      /no customer/,
    )
    const analyst = await actorOf(store, world.analyst)
    await expect(recordTouch(store, analyst, customerId, { channel: 'call' })).rejects.toThrow(
      /no customer/,
    )
    await expect(recordTouch(store, rep, customerId, { channel: 'fax' })).rejects.toThrow(
      /^channel must be one of/,
    )
    await expect(
      recordTouch(store, rep, customerId, { channel: 'call', kind: 'Drop Table' }),
    ).rejects.toThrow(/^kind must be/)
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['fields_json'])
      .where('object_type', '=', 'touch')
      .where('object_id', '=', String(call.id))
      .executeTakeFirstOrThrow()
    expect(audit.fields_json).not.toContain('voicemail')
  })

  it('refuses an outbound touch to a suppressed contact, but records their reply', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    const { customerId, contactIds } = await addContacts(store, {
      ownerId: Number(world.repOld.id),
      contacts: [{ name: 'Sam', email: `sam-${randomBytes(3).toString('hex')}@touch.test` }],
    })
    const contactId = contactIds[0] ?? 0
    await addSuppression(store, admin, { contactId, kind: 'do_not_contact' })
    await expect(
      recordTouch(store, admin, customerId, { channel: 'call', contactId }),
    ).rejects.toThrow(/suppressed \(do_not_contact\)/)
    const reply = await recordTouch(store, admin, customerId, {
      channel: 'email',
      kind: 'reply',
      contactId,
    })
    expect(reply.kind).toBe('reply')
  })

  it("counts calls, meetings and gifts to a campaign's members in its arm's results", async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    const segment = `touch-${randomBytes(3).toString('hex')}`
    const customerId = await addCustomer(store, world, {
      segment,
      ownerId: Number(world.repOld.id),
    })
    await insertContacts(store, [
      {
        contact_key: `${customerId}-dm`,
        customer_id: customerId,
        name: 'Dana',
        email: `dana-${randomBytes(3).toString('hex')}@touch.test`,
        role: 'decision_maker',
        has_left: 0,
        lawful_basis: 'legitimate_interest',
        consent: 0,
      },
    ])
    const made = await createCampaign(store, admin, {
      name: 'Touches count',
      templateKey: 'fun-email-appreciation-day',
      segment: { segment },
      holdoutShare: 0,
    })
    const id = made.campaign.id
    await launchCampaign(store, admin, id)
    const [member] = await listCampaignMembers(store, id)
    const memberId = Number(member?.id)
    const before = await campaignResults(store, admin, id)
    expect([before.treated.touches, before.treated.meetings]).toEqual([0, 0])
    await recordTouch(store, admin, customerId, { channel: 'call', campaignMemberId: memberId })
    await recordTouch(store, admin, customerId, { channel: 'meeting', campaignMemberId: memberId })
    await recordTouch(store, admin, customerId, { channel: 'gift' })
    const after = await campaignResults(store, admin, id)
    expect(after.treated).toMatchObject({ touches: 3, meetings: 1, responses: 1 })
    expect(after.holdout.touches).toBe(0)
    const other = await addCustomer(store, world, {
      segment: 'elsewhere',
      ownerId: Number(world.repOld.id),
    })
    await expect(
      recordTouch(store, admin, other, { channel: 'call', campaignMemberId: memberId }),
    ).rejects.toThrow(/^campaignMemberId \d+ is not a member for/)
  })
})
