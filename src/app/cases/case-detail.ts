import {
  type CaseField,
  isOpenStage,
  OPEN_STAGES,
  STAGE_QUESTIONS,
  stageRank,
} from '../../domain/case-stage.js'
import { isAnswered } from '../../domain/win-back-case.js'
import {
  type CaseRow,
  listCaseEvents,
  listCaseReasons,
  listRuleOverrides,
  type Store,
} from '../../store/index.js'
import { type AllowedMove, allowedMoves } from './allowed-moves.js'
import { type CaseActor, dayOf, loadCaseFor } from './case-support.js'
import { type CaseSummary, summarizeCases } from './case-view.js'
import { caseFacts } from './move-facts.js'
import { liveReasonOfId, loadTaxonomy } from './taxonomy.js'

/** One entry of a case's timeline. */
export interface CaseTimelineEntry {
  readonly at: string
  readonly actor: string
  readonly kind: string
  readonly fromStage: string | null
  readonly toStage: string | null
  readonly note: string | null
  readonly data: unknown
}

/** One question of the stage a case would move to next, and whether it is answered yet. */
export interface OpenQuestion {
  readonly stage: string
  readonly field: CaseField
  readonly question: string
  readonly required: boolean
  readonly answered: boolean
}

/** A case with everything its page shows: what was found, the rules set aside, the timeline. */
export interface CaseDetail extends CaseSummary {
  readonly finding: {
    readonly customerWords: string | null
    readonly customerCostMinor: number | null
    readonly customerCostNote: string | null
    readonly remedy: string | null
    readonly competitor: string | null
    readonly reasonNote: string | null
    /** reasons as recorded (a merged code shows with the code it now lives on as) */
    readonly reasonsRecorded: readonly { readonly code: string; readonly liveCode: string }[]
  }
  readonly researchNotes: string | null
  readonly approachChannel: string | null
  readonly planSummary: string | null
  readonly endingNote: string | null
  readonly overrides: readonly {
    readonly rule: string
    readonly reason: string
    readonly actor: string
    readonly at: string
  }[]
  /** what the next open stage asks for (none once at Plan agreed, resting or ended) */
  readonly nextQuestions: readonly OpenQuestion[]
  /** every stage the case may be moved to now, with that move's questions (none once ended) */
  readonly allowedMoves: readonly AllowedMove[]
  readonly timeline: readonly CaseTimelineEntry[]
}

/**
 * One case with its finding, rule overrides, next questions and timeline, if the actor may read it.
 * @throws NotFoundError for a missing case or one the actor may not read
 * @example const detail = await getCaseAs(store, who, 7)
 */
export async function getCaseAs(
  store: Store,
  who: CaseActor,
  caseId: number,
  options: { readonly today?: string } = {},
): Promise<CaseDetail> {
  const { row } = await loadCaseFor(store, who, caseId, 'read')
  return describeCase(store, row, dayOf(options.today))
}

/** A case row with everything its page shows (no access check: callers did it). */
export async function describeCase(store: Store, row: CaseRow, today: string): Promise<CaseDetail> {
  const id = Number(row.id)
  const [summary] = await summarizeCases(store, [row], today)
  const taxonomy = await loadTaxonomy(store)
  const recorded = await listCaseReasons(store, [id])
  const overrides = await listRuleOverrides(store, id)
  const events = await listCaseEvents(store, id)
  return {
    ...(summary as CaseSummary),
    finding: {
      customerWords: row.customer_words,
      customerCostMinor: row.customer_cost_minor === null ? null : Number(row.customer_cost_minor),
      customerCostNote: row.customer_cost_note,
      remedy: row.remedy,
      competitor: row.competitor,
      reasonNote: row.reason_note,
      reasonsRecorded: recorded.map((line) => ({
        code: taxonomy.byId.get(line.reason_id)?.code ?? `#${line.reason_id}`,
        liveCode: liveReasonOfId(taxonomy, line.reason_id)?.code ?? `#${line.reason_id}`,
      })),
    },
    researchNotes: row.research_notes,
    approachChannel: row.approach_channel,
    planSummary: row.plan_summary,
    endingNote: row.ending_note,
    overrides: overrides.map((o) => ({ rule: o.rule, reason: o.reason, actor: o.actor, at: o.at })),
    nextQuestions: nextQuestions(row, recorded.length),
    allowedMoves: allowedMoves(caseFacts(row, recorded.length)),
    timeline: events.map((event) => ({
      at: event.at,
      actor: event.actor,
      kind: event.kind,
      fromStage: event.from_stage,
      toStage: event.to_stage,
      note: event.note,
      data: event.data_json === null ? null : (JSON.parse(event.data_json) as unknown),
    })),
  }
}

function nextQuestions(row: CaseRow, reasonCount: number): OpenQuestion[] {
  const stage = row.stage
  if (!isOpenStage(stage)) {
    return []
  }
  const next = OPEN_STAGES.find((open) => stageRank(open) === stageRank(stage) + 1)
  if (next === undefined) {
    return []
  }
  const facts = caseFacts(row, reasonCount)
  return STAGE_QUESTIONS[next].map((question) => ({
    stage: next,
    field: question.field,
    question: question.question,
    required: question.required,
    answered: isAnswered(facts, question.field),
  }))
}
