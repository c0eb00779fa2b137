import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { claimJob, getJob, listJobs, type Store } from '../../store/index.js'
import { caseDialects, describeWorld } from '../cases/__fixtures__/case-world.js'
import { addContacts, testSendingConfig } from '../outreach/__fixtures__/outreach-world.js'
import { startSmtpSink } from '../outreach/__fixtures__/smtp-sink.js'
import { queueEmail } from '../outreach/queue-email.js'
import { enqueueJob } from './enqueue-job.js'
import { JOB_HANDLERS } from './handlers.js'
import { type JobHandler, type JobHandlers, workerActor } from './job-kinds.js'
import { backoffMs, runDueJobs } from './run-jobs.js'

const targets = await caseDialects()

/** The shipped handlers with `cases.resume` replaced by one that counts its runs by tag. */
function countingHandlers(runs: Map<string, number>, body?: JobHandler): JobHandlers {
  return {
    ...JOB_HANDLERS,
    'cases.resume': async (context) => {
      const tag = String(context.payload['tag'])
      runs.set(tag, (runs.get(tag) ?? 0) + 1)
      // yield, so the other claimers run while this one holds the job
      await new Promise((resolve) => setTimeout(resolve, 20))
      return body?.(context) ?? { tag }
    },
  }
}

const tagged = () => `t-${randomBytes(4).toString('hex')}`

async function jobByKey(store: Store, key: string) {
  const rows = await listJobs(store, { kind: 'cases.resume', limit: 1000 })
  return rows.find((row) => row.idempotency_key === key)
}

describeWorld('stored jobs', targets, (current) => {
  it('enqueuing the same key twice stores one job', async () => {
    const { store } = current()
    const key = `cases.resume:${tagged()}`
    const first = await enqueueJob(store, { kind: 'cases.resume', key, payload: { tag: 'x' } })
    const second = await enqueueJob(store, { kind: 'cases.resume', key, payload: { tag: 'y' } })
    expect(first.created).toBe(true)
    expect(second).toEqual({ id: first.id, created: false })
    expect(JSON.parse((await getJob(store, first.id))?.payload_json ?? '')).toEqual({ tag: 'x' })
    await expect(enqueueJob(store, { kind: 'nope' as 'cases.resume', key: 'k' })).rejects.toThrow(
      /^kind: /,
    )
  })

  it('20 workers racing for one job run it once, and it ends done', async () => {
    const { store } = current()
    const runs = new Map<string, number>()
    const tag = tagged()
    const { id } = await enqueueJob(store, { kind: 'cases.resume', key: tag, payload: { tag } })
    const handlers = countingHandlers(runs)
    const passes = await Promise.all(
      Array.from({ length: 20 }, (_, n) => runDueJobs(store, { handlers, workerId: `w${n}` })),
    )
    expect(runs.get(tag)).toBe(1)
    // the job ran in exactly one of the 20 passes (others may also have run earlier tests' jobs)
    expect(passes.filter((pass) => pass.done > 0).length).toBeGreaterThanOrEqual(1)
    const job = await getJob(store, id)
    expect(job?.status).toBe('done')
    expect(Number(job?.attempts)).toBe(1)
    expect(JSON.parse(job?.result_json ?? 'null')).toEqual({ tag })
  })

  it('20 concurrent claims of one due job: exactly one wins', async () => {
    const { store } = current()
    const tag = tagged()
    const { id } = await enqueueJob(store, { kind: 'cases.resume', key: tag, payload: { tag } })
    const now = new Date().toISOString()
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        claimJob(store, {
          id,
          now,
          leaseUntil: new Date(Date.now() + 60_000).toISOString(),
          claimedBy: `claimer-${n}`,
        }),
      ),
    )
    const winners = claims.filter((claim) => claim !== undefined)
    expect(winners).toHaveLength(1)
    expect((await getJob(store, id))?.claimed_by).toBe(winners[0]?.claimed_by)
    // leave it done for the other tests' passes
    await runDueJobs(store, {
      handlers: countingHandlers(new Map()),
      now: () => new Date(Date.now() + 11 * 60_000),
    })
  })

  it('a failing job is retried with a growing wait, then failed for good after its attempts', async () => {
    const { store } = current()
    const tag = tagged()
    const runs = new Map<string, number>()
    const handlers = countingHandlers(runs, () => {
      throw new Error('smtp is down')
    })
    const key = `cases.resume:${tag}`
    await enqueueJob(store, { kind: 'cases.resume', key, payload: { tag }, maxAttempts: 3 })
    let clock = Date.now()
    const now = () => new Date(clock)
    const first = await runDueJobs(store, { handlers, now })
    expect(first.retried).toBe(1)
    const afterOne = await jobByKey(store, key)
    expect(afterOne?.status).toBe('queued')
    expect(afterOne?.last_error).toBe('smtp is down')
    expect(Date.parse(afterOne?.run_after ?? '') - clock).toBe(backoffMs(1))
    // not due yet: nothing runs
    await runDueJobs(store, { handlers, now })
    expect(runs.get(tag)).toBe(1)
    clock += backoffMs(1)
    await runDueJobs(store, { handlers, now })
    clock += backoffMs(2)
    const last = await runDueJobs(store, { handlers, now })
    expect(runs.get(tag)).toBe(3)
    expect(last.failed).toBe(1)
    expect((await jobByKey(store, key))?.status).toBe('failed')
    clock += 24 * 3600_000
    await runDueJobs(store, { handlers, now })
    expect(runs.get(tag)).toBe(3)
  })

  it('a job whose worker died is claimed again once its lease runs out, and the dead claim cannot end it', async () => {
    const { store } = current()
    const tag = tagged()
    const runs = new Map<string, number>()
    const { id } = await enqueueJob(store, { kind: 'cases.resume', key: tag, payload: { tag } })
    const start = Date.now()
    const dead = await claimJob(store, {
      id,
      now: new Date(start).toISOString(),
      leaseUntil: new Date(start + 60_000).toISOString(),
      claimedBy: 'dead-worker',
    })
    expect(dead).toBeDefined()
    const handlers = countingHandlers(runs)
    // within the lease: another worker leaves it alone
    await runDueJobs(store, { handlers, now: () => new Date(start + 30_000) })
    expect(runs.get(tag)).toBeUndefined()
    const pass = await runDueJobs(store, { handlers, now: () => new Date(start + 61_000) })
    expect(pass.done).toBe(1)
    expect(runs.get(tag)).toBe(1)
    const job = await getJob(store, id)
    expect(job?.status).toBe('done')
    expect(Number(job?.attempts)).toBe(2)
  })

  it('a crashed outbox.send job is rerun and sends nothing twice', async () => {
    const { store, world } = current()
    const sink = await startSmtpSink()
    try {
      const sending = testSendingConfig(sink.url)
      const who = workerActor('cli')
      const { contactIds } = await addContacts(store, {
        ownerId: Number(world.repOld.id),
        contacts: [
          { name: 'Ann Sent', email: `ann-${tagged()}@crash.test` },
          { name: 'Bo Midway', email: `bo-${tagged()}@crash.test` },
          { name: 'Cy Waiting', email: `cy-${tagged()}@crash.test` },
        ],
      })
      const ids: number[] = []
      for (const contactId of contactIds) {
        const queued = await queueEmail(store, who, {
          contactId,
          templateKey: 'fun-email-appreciation-day',
        })
        ids.push(queued.id)
      }
      const [sentId, midwayId, waitingId] = ids as [number, number, number]
      const crashAt = Date.now()
      // the crashed run: it sent Ann (recorded), had claimed Bo when it died, never reached Cy
      await store.db
        .updateTable('outbox_messages')
        .set({ status: 'sent', finished_at: new Date(crashAt).toISOString() })
        .where('id', '=', sentId)
        .execute()
      await store.db
        .updateTable('outbox_messages')
        .set({ status: 'sending', claimed_at: new Date(crashAt).toISOString() })
        .where('id', '=', midwayId)
        .execute()
      const { id: jobId } = await enqueueJob(store, {
        kind: 'outbox.send',
        key: `outbox.send:${tagged()}`,
        now: new Date(crashAt),
      })
      await claimJob(store, {
        id: jobId,
        now: new Date(crashAt).toISOString(),
        leaseUntil: new Date(crashAt + 10 * 60_000).toISOString(),
        claimedBy: 'crashed',
      })
      const later = () => new Date(crashAt + 11 * 60_000)
      const pass = await runDueJobs(store, { handlers: JOB_HANDLERS, sending, now: later })
      expect(pass.done).toBeGreaterThanOrEqual(1)
      const status = async (id: number) =>
        (
          await store.db
            .selectFrom('outbox_messages')
            .select('status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).status
      expect(await status(sentId)).toBe('sent')
      expect(await status(midwayId)).toBe('unknown')
      expect(await status(waitingId)).toBe('sent')
      const mine = sink.messages.filter((message) =>
        message.rcptTo.some((to) => to.endsWith('@crash.test')),
      )
      expect(mine.map((message) => message.rcptTo[0]?.split('-')[0])).toEqual(['cy'])
      expect((await getJob(store, jobId))?.status).toBe('done')
      // running it yet again sends nothing more
      await enqueueJob(store, { kind: 'outbox.send', key: `outbox.send:${tagged()}` })
      await runDueJobs(store, { handlers: JOB_HANDLERS, sending, now: later })
      expect(
        sink.messages.filter((m) => m.rcptTo.some((to) => to.endsWith('@crash.test'))),
      ).toHaveLength(1)
    } finally {
      await sink.close()
    }
  })
})
