import { randomBytes } from 'node:crypto'
import {
  claimableJobIds,
  claimJob,
  endJob,
  failExhaustedJobs,
  type JobRow,
  type Store,
} from '../../store/index.js'
import type { SendingConfig } from '../outreach/outreach-config.js'
import { isJobKind, type JobHandlers, workerActor } from './job-kinds.js'

/** How long a claim holds a job: far above any one job's run, so a live worker never loses one. */
export const DEFAULT_LEASE_MS = 10 * 60 * 1000

/** The first retry's wait; each further failure doubles it, up to an hour. */
const BACKOFF_BASE_MS = 30_000
const BACKOFF_CAP_MS = 60 * 60 * 1000

/**
 * How long to wait before try `attempts + 1`: exponential backoff (30 s, 1 min, 2 min … 1 h), so a
 * failing SMTP server or database is not hammered while it recovers.
 */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1))
}

/** How a pass of the worker runs. */
export interface RunJobsOptions {
  readonly handlers: JobHandlers
  /** names this worker's claims (default random); each claim also gets its own token */
  readonly workerId?: string
  readonly leaseMs?: number
  readonly now?: () => Date
  readonly sending?: SendingConfig | null
  readonly via?: 'api' | 'cli'
  /** stop after this many jobs (default: until none is due) */
  readonly limit?: number
}

/** What one pass did. */
export interface JobsPass {
  readonly done: number
  /** failed this time, queued again for later */
  readonly retried: number
  /** failed for good (no attempts left, or an unknown kind) */
  readonly failed: number
}

/**
 * Claims and runs every due job (and every job whose worker died, once its lease ran out), one at
 * a time, until none is left. A claim is one conditional UPDATE, so any number of workers may run
 * this at once and each job runs once per attempt.
 * @example const pass = await runDueJobs(store, { handlers: JOB_HANDLERS })
 */
export async function runDueJobs(store: Store, options: RunJobsOptions): Promise<JobsPass> {
  const now = options.now ?? (() => new Date())
  const counts = { done: 0, retried: 0, failed: 0 }
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  const worker = options.workerId ?? `worker-${randomBytes(4).toString('hex')}`
  counts.failed += await failExhaustedJobs(store, now().toISOString())
  let ran = 0
  while (ran < limit) {
    const ids = await claimableJobIds(store, now().toISOString(), 20)
    let claimedAny = false
    for (const id of ids) {
      if (ran >= limit) {
        break
      }
      const claimedBy = `${worker}:${randomBytes(6).toString('hex')}`
      const at = now()
      const job = await claimJob(store, {
        id,
        now: at.toISOString(),
        leaseUntil: new Date(at.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
        claimedBy,
      })
      if (job === undefined) {
        continue
      }
      claimedAny = true
      ran += 1
      counts[await runClaimed(store, job, claimedBy, options, now)] += 1
    }
    if (!claimedAny) {
      break
    }
  }
  return counts
}

async function runClaimed(
  store: Store,
  job: JobRow,
  claimedBy: string,
  options: RunJobsOptions,
  now: () => Date,
): Promise<keyof JobsPass> {
  const end = (outcome: Parameters<typeof endJob>[1]['outcome']) =>
    endJob(store, { id: Number(job.id), claimedBy, at: now().toISOString(), outcome })
  if (!isJobKind(job.kind)) {
    await end({ status: 'failed', error: `no handler for job kind ${job.kind}` })
    return 'failed'
  }
  try {
    const result = await options.handlers[job.kind]({
      store,
      payload: JSON.parse(job.payload_json) as Record<string, unknown>,
      who: workerActor(options.via ?? 'cli'),
      today: now().toISOString().slice(0, 10),
      now,
      sending: options.sending ?? null,
    })
    await end({ status: 'done', resultJson: JSON.stringify(result ?? null) })
    return 'done'
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const attempts = Number(job.attempts)
    if (attempts >= Number(job.max_attempts)) {
      await end({ status: 'failed', error: message })
      return 'failed'
    }
    const runAfter = new Date(now().getTime() + backoffMs(attempts)).toISOString()
    await end({ status: 'queued', runAfter, error: message })
    return 'retried'
  }
}
