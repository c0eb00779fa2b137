import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { yearsBefore } from '../../domain/privacy.js'
import {
  findSuppressions,
  insertContacts,
  listCampaignMembers,
  type Store,
} from '../../store/index.js'
import { createCampaign } from '../campaigns/create-campaign.js'
import { launchCampaign } from '../campaigns/launch-campaign.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
} from '../cases/__fixtures__/case-world.js'
import { purgeExpiredContacts } from './purge-expired.js'

// TESTPLAN T24: with the clock advanced (an injected clock), contacts past the retention window
// can't be selected for campaigns; the purge anonymises them; a re-run is a no-op
const targets = await caseDialects()
const YEAR = 365.25 * 24 * 60 * 60 * 1000
const today = () => new Date().toISOString().slice(0, 10)

async function lostWithContact(
  store: Store,
  world: CaseWorld,
  input: { segment: string; basisOn: string; name: string },
): Promise<{ customerId: string; contactId: number; email: string }> {
  const customerId = await addCustomer(store, world, {
    segment: input.segment,
    ownerId: Number(world.repOld.id),
  })
  const email = `${input.name.toLowerCase()}-${randomBytes(3).toString('hex')}@retention.test`
  await insertContacts(store, [
    {
      contact_key: `${customerId}-dm`,
      customer_id: customerId,
      name: input.name,
      email,
      phone: '+1 555 0100 200',
      role: 'decision_maker',
      has_left: 0,
      lawful_basis: 'legitimate_interest',
      basis_on: input.basisOn,
      consent: 0,
    },
  ])
  const row = await store.db
    .selectFrom('contacts')
    .select('id')
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow()
  return { customerId, contactId: Number(row.id), email }
}

describeWorld('the retention purge', targets, (current) => {
  it('T24: past retention is left out of campaigns, purged once, and a re-run does nothing', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    const segment = `ret-${randomBytes(3).toString('hex')}`
    const later = new Date(Date.now() + 4 * YEAR)
    // last evidenced today: four years on it is a year past the 3-year window
    const old = await lostWithContact(store, world, { segment, basisOn: today(), name: 'Olga' })
    // basis renewed a year before the advanced clock: still within it
    const renewed = await lostWithContact(store, world, {
      segment,
      basisOn: yearsBefore(later.toISOString().slice(0, 10), 1),
      name: 'Rene',
    })
    const input = {
      name: 'Retention',
      templateKey: 'fun-email-appreciation-day',
      segment: { segment },
    }

    const now = await createCampaign(store, admin, input)
    expect(now.members).toBe(2)
    const advanced = await createCampaign(store, admin, input, { now: () => later })
    expect(advanced.members).toBe(1)
    expect(advanced.campaign.excluded).toEqual({ letGo: 0, pastRetention: 1 })

    const dry = await purgeExpiredContacts(store, { now: later, dryRun: true })
    expect(dry.purged).toBeGreaterThanOrEqual(1)
    const untouched = await store.db
      .selectFrom('contacts')
      .select('email')
      .where('id', '=', old.contactId)
      .executeTakeFirstOrThrow()
    expect(untouched.email).toBe(old.email)

    const first = await purgeExpiredContacts(store, { now: later })
    expect(first.purged).toBe(dry.purged)
    expect(first.retainedBefore).toBe(yearsBefore(later.toISOString().slice(0, 10), 3))
    const purged = await store.db
      .selectFrom('contacts')
      .selectAll()
      .where('id', 'in', [old.contactId, renewed.contactId])
      .orderBy('id')
      .execute()
    expect(purged.map((row) => [row.name, row.email, row.phone])).toEqual([
      [null, null, null],
      ['Rene', renewed.email, '+1 555 0100 200'],
    ])
    expect(purged[0]?.contact_key).toBe(`erased:${old.contactId}`)
    const kinds = await findSuppressions(store, { emailNormalised: null, contactId: old.contactId })
    expect(kinds.map((row) => row.kind)).toEqual(['erased'])
    // the purged one can't come back through a campaign either
    const after = await createCampaign(store, admin, input, { now: () => later })
    expect(after.members).toBe(1)

    const again = await purgeExpiredContacts(store, { now: later })
    expect(again.purged).toBe(0)
    const audit = await store.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'purge')
      .execute()
    expect(audit.length).toBeGreaterThanOrEqual(1)
  })
})

// a world of its own: the lost list summed for the purge above would not show new customers
describeWorld('a launch and the CASL window', targets, (current) => {
  it('T22: a launch skips a member whose implied consent lapsed, and counts why', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    const segment = `casl-${randomBytes(3).toString('hex')}`
    const day = (years: number) => new Date(Date.now() - years * YEAR).toISOString().slice(0, 10)
    // 2.5 years old: within retention, past CASL's two years
    await lostWithContact(store, world, { segment, basisOn: day(2.5), name: 'Lapsed' })
    await lostWithContact(store, world, { segment, basisOn: day(0.5), name: 'Current' })
    const made = await createCampaign(store, admin, {
      name: 'CASL',
      templateKey: 'fun-email-appreciation-day',
      segment: { segment },
      holdoutShare: 0,
    })
    expect(made.members).toBe(2)
    const launched = await launchCampaign(store, admin, made.campaign.id)
    expect(launched).toMatchObject({ queued: 1, unlawful: 1, unreachable: 0 })
    const skipped = (await listCampaignMembers(store, made.campaign.id)).map((row) => row.skipped)
    expect(skipped.sort()).toEqual(['no_lawful_basis', null].sort())
  })
})
