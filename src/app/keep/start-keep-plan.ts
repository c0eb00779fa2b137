import type { Kysely } from 'kysely'
import { addDays } from '../../domain/case-dates.js'
import {
  type CaseRow,
  type Database,
  insertKeepPlan,
  insertTask,
  listCaseReasons,
  readLatestScoreOf,
} from '../../store/index.js'
import { auditCaseChange, type CaseActor } from '../cases/case-support.js'
import { loadTaxonomy } from '../cases/taxonomy.js'

// SPEC §9 and issue 7 item 4: thanks at once, then check-ins at 30, 60 and 90 days
const CHECK_IN_DAYS = [30, 60, 90] as const

/**
 * Starts the keep-plan of a case just won back, in the caller's transaction (the won-back move):
 * a "thank them" task due at once and check-ins at 30/60/90 days for the owner, the case's reasons
 * recorded as watched, and the latest P(alive) as the baseline. Idempotent: the plan is unique per
 * case and each task has its own source key, so a replayed win adds nothing.
 * @example await startKeepPlan(trx, who, { row, wonOn: '2024-06-30', actor: 'user:3' })
 */
export async function startKeepPlan(
  trx: Kysely<Database>,
  who: CaseActor,
  win: { readonly row: CaseRow; readonly wonOn: string; readonly actor: string },
): Promise<void> {
  const { row, wonOn, actor } = win
  const caseId = Number(row.id)
  const ownerId = Number(row.owner_id)
  const taxonomy = await loadTaxonomy(trx)
  const reasonCodes = (await listCaseReasons(trx, [caseId]))
    .map((line) => taxonomy.byId.get(line.reason_id)?.code)
    .filter((code): code is string => code !== undefined)
  const baseline = await readLatestScoreOf(trx, row.customer_id)
  const plan = await insertKeepPlan(trx, {
    case_id: caseId,
    customer_id: row.customer_id,
    owner_id: ownerId,
    won_on: wonOn,
    watched_reasons_json: JSON.stringify(reasonCodes),
    baseline_p_alive: baseline?.pAlive ?? null,
    baseline_status: baseline?.status ?? null,
    created_by: actor,
  })
  const task = { owner_id: ownerId, customer_id: row.customer_id, deal_id: row.deal_id }
  await insertTask(trx, {
    ...task,
    case_id: caseId,
    kind: 'keep_thanks',
    title: 'Thank them for coming back',
    due_on: wonOn,
    source_key: `keep:${caseId}:thanks`,
    created_by: actor,
  })
  for (const days of CHECK_IN_DAYS) {
    await insertTask(trx, {
      ...task,
      case_id: caseId,
      kind: 'keep_check_in',
      title: `Check in ${days} days after the win: is what they left over still fixed?`,
      due_on: addDays(wonOn, days),
      source_key: `keep:${caseId}:check_in_${days}`,
      created_by: actor,
    })
  }
  if (plan.created) {
    await auditCaseChange(trx, who.audit, {
      action: 'create',
      objectType: 'keep_plan',
      objectId: String(caseId),
      fields: ['watched_reasons', 'baseline_p_alive', 'tasks'],
    })
  }
}
