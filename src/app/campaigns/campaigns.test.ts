import { randomBytes } from 'node:crypto'
import { beforeAll, expect, it } from 'vitest'
import {
  insertContacts,
  insertCustomers,
  insertOrders,
  insertTouch,
  listCampaignMembers,
  type Store,
} from '../../store/index.js'
import {
  actorOf,
  type CaseWorld,
  caseDialects,
  describeWorld,
} from '../cases/__fixtures__/case-world.js'
import { campaignResults } from './campaign-results.js'
import { armOf, createCampaign } from './create-campaign.js'
import { launchCampaign } from './launch-campaign.js'

const targets = await caseDialects()
const TEMPLATE = 'fun-email-appreciation-day'
const today = () => new Date().toISOString().slice(0, 10)

/** `count` lost customers of `ownerId` in `segment`; those with a contact get a decision maker. */
async function addLost(
  store: Store,
  world: CaseWorld,
  input: { segment: string; count: number; withContact: (index: number) => boolean },
): Promise<string[]> {
  const ids = Array.from({ length: input.count }, (_, index) => `${input.segment}-${index}`)
  await insertCustomers(
    store,
    ids.map((id) => ({
      id,
      name: `Customer ${id}`,
      segment: input.segment,
      owner_id: world.repOld.id,
    })),
  )
  for (let start = 0; start < ids.length; start += 200) {
    await store.db
      .insertInto('customer_scores')
      .values(ids.slice(start, start + 200).map((id) => lostScore(world.runId, id)))
      .execute()
  }
  await insertContacts(
    store,
    ids
      .filter((_, index) => input.withContact(index))
      .map((id) => ({
        contact_key: `${id}-dm`,
        customer_id: id,
        name: `Boss of ${id}`,
        email: `boss-${id.toLowerCase()}@customer.test`,
        role: 'decision_maker',
        has_left: 0,
        lawful_basis: 'legitimate_interest',
        consent: 0,
      })),
  )
  return ids
}

function lostScore(runId: number, customerId: string) {
  return {
    run_id: runId,
    customer_id: customerId,
    status: 'lost' as const,
    status_rule: 'test',
    lost_since: '2024-01-15',
    p_alive: null,
    expected_orders: null,
    expected_next_order: null,
    overdue_days: null,
    first_order_on: null,
    last_order_on: null,
    purchase_days: 1,
    historical_value_minor: 0,
    value_if_won_back_minor: 0,
    clv_minor: null,
    win_back_probability: 0.3,
    expected_value_minor: 0,
    explanation: 'test',
  }
}

async function endCase(store: Store, world: CaseWorld, customerId: string, stage: string) {
  const at = new Date().toISOString()
  await store.db
    .insertInto('cases')
    .values({
      subject_kind: 'customer',
      subject_key: `customer:${customerId}:${randomBytes(3).toString('hex')}`,
      customer_id: customerId,
      attempt: 1,
      stage,
      owner_id: world.repOld.id,
      opened_on: '2024-02-01',
      ended_on: today(),
      lost_value_minor: 0,
      source: 'app',
      created_at: at,
      updated_at: at,
    })
    .execute()
}

describeWorld('campaigns', targets, (current) => {
  let small: string[] = []
  beforeAll(async () => {
    const { store, world } = current()
    // everything is written before the first read, so the lost list's summary sees all of it
    await addLost(store, world, { segment: 'Big', count: 1_000, withContact: () => false })
    // every fifth customer of the small segment has nobody to write to
    small = await addLost(store, world, {
      segment: 'Small',
      count: 60,
      withContact: (i) => i % 5 !== 0,
    })
    await endCase(store, world, small[1] ?? '', 'let_go')
  })

  it('holds out about 10 % of 1,000 members, the same way every time', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const made = await createCampaign(store, who, {
      name: 'Big day',
      templateKey: TEMPLATE,
      segment: { segment: 'Big', kind: 'customer' },
    })
    expect(made.members).toBe(1_000)
    // binomial sd at n = 1,000, p = 0.1 is 9.5: ±40 is over four sd
    expect(Math.abs(made.holdout - 100)).toBeLessThan(40)
    const stored = await listCampaignMembers(store, made.campaign.id)
    expect(stored.filter((row) => row.arm === 'holdout').length).toBe(made.holdout)
    for (const row of stored) {
      expect(row.arm).toBe(armOf(made.campaign.id, { kind: 'customer', id: row.subject_id }, 0.1))
    }
  })

  it('queues once per treated member with a contact, nothing for the holdout, once only', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const made = await createCampaign(store, who, {
      name: 'Lost customer appreciation day',
      templateKey: TEMPLATE,
      segment: { segment: 'Small', kind: 'customer' },
      holdoutShare: 0.3,
    })
    expect(made.members).toBe(59)
    expect(made.campaign.excluded).toEqual({ letGo: 1 })
    const first = await launchCampaign(store, who, made.campaign.id)
    const rows = await listCampaignMembers(store, made.campaign.id)
    const holdoutCustomers = rows
      .filter((row) => row.arm === 'holdout')
      .map((row) => row.customer_id)
    expect(holdoutCustomers.length).toBe(made.holdout)
    const toHoldout = await store.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('customer_id', 'in', holdoutCustomers)
      .execute()
    expect(toHoldout).toEqual([])
    const treated = rows.filter((row) => row.arm === 'treated')
    const reachable = treated.filter((row) => Number(row.customer_id.split('-')[1]) % 5 !== 0)
    expect(first.queued).toBe(reachable.length)
    expect(first.noContact).toBe(treated.length - reachable.length)
    const before = await countOutbox(store)
    const second = await launchCampaign(store, who, made.campaign.id)
    expect(second.queued).toBe(0)
    expect(second.alreadyDone).toBe(treated.length)
    expect(await countOutbox(store)).toBe(before)

    // a win-back and an order in each arm after launch
    const treatedOne = treated[0]?.customer_id ?? ''
    await endCase(store, world, treatedOne, 'won_back')
    await endCase(store, world, holdoutCustomers[0] ?? '', 'won_back')
    await insertOrders(store, [
      {
        order_key: `k:${treatedOne}:x`,
        customer_id: treatedOne,
        ordered_on: today(),
        amount_minor: 12_345,
        currency: 'USD',
        status: 'placed',
      },
    ])
    // a reply and a meeting on the treated customer's timeline, an email touch that is neither
    for (const [channel, kind] of [
      ['email', 'reply'],
      ['meeting', 'meeting'],
      ['email', 'win_back_email'],
    ] as const) {
      await insertTouch(store, {
        customer_id: treatedOne,
        contact_id: null,
        channel,
        kind,
        at: new Date().toISOString(),
        outbox_message_id: null,
        actor: 'test',
        note: null,
      })
    }
    // one message went out (as `outbox send` would mark it)
    const sentId = (await listCampaignMembers(store, made.campaign.id)).find(
      (row) => row.outbox_message_id !== null,
    )?.outbox_message_id
    await store.db
      .updateTable('outbox_messages')
      .set({ status: 'sent' })
      .where('id', '=', Number(sentId))
      .execute()
    const results = await campaignResults(store, who, made.campaign.id)
    expect(results.treated.responses).toBe(2)
    expect(results.holdout.responses).toBe(0)
    expect(results.treated.sent).toBe(1)
    expect(results.holdout.sent).toBe(0)
    expect(results.treated.members).toBe(treated.length)
    expect(results.treated.winBacks).toBe(1)
    expect(results.holdout.winBacks).toBe(1)
    expect(results.treated.revenueMinor).toBe(12_345)
    expect(results.holdout.revenueMinor).toBe(0)
    const lift = results.lift
    expect(lift?.estimate).toBeCloseTo(1 / treated.length - 1 / made.holdout, 10)
    expect(lift?.lower ?? 1).toBeLessThan(lift?.estimate ?? 0)
  })

  it("lets an analyst's launch reach every account (the campaign row of the policy, not the case row)", async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.analyst)
    const made = await createCampaign(store, who, {
      name: 'Analyst appreciation day',
      templateKey: TEMPLATE,
      segment: { segment: 'Small', kind: 'customer' },
      holdoutShare: 0.3,
    })
    const launched = await launchCampaign(store, who, made.campaign.id)
    const treated = (await listCampaignMembers(store, made.campaign.id)).filter(
      (row) => row.arm === 'treated',
    )
    const reachable = treated.filter((row) => Number(row.customer_id.split('-')[1]) % 5 !== 0)
    expect(reachable.length).toBeGreaterThan(0)
    expect(launched.queued).toBe(reachable.length)
    expect(launched.unreachable).toBe(0)
  })

  it('refuses a rep, who may not make campaigns', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.repOld)
    await expect(
      createCampaign(store, who, { name: 'Mine', templateKey: TEMPLATE, segment: {} }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

async function countOutbox(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('outbox_messages')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
