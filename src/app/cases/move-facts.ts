import { APPROACH_CHANNELS, type CaseStage, type OpenStage } from '../../domain/case-stage.js'
import { ValidationError } from '../../domain/errors.js'
import type { CaseFacts } from '../../domain/win-back-case.js'
import type { CaseChanges, CaseRow } from '../../store/index.js'
import { cleanText } from './next-step.js'

/** What an exit interview found (SPEC "finding"): the customer's words, reasons, cost and remedy. */
export interface CaseFindingInput {
  readonly customerWords?: string | null
  /** reason codes; replaces the case's reasons when given */
  readonly reasons?: readonly string[]
  readonly competitor?: string | null
  /** free text beside the codes */
  readonly reasonNote?: string | null
  readonly customerCostMinor?: number | null
  readonly customerCostNote?: string | null
  readonly remedy?: string | null
}

/** The answers a change may bring besides the finding. Undefined leaves a field as it is. */
export interface CaseAnswers {
  readonly finding?: CaseFindingInput
  readonly researchNotes?: string | null
  readonly approachChannel?: string | null
  readonly interviewerId?: number | null
  readonly planSummary?: string | null
  readonly endingNote?: string | null
  readonly restUntil?: string
}

/** A stored case as the state machine sees it. */
export function caseFacts(row: CaseRow, reasonCount: number): CaseFacts {
  return {
    stage: row.stage as CaseStage,
    resumeStage: row.resume_stage as OpenStage | null,
    restUntil: row.rest_until,
    researchNotes: row.research_notes,
    approachChannel: row.approach_channel,
    // the owner holds the exit interview unless someone else is named
    interviewerId: Number(row.interviewer_id ?? row.owner_id),
    customerWords: row.customer_words,
    reasonCount,
    customerCostMinor: row.customer_cost_minor === null ? null : Number(row.customer_cost_minor),
    customerCostNote: row.customer_cost_note,
    remedy: row.remedy,
    planSummary: row.plan_summary,
    endingNote: row.ending_note,
  }
}

/**
 * The columns the answers change (only those given), cleaned: text trimmed and bounded, blank made
 * null, the approach channel one of the known ones, a cost a whole non-negative amount.
 * @throws ValidationError
 */
export function answerColumns(answers: CaseAnswers): CaseChanges {
  const finding = answers.finding ?? {}
  const cost = finding.customerCostMinor
  if (cost != null && !(Number.isSafeInteger(cost) && cost >= 0)) {
    throw new ValidationError('what it cost them is a whole amount in minor units, 0 or more', {
      issues: [{ path: ['customerCostMinor'], message: 'not a whole non-negative amount' }],
    })
  }
  const channel = cleanText('approachChannel', answers.approachChannel)
  if (channel != null && !(APPROACH_CHANNELS as readonly string[]).includes(channel)) {
    throw new ValidationError(
      `an approach is one of ${APPROACH_CHANNELS.join(', ')}, not "${channel}"`,
      { issues: [{ path: ['approachChannel'], message: 'unknown channel' }] },
    )
  }
  const columns: Record<string, unknown> = {
    customer_words: cleanText('customerWords', finding.customerWords),
    competitor: cleanText('competitor', finding.competitor),
    reason_note: cleanText('reasonNote', finding.reasonNote),
    customer_cost_minor: cost,
    customer_cost_note: cleanText('customerCostNote', finding.customerCostNote),
    remedy: cleanText('remedy', finding.remedy),
    research_notes: cleanText('researchNotes', answers.researchNotes),
    approach_channel: channel,
    interviewer_id: answers.interviewerId,
    plan_summary: cleanText('planSummary', answers.planSummary),
    ending_note: cleanText('endingNote', answers.endingNote),
    rest_until: answers.restUntil,
  }
  return Object.fromEntries(
    Object.entries(columns).filter(([, value]) => value !== undefined),
  ) as CaseChanges
}

/** The facts after applying changed columns (and a new reason count) to a case. */
export function mergedFacts(row: CaseRow, changes: CaseChanges, reasonCount: number): CaseFacts {
  return caseFacts({ ...row, ...changes } as CaseRow, reasonCount)
}
