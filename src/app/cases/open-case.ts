import type { Kysely } from 'kysely'
import { canOnCase, mayManageCases } from '../../domain/case-access.js'
import type { RuleOverride } from '../../domain/case-rules.js'
import { ForbiddenError, NotFoundError } from '../../domain/errors.js'
import {
  countCasesOf,
  type Database,
  getCaseRow,
  insertCase,
  insertCaseEvent,
  type Store,
  setCaseReps,
} from '../../store/index.js'
import { type CaseDetail, describeCase } from './case-detail.js'
import { enforceCaseRules } from './case-rule-check.js'
import { actorLabel, auditCaseChange, auditDenied, type CaseActor, dayOf } from './case-support.js'
import { keepOverrides } from './move-apply.js'
import { type NextStep, nextStepFor } from './next-step.js'
import { type CaseSubject, readSubjectLoss, type SubjectLoss } from './subject-loss.js'

/** What opening a case needs: its subject, who works it, its first step. */
export interface OpenCaseInput {
  readonly subject: CaseSubject
  /** a manager or the VP; default the actor */
  readonly ownerId?: number
  readonly repIds?: readonly number[]
  /** who holds the exit interview; default the owner */
  readonly interviewerId?: number | null
  readonly nextStep?: string
  readonly nextStepDueOn?: string
  readonly overrides?: readonly RuleOverride[]
  readonly today?: string
}

/**
 * Opens a win-back case at Identified on a lost customer or lost deal: attempt n+1 of that
 * subject, owned by a manager or the VP and worked with reps, with a next step and a due date.
 * Records when it was lost, who owned it then (the losing rep, who must not hold the exit
 * interview) and the yearly revenue lost. Rules refuse unless overridden with a written reason;
 * the case, its reps, overrides, timeline and audit entry are written together.
 * @throws ForbiddenError unless a manager (for their team), the VP or an admin; ConflictError when
 * the subject already has an open case; ValidationError listing broken rules; NotFoundError
 * @example await openCase(store, who, { subject: { kind: 'customer', customerId: 'C-1' }, repIds: [12] })
 */
export async function openCase(
  store: Store,
  who: CaseActor,
  input: OpenCaseInput,
): Promise<CaseDetail> {
  const today = dayOf(input.today)
  if (!mayManageCases(who.actor)) {
    await auditDenied(store, who, 'denied_create', null)
    throw new ForbiddenError(`a ${who.actor.role} may not open cases: managers and the VP do`)
  }
  const ownerId = input.ownerId ?? who.actor.userId
  const repIds = [...new Set(input.repIds ?? [])]
  const loss = await readSubjectLoss(store, input.subject, today)
  const interviewerId = input.interviewerId ?? null
  const participants = { ownerId, repIds, interviewerId, accountOwnerId: loss.accountOwnerId }
  if (!canOnCase(who.actor, 'write', participants)) {
    await auditDenied(store, who, 'denied_create', null)
    throw new ForbiddenError('a manager opens cases that they or their team work')
  }
  const step = nextStepFor('identified', input, today)
  const overrides = await enforceCaseRules(store, {
    today,
    ownerId,
    repIds,
    interviewerId,
    losingRepId: loss.losingRepId,
    endingTo: null,
    reasonCount: 0,
    overrides: input.overrides ?? [],
    keptOverrides: new Set(),
  })
  const caseId = await store.db
    .transaction()
    .execute((trx) =>
      writeOpenedCase(trx, who, { loss, ownerId, repIds, interviewerId, step, overrides, today }),
    )
  const row = await getCaseRow(store, caseId)
  if (row === undefined) {
    throw new NotFoundError(`case ${caseId} not found`)
  }
  return describeCase(store, row, today)
}

interface OpenedCase {
  readonly loss: SubjectLoss
  readonly ownerId: number
  readonly repIds: readonly number[]
  readonly interviewerId: number | null
  readonly step: NextStep
  readonly overrides: readonly RuleOverride[]
  readonly today: string
}

async function writeOpenedCase(
  trx: Kysely<Database>,
  who: CaseActor,
  opened: OpenedCase,
): Promise<number> {
  const { loss, ownerId, repIds, interviewerId, step, overrides, today } = opened
  const actor = actorLabel(who.audit)
  const id = await insertCase(trx, {
    subject_kind: loss.kind,
    subject_key: loss.subjectKey,
    customer_id: loss.customerId,
    deal_id: loss.dealId,
    attempt: (await countCasesOf(trx, loss.subjectKey)) + 1,
    stage: 'identified',
    owner_id: ownerId,
    interviewer_id: interviewerId,
    ...step,
    opened_on: today,
    lost_on: loss.lostOn,
    losing_rep_id: loss.losingRepId,
    lost_value_minor: loss.lostValueMinor,
    source: 'app',
  })
  await setCaseReps(trx, id, repIds)
  await insertCaseEvent(trx, {
    case_id: id,
    actor,
    kind: 'opened',
    from_stage: null,
    to_stage: 'identified',
    note: step.next_step,
    data_json: JSON.stringify({
      ownerId,
      repIds,
      interviewerId,
      overrides: overrides.map((override) => override.rule),
    }),
  })
  await keepOverrides(trx, { caseId: id, actor, overrides })
  const fields = ['subject', 'owner_id', 'reps', 'interviewer_id', 'next_step', 'next_step_due_on']
  await auditCaseChange(trx, who.audit, {
    action: 'create',
    objectType: 'case',
    objectId: String(id),
    fields: overrides.length > 0 ? [...fields, 'rule_overrides'] : fields,
  })
  return id
}
