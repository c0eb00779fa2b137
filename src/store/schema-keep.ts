import type { ColumnType, Generated } from 'kysely'

/**
 * The tables of keep-plans, alerts and let-go decisions (migration 0017-keep-plans-alerts), in
 * the conventions of `schema.ts`. Queries reach them through `keepDb`, which adds them to
 * `Database`.
 */

type Timestamp = string
type IsoDate = string

/** The care a won case's customer gets so they are not lost twice (one per won case). */
export interface KeepPlansTable {
  id: Generated<number>
  case_id: number
  customer_id: string
  owner_id: number
  won_on: IsoDate
  /** the case's reason codes at the win, as a JSON array */
  watched_reasons_json: string
  /** P(alive) and status in the latest analysis at the win; null when none had scored them */
  baseline_p_alive: number | null
  baseline_status: string | null
  created_at: Timestamp
  created_by: string
}

/** Something the owner should know now: a watched reason came back, P(alive) slipped … */
export interface AlertsTable {
  id: Generated<number>
  kind: string
  customer_id: string
  case_id: number | null
  /** who is alerted; null when the account has no owner (those with every record see it) */
  owner_id: number | null
  message: string
  /** `<kind>:<subject>:<trigger>`, unique: one alert per trigger, whatever reruns */
  trigger_key: string
  created_at: Timestamp
  acknowledged_by: number | null
  acknowledged_at: Timestamp | null
}

/** A customer let go without a case, or a let-go suggestion dismissed (one row per customer). */
export interface LetGoDecisionsTable {
  id: Generated<number>
  customer_id: string
  decision: 'let_go' | 'dismissed'
  reason_code: string | null
  note: string | null
  decided_by: number | null
  decided_on: IsoDate
  created_at: Timestamp
  updated_at: Timestamp
  version: ColumnType<number, number | undefined, number>
}

/** The tables migration 0017 adds (a type alias: `withTables` needs an index-compatible type). */
export type KeepTables = {
  keep_plans: KeepPlansTable
  alerts: AlertsTable
  let_go_decisions: LetGoDecisionsTable
}
