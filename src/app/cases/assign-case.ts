import type { Kysely } from 'kysely'
import { canOnCase, mayManageCases } from '../../domain/case-access.js'
import type { RuleOverride } from '../../domain/case-rules.js'
import { type CaseStage, isCaseEnding, isOpenStage } from '../../domain/case-stage.js'
import {
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.js'
import {
  type CaseChanges,
  type Database,
  getCaseRow,
  insertCaseEvent,
  listCaseReasons,
  listRuleOverrides,
  type Store,
  setCaseReps,
  updateCaseVersioned,
} from '../../store/index.js'
import { type CaseDetail, describeCase } from './case-detail.js'
import { enforceCaseRules } from './case-rule-check.js'
import {
  actorLabel,
  auditCaseChange,
  auditDenied,
  type CaseActor,
  dayOf,
  loadCaseFor,
  requireVersion,
} from './case-support.js'
import { keepOverrides } from './move-apply.js'
import { nextStepFor } from './next-step.js'

/** Who works a case from now on; what is left out stays as it is. */
export interface AssignCaseInput {
  readonly caseId: number
  readonly expectedVersion: number | undefined
  readonly ownerId?: number
  readonly repIds?: readonly number[]
  /** who holds the exit interview; null hands it back to the owner */
  readonly interviewerId?: number | null
  readonly nextStep?: string
  readonly nextStepDueOn?: string
  readonly overrides?: readonly RuleOverride[]
  readonly today?: string
}

/**
 * Changes who works a case: its owner, its reps, who holds the exit interview, and perhaps the
 * next step. Managers (within their team), the VP and admins only; the rules are checked on the
 * new line-up, overrides kept; versioned like every change (TESTPLAN T6).
 * @throws ForbiddenError; PreconditionFailedError; ValidationError; NotFoundError
 * @example await assignCase(store, who, { caseId: 7, expectedVersion: 2, repIds: [12, 15] })
 */
export async function assignCase(
  store: Store,
  who: CaseActor,
  input: AssignCaseInput,
): Promise<CaseDetail> {
  const today = dayOf(input.today)
  const expected = requireVersion(input.expectedVersion)
  const loaded = await loadCaseFor(store, who, input.caseId, 'write')
  const { row } = loaded
  const participants = {
    ...loaded.participants,
    ownerId: input.ownerId ?? loaded.participants.ownerId,
    repIds: input.repIds === undefined ? loaded.participants.repIds : [...new Set(input.repIds)],
    interviewerId:
      input.interviewerId === undefined ? loaded.participants.interviewerId : input.interviewerId,
  }
  if (!mayManageCases(who.actor) || !canOnCase(who.actor, 'write', participants)) {
    await auditDenied(store, who, 'denied_write', input.caseId)
    throw new ForbiddenError(
      'only a manager (within their team), the VP or an admin assigns a case',
    )
  }
  if (isCaseEnding(row.stage)) {
    throw new ValidationError(`case ${input.caseId} has ended: its people no longer change`)
  }
  if (Number(row.version) !== expected) {
    throw new PreconditionFailedError(
      `case ${input.caseId} is at version ${row.version}, not ${expected}: reload it and try again`,
    )
  }
  const overrides = await enforceCaseRules(store, {
    today,
    ownerId: participants.ownerId,
    repIds: participants.repIds,
    interviewerId: participants.interviewerId,
    losingRepId: row.losing_rep_id === null ? null : Number(row.losing_rep_id),
    endingTo: null,
    reasonCount: (await listCaseReasons(store, [input.caseId])).length,
    overrides: input.overrides ?? [],
    keptOverrides: new Set(
      (await listRuleOverrides(store, input.caseId)).map((o) => o.rule as RuleOverride['rule']),
    ),
  })
  const stage = row.stage as CaseStage
  const step =
    isOpenStage(stage) && (input.nextStep !== undefined || input.nextStepDueOn !== undefined)
      ? nextStepFor(
          stage,
          {
            nextStep: input.nextStep ?? row.next_step ?? undefined,
            nextStepDueOn: input.nextStepDueOn,
          },
          today,
        )
      : {}
  const changes: CaseChanges = {
    owner_id: participants.ownerId,
    interviewer_id: participants.interviewerId,
    ...step,
  }
  await store.db.transaction().execute((trx) =>
    writeAssignment(trx, who, {
      caseId: input.caseId,
      expected,
      changes,
      participants,
      overrides,
      repsChanged: input.repIds !== undefined,
    }),
  )
  const updated = await getCaseRow(store, input.caseId)
  if (updated === undefined) {
    throw new NotFoundError(`case ${input.caseId} not found`)
  }
  return describeCase(store, updated, today)
}

async function writeAssignment(
  trx: Kysely<Database>,
  who: CaseActor,
  change: {
    caseId: number
    expected: number
    changes: CaseChanges
    participants: { ownerId: number; repIds: readonly number[]; interviewerId: number | null }
    overrides: readonly RuleOverride[]
    repsChanged: boolean
  },
): Promise<void> {
  const { caseId, participants } = change
  const actor = actorLabel(who.audit)
  await updateCaseVersioned(trx, caseId, change.expected, change.changes)
  if (change.repsChanged) {
    await setCaseReps(trx, caseId, participants.repIds)
  }
  await keepOverrides(trx, { caseId, actor, overrides: change.overrides })
  await insertCaseEvent(trx, {
    case_id: caseId,
    actor,
    kind: 'assigned',
    from_stage: null,
    to_stage: null,
    note: change.changes.next_step ?? null,
    data_json: JSON.stringify({
      ownerId: participants.ownerId,
      repIds: participants.repIds,
      interviewerId: participants.interviewerId,
      overrides: change.overrides.map((override) => override.rule),
    }),
  })
  const fields = [...Object.keys(change.changes), ...(change.repsChanged ? ['reps'] : [])]
  await auditCaseChange(trx, who.audit, {
    action: 'assign',
    objectType: 'case',
    objectId: String(caseId),
    fields: change.overrides.length > 0 ? [...fields, 'rule_overrides'] : fields,
  })
}
