import { expect, it } from 'vitest'
import { addDays } from '../../domain/case-dates.js'
import {
  getCampaign,
  insertCampaign,
  insertCampaignMembers,
  listJobs,
  type Store,
} from '../../store/index.js'
import { caseDialects, describeWorld } from '../cases/__fixtures__/case-world.js'
import { addContacts } from '../outreach/__fixtures__/outreach-world.js'
import { JOB_HANDLERS } from './handlers.js'
import { runDueJobs } from './run-jobs.js'
import { tick } from './tick.js'

const targets = await caseDialects()

/** A campaign scheduled for `on` with one treated member whose decision maker has an address. */
async function scheduledCampaign(store: Store, ownerId: number, on: string): Promise<number> {
  const { customerId } = await addContacts(store, {
    ownerId,
    contacts: [{ name: 'Ray Scheduled', email: `ray.${on}@launch.test` }],
  })
  const campaign = await insertCampaign(store, {
    name: `Appreciation day ${on}`,
    template_key: 'fun-email-appreciation-day',
    segment_json: '{}',
    holdout_share: 0,
    scheduled_on: on,
    status: 'scheduled',
    excluded_json: '{}',
    created_by: null,
  })
  await insertCampaignMembers(store, [
    {
      campaign_id: Number(campaign.id),
      subject_kind: 'customer',
      subject_id: customerId,
      customer_id: customerId,
      arm: 'treated',
    },
  ])
  return Number(campaign.id)
}

const queuedFor = async (store: Store, campaignId: number) =>
  store.db
    .selectFrom('outbox_messages')
    .select('id')
    .where('idempotency_key', 'like', `campaign:${campaignId}:member:%`)
    .execute()

describeWorld('scheduled campaign launches', targets, (current) => {
  it('launches a campaign whose day has come exactly once, however often the worker ticks', async () => {
    const { store, world } = current()
    const today = new Date().toISOString().slice(0, 10)
    const due = await scheduledCampaign(store, Number(world.repOld.id), today)
    const later = await scheduledCampaign(store, Number(world.repOld.id), addDays(today, 3))
    const now = () => new Date()
    for (let pass = 0; pass < 2; pass += 1) {
      await tick(store, { now: now(), sendingConfigured: false })
      await tick(store, { now: now(), sendingConfigured: false })
      await runDueJobs(store, { handlers: JOB_HANDLERS, now })
    }
    const launches = await listJobs(store, { kind: 'campaign.launch', limit: 100 })
    expect(launches.map((job) => [job.idempotency_key, job.status])).toEqual([
      [`campaign.launch:${due}`, 'done'],
    ])
    expect(await queuedFor(store, due)).toHaveLength(1)
    expect((await getCampaign(store, due))?.status).toBe('running')
    // not its day yet: left scheduled, nothing queued
    expect(await queuedFor(store, later)).toHaveLength(0)
    expect((await getCampaign(store, later))?.status).toBe('scheduled')
    // the daily jobs were made once for the day, too
    const daily = await listJobs(store, { kind: 'shadow.cadence', limit: 100 })
    expect(daily.map((job) => job.idempotency_key)).toEqual([`shadow.cadence:${today}`])
    // the retention purge ran once for the day, and left its count as the job's result
    const purges = await listJobs(store, { kind: 'privacy.purge', limit: 100 })
    expect(purges.map((job) => [job.idempotency_key, job.status])).toEqual([
      [`privacy.purge:${today}`, 'done'],
    ])
    expect(JSON.parse(purges[0]?.result_json ?? 'null')).toHaveProperty('purged')
  })
})
