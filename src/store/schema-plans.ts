import type { ColumnType, Generated } from 'kysely'

/**
 * The tables of written plans (migration 0016-plans), in the conventions of `schema.ts`:
 * `YYYY-MM-DD` dates, ISO timestamps, minor units. Queries reach them through `planDb`.
 */

type Timestamp = string
type IsoDate = string
type Version = ColumnType<number, number | undefined, number>

/**
 * The written plan of one case (at most one: `case_id` is unique). `version` rises with every
 * change to its terms; an agreement holds for the version it was given at (`agreed_version`).
 */
export interface PlansTable {
  id: Generated<number>
  case_id: number
  /** the fix: what we will do about what went wrong */
  summary: string | null
  agreed_version: number | null
  agreed_on: IsoDate | null
  /** our signer (the case owner's name) and theirs (the customer's contact), as agreed */
  our_signer: string | null
  their_signer: string | null
  agreed_by: string | null
  version: Version
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
}

/** One condition of a plan: who owes it (us or the customer), its owner, due date and status. */
export interface PlanConditionsTable {
  id: Generated<number>
  plan_id: number
  case_id: number
  text: string
  side: 'us' | 'customer'
  /** our owner (a user) for our conditions */
  owner_id: number | null
  /** the customer's named contact for theirs */
  contact_name: string | null
  due_on: IsoDate
  status: 'open' | 'done'
  done_on: IsoDate | null
  done_by: string | null
  note: string | null
  version: Version
  created_at: Timestamp
  updated_at: Timestamp
}

/** What we deliver beyond the fix ("X plus something else"). */
export interface PlanExtrasTable {
  id: Generated<number>
  plan_id: number
  case_id: number
  what: string
  value_minor: number | null
  currency: string | null
  delivered_on: IsoDate | null
  created_at: Timestamp
  created_by: string
}

/** The tables migration 0016 adds (a type alias: `withTables` needs an index-compatible type). */
export type PlanTables = {
  plans: PlansTable
  plan_conditions: PlanConditionsTable
  plan_extras: PlanExtrasTable
}
