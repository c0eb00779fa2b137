import type { Store } from '../../store/index.js'
import type { CaseActor } from '../cases/case-support.js'
import type { SendingConfig } from '../outreach/outreach-config.js'

/**
 * The kinds of stored job (SPEC "Background work") and what a handler is given. Every handler is
 * idempotent — running one job twice, or two jobs of a kind at once, changes nothing the first run
 * did not — because a worker may crash after its work and before recording it, and then the job
 * runs again once its lease runs out.
 */
export const JOB_KINDS = [
  'outbox.send',
  'campaign.launch',
  'shadow.cadence',
  'cases.resume',
  'privacy.purge',
] as const

export type JobKind = (typeof JOB_KINDS)[number]

/** Whether `value` names a job kind. */
export function isJobKind(value: string): value is JobKind {
  return (JOB_KINDS as readonly string[]).includes(value)
}

/** What a handler runs with. */
export interface JobContext {
  readonly store: Store
  /** the job's payload, parsed */
  readonly payload: Readonly<Record<string, unknown>>
  /** the background work's audit name and (admin-wide) reach */
  readonly who: CaseActor
  /** the day the job counts as today (YYYY-MM-DD) */
  readonly today: string
  readonly now: () => Date
  /** email sending, or null when it is not configured (then nothing is sent) */
  readonly sending: SendingConfig | null
}

/** Runs one job; what it returns is stored as the job's result. */
export type JobHandler = (context: JobContext) => Promise<unknown>

/** A handler per kind. */
export type JobHandlers = Readonly<Record<JobKind, JobHandler>>

/** The audit name the background work writes under (SPEC: the audit log names who did it). */
export const WORKER_LABEL = 'worker'

/**
 * The background work's actor: it only carries out what people set up (a schedule, a cadence, a
 * rest date), so it reaches every record, and the audit log names it `worker`.
 */
export function workerActor(via: 'api' | 'cli'): CaseActor {
  return {
    actor: { userId: 0, role: 'admin', teamUserIds: new Set() },
    audit: { actorUserId: null, via, requestId: null, actorLabel: WORKER_LABEL },
  }
}
