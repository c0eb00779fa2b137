import { z } from 'zod'
import { APPROACH_CHANNELS, CASE_STAGES, type CaseStage } from '../../domain/case-stage.js'

/** Every case stage: the five open ones, resting, the three endings (SPEC "Case states"). */
export const caseStageSchema = z.enum(CASE_STAGES as [CaseStage, ...CaseStage[]])

/** The rules a user may set aside on one case with a written reason (at least 10 characters). */
export const caseRuleSchema = z.enum([
  'owner_manager_or_vp',
  'interviewer_not_losing_rep',
  'new_rep_not_alone',
  'ending_needs_reason',
])

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
const text = (max: number) => z.string().max(max)
const userId = z.number().int().positive()

/** A rule overridden with a written reason, kept on the case. */
export const ruleOverrideSchema = z.strictObject({
  rule: caseRuleSchema,
  reason: z.string().min(1).max(2000),
})

const CASE_SORT_KEYS = ['nextStepDueOn', 'openedOn', 'lostOn', 'lostValue', 'customerName'] as const
const CASE_SORTS = [...CASE_SORT_KEYS, ...CASE_SORT_KEYS.map((key) => `-${key}` as const)] as const
const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true')

/**
 * `GET /api/cases` query: paging (limit + offset), filters and sort. `stage` may repeat as a
 * comma-separated list; `open=true` keeps open and resting cases, `false` ended ones; `overdue=true`
 * keeps open cases whose next step was due before today. Default sort: `nextStepDueOn`.
 */
export const caseListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
  stage: z
    .string()
    .max(300)
    .transform((value) => value.split(',').filter((stage) => stage !== ''))
    .pipe(z.array(caseStageSchema))
    .optional(),
  open: booleanQuery.optional(),
  ownerId: z.coerce.number().int().positive().optional(),
  overdue: booleanQuery.optional(),
  subjectKind: z.enum(['customer', 'deal']).optional(),
  customerId: z.string().min(1).max(200).optional(),
  sort: z.enum(CASE_SORTS).optional(),
})

const personSchema = z.object({ id: z.number().int(), name: z.string() })

/** A case as the board and lists show it; `version` is its ETag value. */
export const caseSummarySchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  subjectKind: z.enum(['customer', 'deal']),
  subjectKey: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  dealId: z.number().int().nullable(),
  attempt: z.number().int(),
  stage: caseStageSchema,
  resumeStage: z.string().nullable(),
  restUntil: z.string().nullable(),
  owner: personSchema,
  reps: z.array(personSchema.extend({ startedOn: z.string() })),
  interviewer: personSchema.nullable(),
  nextStep: z.string().nullable(),
  nextStepDueOn: z.string().nullable(),
  overdue: z.boolean(),
  openedOn: z.string(),
  endedOn: z.string().nullable(),
  lostOn: z.string().nullable(),
  losingRepId: z.number().int().nullable(),
  lostValueMinor: z.number().int(),
  reasons: z.array(z.string()),
  source: z.enum(['app', 'past_attempt']),
})

/** A page of cases and how many match in all. */
export const caseListResponseSchema = z.object({
  items: z.array(caseSummarySchema),
  total: z.number().int(),
})

/** `GET /api/cases/overdue`: overdue steps on my list, and on my team's (cases my reports own). */
export const overdueStepsResponseSchema = z.object({
  mine: z.array(caseSummarySchema),
  team: z.array(caseSummarySchema),
})

const caseFieldSchema = z.enum([
  'researchNotes',
  'approachChannel',
  'interviewerId',
  'customerWords',
  'reasons',
  'customerCost',
  'remedy',
  'planSummary',
  'endingNote',
  'restUntil',
])

const questionSchema = z.object({
  stage: z.string(),
  field: caseFieldSchema,
  question: z.string(),
  required: z.boolean(),
  answered: z.boolean(),
})

/** A stage the case may move to now, with what that stage asks (answered or not). */
export const allowedMoveSchema = z.object({
  stage: caseStageSchema,
  questions: z.array(questionSchema),
  /** true when every required question of the move is already answered */
  ready: z.boolean(),
})

/** `GET /api/cases/{id}` (and the answer of every case change): the case page. ETag: `"<version>"`. */
export const caseDetailSchema = caseSummarySchema.extend({
  finding: z.object({
    customerWords: z.string().nullable(),
    customerCostMinor: z.number().int().nullable(),
    customerCostNote: z.string().nullable(),
    remedy: z.string().nullable(),
    competitor: z.string().nullable(),
    reasonNote: z.string().nullable(),
    reasonsRecorded: z.array(z.object({ code: z.string(), liveCode: z.string() })),
  }),
  researchNotes: z.string().nullable(),
  approachChannel: z.string().nullable(),
  planSummary: z.string().nullable(),
  endingNote: z.string().nullable(),
  overrides: z.array(
    z.object({ rule: z.string(), reason: z.string(), actor: z.string(), at: z.string() }),
  ),
  /** what the next open stage asks for */
  nextQuestions: z.array(questionSchema),
  /** every stage the case may be moved to now (none once ended) */
  allowedMoves: z.array(allowedMoveSchema),
  timeline: z.array(
    z.object({
      at: z.string(),
      actor: z.string(),
      kind: z.string(),
      fromStage: z.string().nullable(),
      toStage: z.string().nullable(),
      note: z.string().nullable(),
      data: z.unknown(),
    }),
  ),
})

/** `GET/PATCH /api/cases/{id}` path. */
export const caseParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })

/** `POST /api/cases`: open a case on a lost customer or a lost deal. */
export const openCaseBodySchema = z.strictObject({
  subject: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('customer'), customerId: z.string().min(1).max(200) }),
    z.strictObject({ kind: z.literal('deal'), dealId: z.number().int().positive() }),
  ]),
  ownerId: userId.optional(),
  repIds: z.array(userId).max(20).optional(),
  interviewerId: userId.nullable().optional(),
  nextStep: text(500).optional(),
  nextStepDueOn: isoDate.optional(),
  overrides: z.array(ruleOverrideSchema).max(4).optional(),
})

/** What an exit interview found; `reasons` (codes) replaces the case's reasons when given. */
export const caseFindingSchema = z.strictObject({
  customerWords: text(5000).nullable().optional(),
  reasons: z.array(z.string().min(1).max(100)).max(20).optional(),
  competitor: text(200).nullable().optional(),
  reasonNote: text(2000).nullable().optional(),
  customerCostMinor: z.number().int().min(0).nullable().optional(),
  customerCostNote: text(2000).nullable().optional(),
  remedy: text(5000).nullable().optional(),
})

/**
 * `PATCH /api/cases/{id}` (If-Match required): with `to`, moves the case to that stage with the
 * stage's answers (`to: 'resting'` needs `restUntil`: rest until that date); without `to`, records
 * answers, a next step and its due date in place. Fields left out stay as they are.
 */
export const changeCaseBodySchema = z.strictObject({
  to: caseStageSchema.optional(),
  finding: caseFindingSchema.optional(),
  researchNotes: text(5000).nullable().optional(),
  approachChannel: z.enum(APPROACH_CHANNELS).nullable().optional(),
  interviewerId: userId.nullable().optional(),
  planSummary: text(5000).nullable().optional(),
  endingNote: text(5000).nullable().optional(),
  restUntil: isoDate.optional(),
  nextStep: text(500).optional(),
  nextStepDueOn: isoDate.optional(),
  endedOn: isoDate.optional(),
  overrides: z.array(ruleOverrideSchema).max(4).optional(),
})

/** `PATCH /api/cases/{id}/people` (If-Match required): owner, reps, interviewer; left out stays. */
export const assignCaseBodySchema = z.strictObject({
  ownerId: userId.optional(),
  repIds: z.array(userId).max(20).optional(),
  interviewerId: userId.nullable().optional(),
  nextStep: text(500).optional(),
  nextStepDueOn: isoDate.optional(),
  overrides: z.array(ruleOverrideSchema).max(4).optional(),
})

export type CaseStageName = z.infer<typeof caseStageSchema>
export type CaseRuleName = z.infer<typeof caseRuleSchema>
export type CaseListQuery = z.input<typeof caseListQuerySchema>
export type CaseSummaryItem = z.infer<typeof caseSummarySchema>
export type CaseListResponse = z.infer<typeof caseListResponseSchema>
export type OverdueStepsResponse = z.infer<typeof overdueStepsResponseSchema>
export type CaseDetailResponse = z.infer<typeof caseDetailSchema>
export type AllowedMove = z.infer<typeof allowedMoveSchema>
export type OpenCaseBody = z.infer<typeof openCaseBodySchema>
export type ChangeCaseBody = z.infer<typeof changeCaseBodySchema>
export type AssignCaseBody = z.infer<typeof assignCaseBodySchema>
export type RuleOverrideBody = z.infer<typeof ruleOverrideSchema>
