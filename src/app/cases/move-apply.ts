import type { Kysely } from 'kysely'
import { addDays } from '../../domain/case-dates.js'
import type { RuleOverride } from '../../domain/case-rules.js'
import type { CaseStage } from '../../domain/case-stage.js'
import {
  type CaseChanges,
  type Database,
  insertCaseEvent,
  insertRuleOverride,
  insertTask,
  setCaseReasons,
  updateCaseVersioned,
} from '../../store/index.js'
import { startKeepPlan } from '../keep/start-keep-plan.js'
import { actorLabel, auditCaseChange, type CaseActor, type LoadedCase } from './case-support.js'

/** A checked change, ready to write. */
export interface PlannedChange {
  readonly from: string
  readonly to: CaseStage | undefined
  readonly changes: CaseChanges
  /** the new reason set (live ids), when the change gives one */
  readonly reasonIds: readonly number[] | undefined
  readonly reasonCodes: readonly string[] | undefined
  /** overrides that set a broken rule aside, to keep */
  readonly overrides: readonly RuleOverride[]
}

const FINDING_COLUMNS = new Set([
  'customer_words',
  'competitor',
  'reason_note',
  'customer_cost_minor',
  'customer_cost_note',
  'remedy',
])

// the let-go ending gives the owner one task: leave them happy, ask for a referral (SPEC "Case states")
const LET_GO_TASK_DAYS = 7

/**
 * Writes a planned change in the caller's transaction: the versioned update first (so a stale
 * writer fails before anything else is written), then reasons, overrides, timeline, task and one
 * audit entry naming the fields changed.
 * @throws PreconditionFailedError when another change won the race
 */
export async function applyCaseChange(
  trx: Kysely<Database>,
  who: CaseActor,
  change: { loaded: LoadedCase; expectedVersion: number; plan: PlannedChange; today: string },
): Promise<void> {
  const { loaded, plan } = change
  const caseId = Number(loaded.row.id)
  const actor = actorLabel(who.audit)
  await updateCaseVersioned(trx, caseId, change.expectedVersion, plan.changes)
  if (plan.reasonIds !== undefined) {
    await setCaseReasons(trx, caseId, plan.reasonIds)
  }
  await keepOverrides(trx, { caseId, actor, overrides: plan.overrides })
  if (plan.to === 'won_back') {
    // seal the deal (SPEC §9): the keep-plan starts with the win, in the same transaction
    await startKeepPlan(trx, who, {
      row: loaded.row,
      wonOn: plan.changes.ended_on ?? change.today,
      actor,
    })
  }
  await recordTimeline(trx, { caseId, actor, plan })
  if (plan.to === 'let_go') {
    await insertTask(trx, {
      owner_id: Number(loaded.row.owner_id),
      customer_id: loaded.row.customer_id,
      deal_id: loaded.row.deal_id,
      case_id: caseId,
      kind: 'leave_happy_referral',
      title: 'Leave them happy and ask for a referral',
      due_on: addDays(change.today, LET_GO_TASK_DAYS),
      source_key: `let_go:${caseId}`,
      created_by: actor,
    })
  }
  const fields = [
    ...Object.keys(plan.changes),
    ...(plan.reasonIds === undefined ? [] : ['reasons']),
  ]
  await auditCaseChange(trx, who.audit, {
    action: plan.to === undefined ? 'update' : 'move',
    objectType: 'case',
    objectId: String(caseId),
    fields: [...fields, ...(plan.overrides.length > 0 ? ['rule_overrides'] : [])],
  })
}

async function recordTimeline(
  trx: Kysely<Database>,
  entry: { caseId: number; actor: string; plan: PlannedChange },
): Promise<void> {
  const { caseId, actor, plan } = entry
  const findingFields = Object.keys(plan.changes).filter((column) => FINDING_COLUMNS.has(column))
  if (findingFields.length > 0 || plan.reasonCodes !== undefined) {
    await insertCaseEvent(trx, {
      case_id: caseId,
      actor,
      kind: 'finding_recorded',
      from_stage: null,
      to_stage: null,
      note: null,
      data_json: JSON.stringify({ fields: findingFields, reasons: plan.reasonCodes ?? null }),
    })
  }
  const changed = Object.keys(plan.changes).filter((column) => !FINDING_COLUMNS.has(column))
  if (plan.to !== undefined || changed.length > 0) {
    await insertCaseEvent(trx, {
      case_id: caseId,
      actor,
      kind: plan.to === undefined ? 'updated' : 'moved',
      from_stage: plan.to === undefined ? null : plan.from,
      to_stage: plan.to ?? null,
      note: plan.changes.next_step ?? plan.changes.ending_note ?? null,
      data_json: JSON.stringify({ fields: changed }),
    })
  }
}

/** Keeps overrides with their written reasons, each with a timeline entry. */
export async function keepOverrides(
  trx: Kysely<Database>,
  kept: { caseId: number; actor: string; overrides: readonly RuleOverride[] },
): Promise<void> {
  for (const override of kept.overrides) {
    await insertRuleOverride(trx, {
      case_id: kept.caseId,
      rule: override.rule,
      reason: override.reason,
      actor: kept.actor,
    })
    await insertCaseEvent(trx, {
      case_id: kept.caseId,
      actor: kept.actor,
      kind: 'rule_overridden',
      from_stage: null,
      to_stage: null,
      note: override.reason,
      data_json: JSON.stringify({ rule: override.rule }),
    })
  }
}
