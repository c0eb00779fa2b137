import type { ColumnType, Generated } from 'kysely'

/**
 * The tables of stored jobs and the shadow portfolio (migration 0014-jobs-shadow), in the
 * conventions of `schema.ts`. Queries reach them through `jobsShadowDb`, which adds them to
 * `Database`.
 */

type Timestamp = string
type IsoDate = string

/** One background job (SPEC "Background work"): stored, claimed under a lease, idempotent. */
export interface JobsTable {
  id: Generated<number>
  kind: string
  /** enqueuing the same key twice makes one job */
  idempotency_key: string
  payload_json: string
  /** not claimed before this instant */
  run_after: Timestamp
  status: string
  attempts: ColumnType<number, number | undefined, number>
  max_attempts: number
  /** a running job whose lease ran out is a crashed worker's: another may claim it */
  lease_until: Timestamp | null
  claimed_by: string | null
  last_error: string | null
  result_json: string | null
  created_at: Timestamp
  updated_at: Timestamp
  finished_at: Timestamp | null
}

/** One item of the shadow portfolio's content library. */
export interface ShadowContentTable {
  id: Generated<number>
  title: string
  url: string
  value_kind: string
  /** only for customers of this segment; null: for everyone */
  segment: string | null
  active: ColumnType<0 | 1, 0 | 1 | undefined, 0 | 1>
  created_at: Timestamp
  created_by: string
}

/** One planned value-adding touch of a shadow subject (its `touch_key` makes it once). */
export interface ShadowTouchesTable {
  id: Generated<number>
  touch_key: string
  subject_key: string
  customer_id: string
  due_on: IsoDate
  value_kind: string
  content_id: number | null
  /** `email` (queued through the outbox) or `task` (a check-in call for the owner) */
  channel: string
  outbox_message_id: number | null
  task_id: number | null
  created_at: Timestamp
}

/** The tables migration 0014 adds (a type alias: `withTables` needs an index-compatible type). */
export type JobsShadowTables = {
  jobs: JobsTable
  shadow_content: ShadowContentTable
  shadow_touches: ShadowTouchesTable
}
