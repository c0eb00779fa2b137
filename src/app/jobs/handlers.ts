import { launchCampaign } from '../campaigns/launch-campaign.js'
import { resumeRestedCases } from '../cases/resume-rested-cases.js'
import { sendOutbox } from '../outreach/send-outbox.js'
import { purgeExpiredContacts } from '../privacy/purge-expired.js'
import { runShadowCadence } from '../shadow/run-cadence.js'
import { type JobHandlers, WORKER_LABEL } from './job-kinds.js'

/**
 * The handler of each job kind, and why running it again is harmless:
 * - `outbox.send`: each message is claimed by a conditional UPDATE that also checks suppression; a
 *   message a crashed run left `sending` turns `unknown` and is never sent again (TESTPLAN T8).
 * - `campaign.launch`: launching passes over members already handled, and each member's message
 *   has the member as its idempotency key.
 * - `shadow.cadence`: each touch is keyed by subject and due day; the key makes its message, task
 *   and record once (see `runShadowCadence`).
 * - `cases.resume`: only resting cases whose date has come change, by a versioned update.
 * - `privacy.purge`: a contact already anonymised is past nothing any more: a re-run purges 0
 *   (TESTPLAN T24).
 */
export const JOB_HANDLERS: JobHandlers = {
  'outbox.send': async ({ store, sending, now }) =>
    sending === null ? { skipped: 'email is not configured' } : sendOutbox(store, sending, { now }),
  'campaign.launch': async ({ store, who, payload }) => {
    const campaignId = Number(payload['campaignId'])
    if (!Number.isSafeInteger(campaignId)) {
      throw new Error('campaign.launch needs a campaignId')
    }
    return launchCampaign(store, who, campaignId)
  },
  'shadow.cadence': async ({ store, who, today, now }) =>
    runShadowCadence(store, who, { today, now }),
  'cases.resume': async ({ store, who, today }) => ({
    resumed: await resumeRestedCases(store, who, { today }),
  }),
  'privacy.purge': async ({ store, now }) =>
    purgeExpiredContacts(store, { now: now(), actor: WORKER_LABEL, via: 'job' }),
}
