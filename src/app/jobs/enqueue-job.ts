import { ValidationError } from '../../domain/errors.js'
import { insertJob, type Queryable } from '../../store/index.js'
import { isJobKind, type JobKind } from './job-kinds.js'

/** How many times a job is tried before it is failed for good. */
export const DEFAULT_MAX_ATTEMPTS = 5

/** A job to store. */
export interface EnqueueInput {
  readonly kind: JobKind
  /** the same key twice is one job: say what makes the work unique (`campaign.launch:7`) */
  readonly key: string
  readonly payload?: Readonly<Record<string, unknown>>
  /** not before (default now) */
  readonly runAfter?: Date
  readonly maxAttempts?: number
  readonly now?: Date
}

/**
 * Stores a job once per key: enqueuing the same key again returns the first job's id with
 * `created: false` and changes nothing.
 * @throws ValidationError for an unknown kind, an empty key or a max attempts below 1
 * @example await enqueueJob(store, { kind: 'shadow.cadence', key: 'shadow.cadence:2026-11-23' })
 */
export async function enqueueJob(
  target: Queryable,
  input: EnqueueInput,
): Promise<{ id: number; created: boolean }> {
  if (!isJobKind(input.kind)) {
    throw new ValidationError(`kind: no job kind "${String(input.kind)}"`)
  }
  if (input.key.trim() === '' || input.key.length > 200) {
    throw new ValidationError('key: a job key is 1 to 200 characters')
  }
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    throw new ValidationError('maxAttempts: a whole number from 1 to 100')
  }
  const now = input.now ?? new Date()
  return insertJob(target, {
    kind: input.kind,
    idempotencyKey: input.key,
    payloadJson: JSON.stringify(input.payload ?? {}),
    runAfter: (input.runAfter ?? now).toISOString(),
    maxAttempts,
    at: now.toISOString(),
  })
}
