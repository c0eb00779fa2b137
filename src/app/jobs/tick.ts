import { dueScheduledCampaignIds, nextQueuedIds, type Store } from '../../store/index.js'
import { enqueueJob } from './enqueue-job.js'

/** What a tick enqueued (keys of jobs it made; a key already there is not counted). */
export interface TickOutcome {
  readonly enqueued: string[]
}

/**
 * Enqueues the periodic jobs that are due at `now`, each under a time-bucket key so ticking as
 * often as one likes makes each job once per bucket: the shadow cadence, resting cases and the
 * retention purge once a day (`shadow.cadence:2026-11-23`), each scheduled campaign whose day has come once for ever
 * (`campaign.launch:7`), and — when email is configured and messages wait — an outbox run once a
 * minute (`outbox.send:2026-11-23T10:15`).
 * @example await tick(store, { now: new Date(), sendingConfigured: true })
 */
export async function tick(
  store: Store,
  options: { readonly now: Date; readonly sendingConfigured: boolean },
): Promise<TickOutcome> {
  const stamp = options.now.toISOString()
  const today = stamp.slice(0, 10)
  const wanted: {
    kind: Parameters<typeof enqueueJob>[1]['kind']
    key: string
    payload?: Record<string, unknown>
  }[] = [
    { kind: 'shadow.cadence', key: `shadow.cadence:${today}` },
    { kind: 'cases.resume', key: `cases.resume:${today}` },
    { kind: 'privacy.purge', key: `privacy.purge:${today}` },
    ...(await dueScheduledCampaignIds(store, today)).map((campaignId) => ({
      kind: 'campaign.launch' as const,
      key: `campaign.launch:${campaignId}`,
      payload: { campaignId },
    })),
  ]
  if (options.sendingConfigured && (await nextQueuedIds(store, 1)).length > 0) {
    wanted.push({ kind: 'outbox.send', key: `outbox.send:${stamp.slice(0, 16)}` })
  }
  const enqueued: string[] = []
  for (const job of wanted) {
    const made = await enqueueJob(store, { ...job, now: options.now })
    if (made.created) {
      enqueued.push(job.key)
    }
  }
  return { enqueued }
}
