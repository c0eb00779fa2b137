import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../schema.js'
import type { CampaignTables } from '../schema-campaigns.js'
import type { JobsShadowTables, JobsTable } from '../schema-jobs-shadow.js'
import { dbOf, type Queryable } from './queryable.js'

/**
 * The stored jobs' state changes (SPEC "Background work"). Each is one conditional UPDATE on the
 * state it expects, so two workers never both hold a job and a worker whose lease ran out cannot
 * record an outcome over the one who took the job after it.
 */

/** One stored job. */
export type JobRow = Selectable<JobsTable>

/** The database with migration 0014's tables, on the same connection or transaction. */
export function jobsShadowDb(target: Queryable): Kysely<Database & JobsShadowTables> {
  return dbOf(target).withTables<JobsShadowTables>()
}

/** What enqueuing stores; the job starts `queued` with no attempts. */
export interface NewJob {
  readonly kind: string
  readonly idempotencyKey: string
  readonly payloadJson: string
  readonly runAfter: string
  readonly maxAttempts: number
  readonly at: string
}

/**
 * Stores a job unless one with the same idempotency key exists (then nothing changes): returns
 * its id and whether this call made it.
 */
export async function insertJob(
  target: Queryable,
  job: NewJob,
): Promise<{ id: number; created: boolean }> {
  const db = jobsShadowDb(target)
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      idempotency_key: job.idempotencyKey,
      payload_json: job.payloadJson,
      run_after: job.runAfter,
      status: 'queued',
      attempts: 0,
      max_attempts: job.maxAttempts,
      created_at: job.at,
      updated_at: job.at,
    })
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (row !== undefined) {
    return { id: Number(row.id), created: true }
  }
  const existing = await db
    .selectFrom('jobs')
    .select('id')
    .where('idempotency_key', '=', job.idempotencyKey)
    .executeTakeFirstOrThrow()
  return { id: Number(existing.id), created: false }
}

/** The ids of up to `limit` jobs a worker could claim at `now`, the longest due first. */
export async function claimableJobIds(
  target: Queryable,
  now: string,
  limit: number,
): Promise<number[]> {
  const rows = await jobsShadowDb(target)
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_after', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
      ]),
    )
    .where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
    .orderBy('run_after')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((row) => Number(row.id))
}

/**
 * Claims job `id` for `claimedBy` until `leaseUntil`, in one conditional UPDATE: only a due queued
 * job, or a running one whose lease ran out (its worker crashed), with attempts left. Returns the
 * claimed job, or undefined when another worker got it first.
 */
export async function claimJob(
  target: Queryable,
  claim: {
    readonly id: number
    readonly now: string
    readonly leaseUntil: string
    readonly claimedBy: string
  },
): Promise<JobRow | undefined> {
  const db = jobsShadowDb(target)
  const result = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      lease_until: claim.leaseUntil,
      claimed_by: claim.claimedBy,
      updated_at: claim.now,
    }))
    .where('id', '=', claim.id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_after', '<=', claim.now)]),
        eb.and([eb('status', '=', 'running'), eb('lease_until', '<', claim.now)]),
      ]),
    )
    .where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) {
    return undefined
  }
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('id', '=', claim.id)
    .where('claimed_by', '=', claim.claimedBy)
    .executeTakeFirst()
}

/** How a claimed job ended: done, or back in the queue for later, or failed for good. */
export type JobEnd =
  | { readonly status: 'done'; readonly resultJson: string }
  | { readonly status: 'queued'; readonly runAfter: string; readonly error: string }
  | { readonly status: 'failed'; readonly error: string }

/**
 * Records how the claim `claimedBy` of job `id` ended; false when that claim is no longer the
 * job's (its lease ran out and another worker took it), so nothing was written.
 */
export async function endJob(
  target: Queryable,
  end: {
    readonly id: number
    readonly claimedBy: string
    readonly at: string
    readonly outcome: JobEnd
  },
): Promise<boolean> {
  const { outcome } = end
  const result = await jobsShadowDb(target)
    .updateTable('jobs')
    .set({
      status: outcome.status,
      lease_until: null,
      updated_at: end.at,
      ...(outcome.status === 'done'
        ? { result_json: outcome.resultJson, finished_at: end.at, last_error: null }
        : { last_error: outcome.error.slice(0, 1000) }),
      ...(outcome.status === 'queued' ? { run_after: outcome.runAfter } : {}),
      ...(outcome.status === 'failed' ? { finished_at: end.at } : {}),
    })
    .where('id', '=', end.id)
    .where('status', '=', 'running')
    .where('claimed_by', '=', end.claimedBy)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Fails the running jobs whose lease ran out with no attempts left (their worker died on the last
 * try): nothing may claim them any more. Returns how many.
 */
export async function failExhaustedJobs(target: Queryable, now: string): Promise<number> {
  const result = await jobsShadowDb(target)
    .updateTable('jobs')
    .set({
      status: 'failed',
      lease_until: null,
      updated_at: now,
      finished_at: now,
      last_error: 'the worker stopped during the last attempt',
    })
    .where('status', '=', 'running')
    .where('lease_until', '<', now)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Makes job `id` due now again (an admin's "run now"): a queued one runs at once, a finished one
 * is queued again with fresh attempts. A running one is left alone. False when nothing changed.
 */
export async function requeueJob(target: Queryable, id: number, now: string): Promise<boolean> {
  const result = await jobsShadowDb(target)
    .updateTable('jobs')
    .set({ status: 'queued', run_after: now, attempts: 0, updated_at: now, finished_at: null })
    .where('id', '=', id)
    .where('status', '<>', 'running')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** One job, or undefined. */
export async function getJob(target: Queryable, id: number): Promise<JobRow | undefined> {
  return jobsShadowDb(target).selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Jobs newest first, optionally of one status or kind. */
export async function listJobs(
  target: Queryable,
  filter: { readonly status?: string; readonly kind?: string; readonly limit: number },
): Promise<JobRow[]> {
  let query = jobsShadowDb(target).selectFrom('jobs').selectAll()
  if (filter.status !== undefined) {
    query = query.where('status', '=', filter.status)
  }
  if (filter.kind !== undefined) {
    query = query.where('kind', '=', filter.kind)
  }
  return query.orderBy('id', 'desc').limit(filter.limit).execute()
}

/** The ids of scheduled campaigns whose day has come (`scheduled_on` at or before `today`). */
export async function dueScheduledCampaignIds(target: Queryable, today: string): Promise<number[]> {
  const rows = await dbOf(target)
    .withTables<CampaignTables>()
    .selectFrom('campaigns')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_on', '<=', today)
    .orderBy('id')
    .execute()
  return rows.map((row) => Number(row.id))
}
