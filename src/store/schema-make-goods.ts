import type { ColumnType, Generated } from 'kysely'

/**
 * The tables of make-goods and bounties (migration 0012-make-goods-bounties), in the conventions
 * of `schema.ts`. Queries reach them through `makeGoodDb`, which adds them to `Database`.
 */

type Timestamp = string
type Flag = 0 | 1

/** One make-good offer on a case; approving or rejecting it bumps `version` once. */
export interface MakeGoodsTable {
  id: Generated<number>
  case_id: number
  customer_id: string
  kind: string
  value_minor: number
  currency: string
  incident_ids_json: string
  answers_remedy: Flag
  description: string | null
  reason: string | null
  suggested_minor: number
  flags_json: string
  status: string
  proposed_by: number | null
  proposed_at: Timestamp
  decided_by: number | null
  decided_at: Timestamp | null
  decision_note: string | null
  version: ColumnType<number, number | undefined, number>
  updated_at: Timestamp
}

/** The one payout an approved make-good makes (`make_good_id` is unique). */
export interface MakeGoodPayoutsTable {
  id: Generated<number>
  make_good_id: number
  amount_minor: number
  currency: string
  approved_by: number | null
  created_at: Timestamp
}

/** A bounty rule an admin set. */
export interface BountyRulesTable {
  id: Generated<number>
  name: string
  fixed_minor: number
  multiplier: number
  months: number
  cap_minor: number | null
  manager_share: number
  effective_from: string
  active: Flag
  version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
}

/** One credit (or its reversal) to one person under one rule for one order. */
export interface EarningsTable {
  id: Generated<number>
  rule_id: number
  user_id: number
  case_id: number
  customer_id: string
  order_id: number
  kind: string
  entry: string
  amount_minor: number
  currency: string
  once_key: string
  created_at: Timestamp
}

/** The tables migration 0012 adds (a type alias: `withTables` needs an index-compatible type). */
export type MakeGoodTables = {
  make_goods: MakeGoodsTable
  make_good_payouts: MakeGoodPayoutsTable
  bounty_rules: BountyRulesTable
  earnings: EarningsTable
}
