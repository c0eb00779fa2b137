import { randomBytes } from 'node:crypto'
import { beforeAll, expect, it } from 'vitest'
import {
  insertCampaignMembers,
  insertContacts,
  insertCustomers,
  listCampaignMembers,
  type Store,
} from '../../store/index.js'
import {
  actorOf,
  type CaseWorld,
  caseDialects,
  describeWorld,
} from '../cases/__fixtures__/case-world.js'
import { listOutboxAs } from '../outreach/outbox-list.js'
import { addSuppression, listSuppressionsAs } from '../outreach/suppress.js'
import { listCampaignMembersAs, recordMemberOutcome } from './campaign-members.js'
import { campaignResults } from './campaign-results.js'
import { createCampaign } from './create-campaign.js'
import { launchCampaign } from './launch-campaign.js'

const targets = await caseDialects()
const TEMPLATE = 'fun-email-appreciation-day'

/** A campaign over nobody, then `treated` + `holdout` customers put in by hand, each with a decision maker. */
async function campaignWith(
  store: Store,
  world: CaseWorld,
  arms: { treated: number; holdout: number },
): Promise<{ id: number; customers: string[] }> {
  const who = await actorOf(store, world.admin)
  const made = await createCampaign(store, who, {
    name: 'Hand made',
    templateKey: TEMPLATE,
    segment: { segment: 'no-such-segment', kind: 'customer' },
  })
  const tag = randomBytes(3).toString('hex')
  const customers = Array.from({ length: arms.treated + arms.holdout }, (_, i) => `M${tag}-${i}`)
  await insertCustomers(
    store,
    customers.map((id) => ({ id, name: `Customer ${id}`, owner_id: world.repOld.id })),
  )
  await insertContacts(
    store,
    customers.map((id) => ({
      contact_key: `${id}-dm`,
      customer_id: id,
      name: `Boss of ${id}`,
      email: `boss-${id.toLowerCase()}@member.test`,
      role: 'decision_maker',
      has_left: 0,
      lawful_basis: 'legitimate_interest',
      consent: 0,
    })),
  )
  await insertCampaignMembers(
    store,
    customers.map((id, index) => ({
      campaign_id: made.campaign.id,
      subject_kind: 'customer',
      subject_id: id,
      customer_id: id,
      arm: index < arms.treated ? 'treated' : 'holdout',
    })),
  )
  return { id: made.campaign.id, customers }
}

describeWorld('campaign members and outcomes', targets, (current) => {
  let campaign: { id: number; customers: string[] } = { id: 0, customers: [] }
  beforeAll(async () => {
    const { store, world } = current()
    campaign = await campaignWith(store, world, { treated: 4, holdout: 2 })
  })

  it('lists members by arm; only the treated get a message, and the outbox filters by campaign', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const before = await listCampaignMembersAs(store, who, campaign.id)
    expect(before.map((member) => member.arm)).toEqual([
      'treated',
      'treated',
      'treated',
      'treated',
      'holdout',
      'holdout',
    ])
    expect(before[0]?.customerName).toBe(`Customer ${campaign.customers[0]}`)
    expect(before.every((member) => member.messageStatus === null)).toBe(true)
    const launched = await launchCampaign(store, who, campaign.id)
    expect(launched.queued).toBe(4)
    const after = await listCampaignMembersAs(store, who, campaign.id)
    expect(after.filter((m) => m.messageStatus === 'queued').map((m) => m.arm)).toEqual(
      Array(4).fill('treated'),
    )
    const outbox = await listOutboxAs(store, who, { campaignId: campaign.id, limit: 50, offset: 0 })
    expect(outbox.messages.map((message) => message.customerId).sort()).toEqual(
      campaign.customers.slice(0, 4).sort(),
    )
    const stored = await listCampaignMembers(store, campaign.id)
    expect(outbox.messages.map((message) => message.id).sort()).toEqual(
      stored
        .filter((row) => row.arm === 'treated')
        .map((row) => Number(row.outbox_message_id))
        .sort(),
    )
  })

  it('records a reply and a meeting as touches its arm counts, per member and in the results', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const members = await listCampaignMembersAs(store, who, campaign.id)
    const treated = members.find((m) => m.arm === 'treated')
    const holdout = members.find((m) => m.arm === 'holdout')
    await recordMemberOutcome(store, who, {
      campaignId: campaign.id,
      memberId: treated?.id ?? 0,
      kind: 'reply',
    })
    await recordMemberOutcome(store, who, {
      campaignId: campaign.id,
      memberId: holdout?.id ?? 0,
      kind: 'meeting',
      note: 'met at the fair',
    })
    const after = await listCampaignMembersAs(store, who, campaign.id)
    expect(after.find((m) => m.id === treated?.id)).toMatchObject({ replies: 1, meetings: 0 })
    expect(after.find((m) => m.id === holdout?.id)).toMatchObject({ replies: 0, meetings: 1 })
    const results = await campaignResults(store, who, campaign.id)
    expect(results.treated.responses).toBe(1)
    expect(results.holdout.responses).toBe(1)
    const audit = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'touch')
      .where('object_id', 'like', `campaign:${campaign.id}:%`)
      .execute()
    expect(audit).toHaveLength(2)
    expect(JSON.stringify(audit)).not.toContain('met at the fair')
  })

  it('refuses a member of another campaign, a rep, and a manager outside the team', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    const other = await campaignWith(store, world, { treated: 1, holdout: 0 })
    const [stranger] = await listCampaignMembers(store, other.id)
    await expect(
      recordMemberOutcome(store, admin, {
        campaignId: campaign.id,
        memberId: Number(stranger?.id),
        kind: 'reply',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    for (const person of [world.repOld, world.managerSouth]) {
      const who = await actorOf(store, person)
      await expect(listCampaignMembersAs(store, who, campaign.id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
    }
    await expect(
      recordMemberOutcome(store, admin, {
        campaignId: campaign.id,
        memberId: Number(stranger?.id),
        kind: 'gift' as 'reply',
      }),
    ).rejects.toThrow('kind must be reply or meeting')
  })

  it('keeps a suppression’s reason and finds it by part of its address, wildcards as text', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const tag = randomBytes(3).toString('hex')
    await addSuppression(store, who, {
      email: `a_b-${tag}@search.test`,
      kind: 'do_not_contact',
      source: 'asked on the phone',
    })
    await addSuppression(store, who, { email: `axb-${tag}@search.test`, kind: 'do_not_contact' })
    const found = await listSuppressionsAs(store, who, {
      limit: 50,
      offset: 0,
      search: `A_B-${tag}`,
    })
    expect(found.map((row) => [row.email, row.source])).toEqual([
      [`a_b-${tag}@search.test`, 'asked on the phone'],
    ])
    const both = await listSuppressionsAs(store, who, { limit: 50, offset: 0, search: tag })
    expect(both).toHaveLength(2)
  })
})
