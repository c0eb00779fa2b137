import type { ColumnType, Generated } from 'kysely'

/**
 * The tables of win-back cases, the loss-reason taxonomy, fixes and tasks (migration 0005-cases),
 * in the conventions of `schema.ts`: `YYYY-MM-DD` dates, ISO timestamps, 0/1 flags, minor units.
 */

type Timestamp = string
type IsoDate = string
type Flag = 0 | 1
type Version = ColumnType<number, number | undefined, number>

/** One reason of the loss taxonomy; a merged reason points at the one it lives on in. */
export interface ReasonsTable {
  id: Generated<number>
  code: string
  label: string
  fixable: Flag
  parent_id: number | null
  merged_into_id: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Version
}

/** The editable mapping of imported free-text loss reasons: a normalised phrase and its reason. */
export interface ReasonPhrasesTable {
  id: Generated<number>
  phrase: string
  reason_id: number
  created_at: Timestamp
  created_by: string
}

/** One win-back attempt at one lost customer or lost deal (SPEC "Case states"). */
export interface CasesTable {
  id: Generated<number>
  subject_kind: 'customer' | 'deal'
  /** `customer:<id>` or `deal:<id>`: at most one open case per subject */
  subject_key: string
  customer_id: string
  deal_id: number | null
  /** 1 for the first attempt at this subject, 2 for the second … */
  attempt: number
  stage: string
  /** the open stage a resting case returns to */
  resume_stage: string | null
  rest_until: IsoDate | null
  owner_id: number
  interviewer_id: number | null
  next_step: string | null
  next_step_due_on: IsoDate | null
  opened_on: IsoDate
  ended_on: IsoDate | null
  lost_on: IsoDate | null
  losing_rep_id: number | null
  /** yearly revenue lost (the 12 months before the loss, or the deal's annual value) */
  lost_value_minor: number
  research_notes: string | null
  approach_channel: string | null
  customer_words: string | null
  customer_cost_minor: number | null
  customer_cost_note: string | null
  remedy: string | null
  plan_summary: string | null
  ending_note: string | null
  competitor: string | null
  reason_note: string | null
  source: 'app' | 'past_attempt'
  /** `win_back_attempt:<id>` for an imported past attempt, so importing again adds nothing */
  source_key: string | null
  version: Version
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CaseRepsTable {
  case_id: number
  user_id: number
  added_at: Timestamp
}

export interface CaseReasonsTable {
  case_id: number
  reason_id: number
  recorded_at: Timestamp
}

/** The case's timeline: every change, who made it and when. */
export interface CaseEventsTable {
  id: Generated<number>
  case_id: number
  at: Timestamp
  actor: string
  kind: string
  from_stage: string | null
  to_stage: string | null
  note: string | null
  data_json: string | null
}

/** A rule set aside on one case, with the written reason (kept for good). */
export interface CaseRuleOverridesTable {
  id: Generated<number>
  case_id: number
  rule: string
  reason: string
  actor: string
  at: Timestamp
}

/** A dated change that removes a loss reason, optionally in a scope. */
export interface FixesTable {
  id: Generated<number>
  reason_id: number
  scope_kind: 'segment' | 'territory' | 'rep' | null
  scope_value: string | null
  fixed_on: IsoDate
  owner_id: number | null
  note: string
  created_at: Timestamp
  created_by: string
  version: Version
}

/**
 * A lost customer or deal brought back on the radar by a fix or a new decision maker: the "reason
 * now fixed" list, and the flag that raises its win-back probability.
 */
export interface ResurfacedLossesTable {
  id: Generated<number>
  /** `fix:<id>` or `decision_maker:<customer>:<date>`: one row per trigger and subject */
  trigger_key: string
  trigger_kind: 'fix' | 'new_decision_maker'
  fix_id: number | null
  subject_kind: 'customer' | 'deal'
  subject_key: string
  customer_id: string
  deal_id: number | null
  case_id: number | null
  reason_id: number | null
  occurred_on: IsoDate
  resurfaced_at: Timestamp
  task_id: number | null
}

/** Work for one person about one customer or deal: "tell them what changed", "ask for a referral". */
export interface TasksTable {
  id: Generated<number>
  owner_id: number
  customer_id: string
  deal_id: number | null
  case_id: number | null
  kind: string
  title: string
  due_on: IsoDate
  done: Flag
  done_at: Timestamp | null
  /** what made it, so a rerun adds nothing (`resurfaced:<id>`, `let_go:<case>`) */
  source_key: string | null
  created_at: Timestamp
  created_by: string
  version: Version
}
