import { mayManageCases } from '../../domain/case-access.js'
import { addDays, isIsoDate } from '../../domain/case-dates.js'
import type { RuleOverride } from '../../domain/case-rules.js'
import { type CaseStage, isCaseEnding, isOpenStage } from '../../domain/case-stage.js'
import {
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.js'
import {
  checkMove,
  isAnswered,
  type MoveOutcome,
  moveOutcome,
  requiredQuestions,
} from '../../domain/win-back-case.js'
import {
  type CaseChanges,
  type CaseRow,
  getCaseRow,
  listCaseReasons,
  listRuleOverrides,
  type Store,
} from '../../store/index.js'
import { type CaseDetail, describeCase } from './case-detail.js'
import { enforceCaseRules } from './case-rule-check.js'
import {
  auditDenied,
  type CaseActor,
  dayOf,
  type LoadedCase,
  loadCaseFor,
  requireVersion,
} from './case-support.js'
import { applyCaseChange, type PlannedChange } from './move-apply.js'
import { answerColumns, type CaseAnswers, mergedFacts } from './move-facts.js'
import { nextStepFor } from './next-step.js'
import { liveReasonOf, loadTaxonomy } from './taxonomy.js'

/** A change to a case: answers, perhaps a new stage, a next step, overrides of rules it breaks. */
export interface CaseChangeInput extends CaseAnswers {
  readonly caseId: number
  /** the version the change was based on (If-Match); required */
  readonly expectedVersion: number | undefined
  readonly nextStep?: string
  readonly nextStepDueOn?: string
  /** the day an ending happened; default today */
  readonly endedOn?: string
  readonly overrides?: readonly RuleOverride[]
  readonly today?: string
}

/**
 * Moves a case to another stage, recording what that stage asks for (SPEC "Case states"): the
 * machine checks the move, the rules check the people and reasons, and the case, its timeline and
 * the audit log change together — only if the case is still at `expectedVersion` (TESTPLAN T6).
 * Ending as let go adds a leave-them-happy, ask-for-a-referral task for the owner.
 * @throws PRECONDITION_REQUIRED without a version; PreconditionFailedError when stale;
 * ValidationError listing what is missing or which rule refuses; NotFoundError; ForbiddenError
 * @example await moveCase(store, who, { caseId: 7, expectedVersion: 2, to: 'approached', approachChannel: 'letter' })
 */
export async function moveCase(
  store: Store,
  who: CaseActor,
  input: CaseChangeInput & { readonly to: CaseStage },
): Promise<CaseDetail> {
  return changeCase(store, who, input, input.to)
}

/**
 * Records answers on a case without moving it (a finding, notes, a new next step); the stage's
 * questions must stay answered.
 * @example await updateCase(store, who, { caseId: 7, expectedVersion: 3, nextStep: 'Call back Monday' })
 */
export async function updateCase(
  store: Store,
  who: CaseActor,
  input: CaseChangeInput,
): Promise<CaseDetail> {
  return changeCase(store, who, input, undefined)
}

/**
 * Rests a case until a date (the icy shoulder): open but paused, no approach meanwhile; on that
 * date it comes back to the stage it left with a next step (`resumeRestedCases`).
 * @example await restCase(store, who, { caseId: 7, expectedVersion: 4, until: '2025-01-15' })
 */
export async function restCase(
  store: Store,
  who: CaseActor,
  input: {
    readonly caseId: number
    readonly expectedVersion: number | undefined
    readonly until: string
    readonly note?: string
    readonly today?: string
  },
): Promise<CaseDetail> {
  if (!isIsoDate(input.until)) {
    throw new ValidationError(`rest until a date written YYYY-MM-DD, not "${input.until}"`)
  }
  return changeCase(
    store,
    who,
    {
      caseId: input.caseId,
      expectedVersion: input.expectedVersion,
      restUntil: input.until,
      ...(input.note === undefined ? {} : { nextStep: input.note }),
      ...(input.today === undefined ? {} : { today: input.today }),
    },
    'resting',
  )
}

async function changeCase(
  store: Store,
  who: CaseActor,
  input: CaseChangeInput,
  to: CaseStage | undefined,
): Promise<CaseDetail> {
  const today = dayOf(input.today)
  const expected = requireVersion(input.expectedVersion)
  const loaded = await loadCaseFor(store, who, input.caseId, 'write')
  await assertMayMakeChange(store, who, loaded, { input, to })
  if (Number(loaded.row.version) !== expected) {
    throw new PreconditionFailedError(
      `case ${input.caseId} is at version ${loaded.row.version}, not ${expected}: reload it and try again`,
    )
  }
  const plan = await planChange(store, loaded, { input, to, today })
  await store.db
    .transaction()
    .execute((trx) => applyCaseChange(trx, who, { loaded, expectedVersion: expected, plan, today }))
  const row = await getCaseRow(store, input.caseId)
  if (row === undefined) {
    throw new NotFoundError(`case ${input.caseId} not found`)
  }
  return describeCase(store, row, today)
}

// reps carry out the steps; ending a case or choosing its interviewer is sales management's call
async function assertMayMakeChange(
  store: Store,
  who: CaseActor,
  loaded: LoadedCase,
  change: { input: CaseChangeInput; to: CaseStage | undefined },
): Promise<void> {
  const managed =
    (change.to !== undefined && isCaseEnding(change.to)) || change.input.interviewerId !== undefined
  if (managed && !mayManageCases(who.actor)) {
    await auditDenied(store, who, 'denied_write', Number(loaded.row.id))
    throw new ForbiddenError(
      'only a manager, the VP or an admin may end a case or choose who holds the exit interview',
    )
  }
}

async function planChange(
  store: Store,
  loaded: LoadedCase,
  change: { input: CaseChangeInput; to: CaseStage | undefined; today: string },
): Promise<PlannedChange> {
  const { row } = loaded
  const { input, to, today } = change
  const answers = answerColumns(input)
  const taxonomy = await loadTaxonomy(store)
  const reasonIds = input.finding?.reasons?.map((code) => liveReasonOf(taxonomy, code).id)
  const storedReasons = await listCaseReasons(store, [Number(row.id)])
  const reasonCount = reasonIds === undefined ? storedReasons.length : new Set(reasonIds).size
  const facts = mergedFacts(row, answers, reasonCount)
  const issues =
    to === undefined
      ? requiredQuestions(facts.stage)
          .filter((question) => !isAnswered(facts, question.field))
          .map((question) => ({
            path: [question.field],
            message: `${facts.stage} needs an answer: ${question.question}`,
          }))
      : checkMove(facts, to, today)
  if (issues.length > 0) {
    throw new ValidationError(issues.map((issue) => issue.message).join('; '), { issues })
  }
  const outcome = to === undefined ? undefined : moveOutcome(facts, to)
  const stageColumns = stageColumnsFor(row, { outcome, input, today })
  const overrides = await enforceCaseRules(store, {
    today,
    ownerId: Number(row.owner_id),
    repIds: loaded.participants.repIds,
    interviewerId: facts.interviewerId,
    losingRepId: row.losing_rep_id === null ? null : Number(row.losing_rep_id),
    endingTo: outcome?.ends === true ? outcome.stage : null,
    reasonCount,
    overrides: input.overrides ?? [],
    keptOverrides: new Set(
      (await listRuleOverrides(store, Number(row.id))).map((o) => o.rule as RuleOverride['rule']),
    ),
  })
  return {
    from: row.stage,
    to,
    changes: { ...answers, ...stageColumns },
    reasonIds: reasonIds === undefined ? undefined : [...new Set(reasonIds)],
    reasonCodes: input.finding?.reasons?.map((code) => liveReasonOf(taxonomy, code).code),
    overrides,
  }
}

function stageColumnsFor(
  row: CaseRow,
  change: { outcome: MoveOutcome | undefined; input: CaseChangeInput; today: string },
): CaseChanges {
  const { outcome, input, today } = change
  const stage = outcome?.stage ?? (row.stage as CaseStage)
  if (outcome === undefined) {
    const newStep = input.nextStep !== undefined || input.nextStepDueOn !== undefined
    return isOpenStage(stage) && newStep
      ? nextStepFor(
          stage,
          {
            nextStep: input.nextStep ?? row.next_step ?? undefined,
            nextStepDueOn: input.nextStepDueOn,
          },
          today,
        )
      : {}
  }
  if (isOpenStage(stage)) {
    return { stage, resume_stage: null, rest_until: null, ...nextStepFor(stage, input, today) }
  }
  if (stage === 'resting') {
    const until = outcome.restUntil ?? addDays(today, 1)
    return {
      stage,
      resume_stage: outcome.resumeStage,
      rest_until: until,
      next_step: input.nextStep?.trim() || `Back in touch: they asked for time until ${until}`,
      next_step_due_on: until,
    }
  }
  return {
    stage,
    ended_on: endedOn(row, input, today),
    next_step: null,
    next_step_due_on: null,
    resume_stage: null,
    rest_until: null,
  }
}

function endedOn(row: CaseRow, input: CaseChangeInput, today: string): string {
  const day = input.endedOn ?? today
  if (!isIsoDate(day) || day > today || day < row.opened_on) {
    throw new ValidationError(
      `a case ends on a date from its opening (${row.opened_on}) to today (${today}), not "${day}"`,
      { issues: [{ path: ['endedOn'], message: 'out of range' }] },
    )
  }
  return day
}
