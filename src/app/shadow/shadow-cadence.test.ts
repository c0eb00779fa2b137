import { expect, it } from 'vitest'
import { addDays } from '../../domain/case-dates.js'
import { insertCase, insertContacts, insertSuppression, type Store } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  addLostDeal,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from '../cases/__fixtures__/case-world.js'
import { workerActor } from '../jobs/job-kinds.js'
import { addShadowContentAs } from './content-library.js'
import { runShadowCadence } from './run-cadence.js'
import { shadowPortfolioAs } from './shadow-portfolio.js'

const targets = await caseDialects()

/** A decision maker with an address and a lawful basis at `customerId`; returns the contact id. */
async function decisionMaker(store: Store, customerId: string): Promise<number> {
  await insertContacts(store, [
    {
      contact_key: `${customerId}-dm`,
      customer_id: customerId,
      name: `Dana ${customerId}`,
      email: `dana.${customerId.toLowerCase()}@shadow.test`,
      role: 'decision_maker',
      has_left: 0,
      lawful_basis: 'legitimate_interest',
      consent: 0,
    },
  ])
  const row = await store.db
    .selectFrom('contacts')
    .select('id')
    .where('contact_key', '=', `${customerId}-dm`)
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** A touch 60 days before TODAY, so every subject's next touch (42–56 days on) is due. */
async function touchedLongAgo(store: Store, customerId: string): Promise<void> {
  await store.db
    .insertInto('touches')
    .values({
      customer_id: customerId,
      contact_id: null,
      channel: 'call',
      kind: 'call',
      at: `${addDays(TODAY, -60)}T09:00:00.000Z`,
      outbox_message_id: null,
      actor: 'test',
      note: null,
    })
    .execute()
}

async function caseOn(
  store: Store,
  world: CaseWorld,
  customerId: string,
  fields: { stage: string; restUntil?: string; endedOn?: string },
): Promise<void> {
  await insertCase(store, {
    subject_kind: 'customer',
    subject_key: `customer:${customerId}`,
    customer_id: customerId,
    attempt: 1,
    stage: fields.stage,
    resume_stage: fields.restUntil === undefined ? null : 'approached',
    rest_until: fields.restUntil ?? null,
    owner_id: Number(world.managerNorth.id),
    opened_on: addDays(TODAY, -90),
    ended_on: fields.endedOn ?? null,
    lost_value_minor: 0,
    source: 'app',
  })
}

interface Cast {
  warm: string
  suppressed: string
  letGo: string
  open: string
  resting: string
  noContact: string
  prospect: string
  radarDeal: number
  choiceOn: string
}

/** One lost customer or deal per rule, each touched 60 days ago so all would be due. */
async function seedCast(store: Store, world: CaseWorld): Promise<Cast> {
  const ownerId = Number(world.repOld.id)
  const lost = () => addCustomer(store, world, { ownerId, segment: 'Enterprise' })
  const cast = {
    warm: await lost(),
    suppressed: await lost(),
    letGo: await lost(),
    open: await lost(),
    resting: await lost(),
    noContact: await lost(),
    // an account that never bought: only its failed sale is lost
    prospect: await addCustomer(store, world, { ownerId, status: 'active' }),
  }
  for (const id of [cast.warm, cast.suppressed, cast.letGo, cast.open, cast.resting]) {
    await decisionMaker(store, id)
  }
  for (const id of Object.values(cast)) {
    await touchedLongAgo(store, id)
  }
  const suppressedContact = await store.db
    .selectFrom('contacts')
    .select('id')
    .where('customer_id', '=', cast.suppressed)
    .executeTakeFirstOrThrow()
  await insertSuppression(store, {
    emailNormalised: null,
    contactId: Number(suppressedContact.id),
    kind: 'do_not_contact',
    source: 'test',
    createdBy: 'test',
  })
  await caseOn(store, world, cast.letGo, { stage: 'let_go', endedOn: addDays(TODAY, -10) })
  await caseOn(store, world, cast.open, { stage: 'approached' })
  await caseOn(store, world, cast.resting, { stage: 'resting', restUntil: addDays(TODAY, 30) })
  const choiceOn = addDays(TODAY, 30)
  const radarDeal = await addLostDeal(store, {
    customerId: cast.prospect,
    lostReason: 'price',
    closedOn: addDays(TODAY, -200),
    ownerId,
  })
  await store.db
    .updateTable('deals')
    .set({ next_choice_on: choiceOn })
    .where('id', '=', radarDeal)
    .execute()
  return { ...cast, radarDeal, choiceOn }
}

async function countsOf(store: Store, customerId: string) {
  const outbox = await store.db
    .selectFrom('outbox_messages')
    .select(['id', 'idempotency_key', 'subject'])
    .where('customer_id', '=', customerId)
    .execute()
  const tasks = await store.db
    .selectFrom('tasks')
    .select(['kind', 'title', 'owner_id'])
    .where('customer_id', '=', customerId)
    .execute()
  const touches = await store.db
    .selectFrom('touches')
    .select(['channel', 'kind', 'outbox_message_id'])
    .where('customer_id', '=', customerId)
    .where('actor', '=', 'worker')
    .execute()
  return { outbox, tasks, touches }
}

describeWorld('the shadow portfolio cadence', targets, (current) => {
  let cast: Cast
  it('keeps out open, resting, let-go and suppressed subjects, and shows each rep only their own', async () => {
    const { store, world } = current()
    cast = await seedCast(store, world)
    await addShadowContentAs(store, await actorOf(store, world.analyst), {
      title: 'How a firm like yours cut downtime',
      url: 'https://content.test/case-study',
      valueKind: 'case_study',
      segment: 'Enterprise',
    })
    const view = await shadowPortfolioAs(store, await actorOf(store, world.vp), { today: TODAY })
    const keys = view.members.map((member) => member.subjectKey)
    expect(keys).toEqual(
      expect.arrayContaining([
        `customer:${cast.warm}`,
        `customer:${cast.noContact}`,
        `deal:${cast.radarDeal}`,
      ]),
    )
    for (const out of [cast.suppressed, cast.letGo, cast.open, cast.resting, cast.prospect]) {
      expect(keys).not.toContain(`customer:${out}`)
    }
    expect(view.excluded).toMatchObject({ open_case: 1, resting: 1, let_go: 1, suppressed: 1 })
    const warm = view.members.find((member) => member.subjectKey === `customer:${cast.warm}`)
    expect(warm?.nextValueKind).toBe('case_study')
    expect(warm?.lastTouchOn).toBe(addDays(TODAY, -60))
    expect(warm?.due).toBe(true)
    const deal = view.members.find((member) => member.subjectKey === `deal:${cast.radarDeal}`)
    expect(deal?.onRadar).toBe(true)
    const south = await shadowPortfolioAs(store, await actorOf(store, world.repSouth), {
      today: TODAY,
    })
    expect(south.members).toEqual([])
  })

  it('touches the due members once: an email with its value kind, a call task where no one has email', async () => {
    const { store } = current()
    const outcome = await runShadowCadence(store, workerActor('cli'), { today: TODAY })
    expect(outcome).toMatchObject({ emailed: 1, tasks: 2, radar: 1, already: 0, noOwner: 0 })
    const warm = await countsOf(store, cast.warm)
    expect(warm.outbox).toHaveLength(1)
    expect(warm.outbox[0]?.idempotency_key).toMatch(new RegExp(`^shadow:customer:${cast.warm}:`))
    expect(warm.touches).toEqual([
      { channel: 'email', kind: 'case_study', outbox_message_id: warm.outbox[0]?.id },
    ])
    const quiet = await countsOf(store, cast.noContact)
    expect(quiet.outbox).toHaveLength(0)
    expect(quiet.tasks.map((task) => task.kind)).toEqual(['shadow_check_in'])
    expect(quiet.touches.map((touch) => touch.channel)).toEqual(['call'])
    for (const out of [cast.suppressed, cast.letGo, cast.open, cast.resting]) {
      const none = await countsOf(store, out)
      expect([none.outbox.length, none.tasks.length, none.touches.length]).toEqual([0, 0, 0])
    }
  })

  it('brings a lost deal back on the radar before its supplier choice, once per choice date', async () => {
    const { store } = current()
    const prospect = await countsOf(store, cast.prospect)
    const radarTasks = prospect.tasks.filter((task) => task.kind === 'supplier_choice')
    expect(radarTasks.map((task) => task.title)).toEqual([
      expect.stringContaining(`they choose a supplier on ${cast.choiceOn}`),
    ])
    expect(prospect.touches).toHaveLength(1)
    // the day after, and a month on: no second radar task or touch for the same date
    await runShadowCadence(store, workerActor('cli'), { today: addDays(TODAY, 1) })
    await runShadowCadence(store, workerActor('cli'), { today: addDays(TODAY, 25) })
    const later = await countsOf(store, cast.prospect)
    expect(later.tasks.filter((task) => task.kind === 'supplier_choice')).toHaveLength(1)
  })

  it('running the cadence again the same day changes nothing', async () => {
    const { store } = current()
    const before = await Promise.all([cast.warm, cast.noContact].map((id) => countsOf(store, id)))
    const again = await runShadowCadence(store, workerActor('cli'), { today: TODAY })
    expect(again).toMatchObject({ emailed: 0, tasks: 0, radar: 0 })
    const after = await Promise.all([cast.warm, cast.noContact].map((id) => countsOf(store, id)))
    expect(after).toEqual(before)
  })

  it('the next touch comes one cadence after the last, with the next value kind', async () => {
    const { store, world } = current()
    const view = await shadowPortfolioAs(store, await actorOf(store, world.vp), { today: TODAY })
    const warm = view.members.find((member) => member.subjectKey === `customer:${cast.warm}`)
    expect(warm?.lastTouchOn).toBe(TODAY)
    const gap = (Date.parse(warm?.nextTouchOn ?? '') - Date.parse(TODAY)) / 86_400_000
    expect(gap).toBeGreaterThanOrEqual(42)
    expect(gap).toBeLessThanOrEqual(56)
    // no article in the library: the rotation moves on to a check-in
    expect(warm?.nextValueKind).toBe('check_in')
    expect(warm?.due).toBe(false)
  })
})
