import { can } from '../../domain/access-policy.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { getJob, type JobRow, listJobs, requeueJob, type Store } from '../../store/index.js'
import { auditCaseChange, auditDenied, type CaseActor } from '../cases/case-support.js'
import { enqueueJob } from './enqueue-job.js'
import { isJobKind, JOB_KINDS } from './job-kinds.js'

/** Where a job stands. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed'

/** A stored job as the jobs list shows it. */
export interface JobView {
  readonly id: number
  readonly kind: string
  readonly key: string
  readonly status: JobStatus
  readonly attempts: number
  readonly maxAttempts: number
  readonly runAfter: string
  readonly leaseUntil: string | null
  readonly lastError: string | null
  readonly result: unknown
  readonly createdAt: string
  readonly finishedAt: string | null
}

function view(row: JobRow): JobView {
  return {
    id: Number(row.id),
    kind: row.kind,
    key: row.idempotency_key,
    status: row.status as JobStatus,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAfter: row.run_after,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    result: row.result_json === null ? null : (JSON.parse(row.result_json) as unknown),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }
}

const STATUSES = ['queued', 'running', 'done', 'failed']

/**
 * The newest jobs (admins and the VP read them, like the audit log: who did what in the background).
 * @throws ValidationError for an unknown status or kind
 */
export async function listJobsAs(
  store: Store,
  who: CaseActor,
  filter: { readonly status?: string; readonly kind?: string; readonly limit?: number } = {},
): Promise<JobView[]> {
  if (!can(who.actor, 'read', { type: 'audit_log' })) {
    await auditDenied(store, who, 'denied_read', null)
    throw new ForbiddenError(`a ${who.actor.role} may not read the background jobs`)
  }
  if (filter.status !== undefined && !STATUSES.includes(filter.status)) {
    throw new ValidationError(`status: one of ${STATUSES.join(', ')}`)
  }
  if (filter.kind !== undefined && !isJobKind(filter.kind)) {
    throw new ValidationError(`kind: one of ${JOB_KINDS.join(', ')}`)
  }
  const rows = await listJobs(store, {
    ...(filter.status === undefined ? {} : { status: filter.status }),
    ...(filter.kind === undefined ? {} : { kind: filter.kind }),
    limit: filter.limit ?? 100,
  })
  return rows.map(view)
}

/**
 * "Run now" (admins): with a job id, makes that job due again (a finished one is queued again
 * with fresh attempts: every handler is idempotent, so that is safe); with a kind, enqueues one
 * job of that kind due now. The worker then picks it up.
 * @throws ForbiddenError; NotFoundError; ValidationError naming the field
 */
export async function runJobNowAs(
  store: Store,
  who: CaseActor,
  input: { readonly jobId?: number; readonly kind?: string; readonly campaignId?: number },
  now: Date = new Date(),
): Promise<JobView> {
  if (!can(who.actor, 'write', { type: 'setting' })) {
    await auditDenied(store, who, 'denied_write', null)
    throw new ForbiddenError(`a ${who.actor.role} may not run background jobs: an admin does`)
  }
  let id: number
  if (input.jobId !== undefined) {
    const existing = await getJob(store, input.jobId)
    if (existing === undefined) {
      throw new NotFoundError(`no job ${input.jobId}`)
    }
    await requeueJob(store, input.jobId, now.toISOString())
    id = input.jobId
  } else {
    const kind = input.kind ?? ''
    if (!isJobKind(kind)) {
      throw new ValidationError(`kind: one of ${JOB_KINDS.join(', ')}`)
    }
    if (kind === 'campaign.launch' && input.campaignId === undefined) {
      throw new ValidationError('campaignId: a campaign.launch job names its campaign')
    }
    const made = await enqueueJob(store, {
      kind,
      key: `${kind}:manual:${now.toISOString()}`,
      payload: kind === 'campaign.launch' ? { campaignId: input.campaignId } : {},
      now,
    })
    id = made.id
  }
  await auditCaseChange(store, who.audit, {
    action: 'run_now',
    objectType: 'job',
    objectId: String(id),
    fields: ['status', 'run_after'],
  })
  const row = await getJob(store, id)
  if (row === undefined) {
    throw new NotFoundError(`no job ${id}`)
  }
  return view(row)
}
