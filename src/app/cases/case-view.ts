import type { CaseStage } from '../../domain/case-stage.js'
import {
  type CaseReasonLine,
  type CaseRepLine,
  type CaseRow,
  listCaseReasons,
  listCaseReps,
  type Queryable,
  readCustomerNames,
  type UserRow,
} from '../../store/index.js'
import { usersById } from './case-support.js'
import { liveReasonOfId, loadTaxonomy, type Taxonomy } from './taxonomy.js'

/** A person on a case. */
export interface CasePerson {
  readonly id: number
  readonly name: string
}

/** A case as lists and boards show it. */
export interface CaseSummary {
  readonly id: number
  readonly version: number
  readonly subjectKind: 'customer' | 'deal'
  readonly subjectKey: string
  readonly customerId: string
  readonly customerName: string | null
  readonly dealId: number | null
  readonly attempt: number
  readonly stage: CaseStage
  readonly resumeStage: string | null
  readonly restUntil: string | null
  readonly owner: CasePerson
  readonly reps: readonly (CasePerson & { readonly startedOn: string })[]
  readonly interviewer: CasePerson | null
  readonly nextStep: string | null
  readonly nextStepDueOn: string | null
  /** an open case whose next step was due before today */
  readonly overdue: boolean
  readonly openedOn: string
  readonly endedOn: string | null
  readonly lostOn: string | null
  readonly losingRepId: number | null
  readonly lostValueMinor: number
  /** live reason codes (merges resolved) */
  readonly reasons: readonly string[]
  readonly source: 'app' | 'past_attempt'
}

/** The lookups that turn case rows into summaries, loaded once per list. */
export interface SummaryContext {
  readonly users: ReadonlyMap<number, UserRow>
  readonly taxonomy: Taxonomy
  readonly names: ReadonlyMap<string, string | null>
  readonly reps: readonly CaseRepLine[]
  readonly reasons: readonly CaseReasonLine[]
  readonly today: string
}

/** Loads what `toCaseSummary` needs for these rows. */
export async function loadSummaryContext(
  target: Queryable,
  rows: readonly CaseRow[],
  today: string,
): Promise<SummaryContext> {
  const ids = rows.map((row) => Number(row.id))
  return {
    users: await usersById(target),
    taxonomy: await loadTaxonomy(target),
    names: await readCustomerNames(
      target,
      rows.map((row) => row.customer_id),
    ),
    reps: await listCaseReps(target, ids),
    reasons: await listCaseReasons(target, ids),
    today,
  }
}

/** A case row as a summary. */
export function toCaseSummary(row: CaseRow, context: SummaryContext): CaseSummary {
  const id = Number(row.id)
  const person = (userId: number | null): CasePerson | null =>
    userId === null
      ? null
      : { id: userId, name: context.users.get(userId)?.name ?? `user ${userId}` }
  const ownerId = Number(row.owner_id)
  const reasonCodes = context.reasons
    .filter((line) => line.case_id === id)
    .map((line) => liveReasonOfId(context.taxonomy, line.reason_id)?.code ?? `#${line.reason_id}`)
  return {
    id,
    version: Number(row.version),
    subjectKind: row.subject_kind,
    subjectKey: row.subject_key,
    customerId: row.customer_id,
    customerName: context.names.get(row.customer_id) ?? null,
    dealId: row.deal_id === null ? null : Number(row.deal_id),
    attempt: Number(row.attempt),
    stage: row.stage as CaseStage,
    resumeStage: row.resume_stage,
    restUntil: row.rest_until,
    owner: person(ownerId) ?? { id: ownerId, name: '' },
    reps: context.reps
      .filter((rep) => rep.case_id === id)
      .map((rep) => ({ id: rep.user_id, name: rep.name, startedOn: rep.started_on })),
    interviewer: person(row.interviewer_id === null ? null : Number(row.interviewer_id)),
    nextStep: row.next_step,
    nextStepDueOn: row.next_step_due_on,
    overdue:
      row.ended_on === null &&
      row.next_step_due_on !== null &&
      row.next_step_due_on < context.today,
    openedOn: row.opened_on,
    endedOn: row.ended_on,
    lostOn: row.lost_on,
    losingRepId: row.losing_rep_id === null ? null : Number(row.losing_rep_id),
    lostValueMinor: Number(row.lost_value_minor),
    reasons: [...new Set(reasonCodes)],
    source: row.source,
  }
}

/**
 * Case rows as summaries, with every lookup loaded once.
 * @example const cases = await summarizeCases(store, rows, '2024-05-01')
 */
export async function summarizeCases(
  target: Queryable,
  rows: readonly CaseRow[],
  today: string,
): Promise<CaseSummary[]> {
  const context = await loadSummaryContext(target, rows, today)
  return rows.map((row) => toCaseSummary(row, context))
}
