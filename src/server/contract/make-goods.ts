import { z } from 'zod'

const KINDS = [
  'service_credit',
  'free_work',
  'extended_warranty',
  'gift',
  'price_concession',
] as const
const minor = z.number().int()

/** `/cases/{id}/…` path. */
export const makeGoodCaseParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })
/** `/make-goods/{id}` path. */
export const makeGoodParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })

/** One make-good offer; `version` is its ETag. */
export const makeGoodSchema = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  customerId: z.string(),
  kind: z.enum(KINDS),
  valueMinor: minor,
  currency: z.string(),
  incidentIds: z.array(z.number().int()),
  answersRemedy: z.boolean(),
  description: z.string().nullable(),
  reason: z.string().nullable(),
  suggestedMinor: minor,
  flags: z.array(z.enum(['too_small', 'too_large', 'price_concession'])),
  status: z.enum(['proposed', 'approved', 'rejected']),
  proposedBy: z.number().int().nullable(),
  proposedAt: z.string(),
  decidedBy: z.number().int().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
})

export const makeGoodListResponseSchema = z.object({ items: z.array(makeGoodSchema) })

/** `GET /api/make-goods`: the make-goods report, narrowed by status or flag. */
export const makeGoodReportQuerySchema = z.strictObject({
  status: z.enum(['proposed', 'approved', 'rejected']).optional(),
  flag: z.enum(['too_small', 'too_large', 'price_concession']).optional(),
})

/** `POST /api/cases/{id}/make-goods`: put an offer forward. */
export const proposeMakeGoodBodySchema = z.strictObject({
  kind: z.enum(KINDS),
  valueMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  incidentIds: z.array(z.number().int().positive()).max(500).optional(),
  answersRemedy: z.boolean().optional(),
  description: z.string().max(2000).nullable().optional(),
  reason: z.string().max(2000).nullable().optional(),
})

/** `PATCH /api/make-goods/{id}` (If-Match): approve or reject it, with a reason when needed. */
export const decideMakeGoodBodySchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(2000).nullable().optional(),
})

/** `GET /api/cases/{id}/make-good-suggestion`: the damage, the worth and the suggested size. */
export const makeGoodSuggestionResponseSchema = z.object({
  caseId: z.number().int(),
  customerId: z.string(),
  incidents: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      occurredOn: z.string(),
      costMinor: minor,
      currency: z.string(),
      description: z.string().nullable(),
    }),
  ),
  findingCostMinor: minor.nullable(),
  remedy: z.string().nullable(),
  damageMinor: minor,
  valueIfWonBackMinor: minor,
  yearlyRevenueMinor: minor,
  suggestedMinor: minor,
  tooSmallBelowMinor: minor,
  tooLargeAboveMinor: minor.nullable(),
  currency: z.string(),
  explanation: z.string(),
})

const limit = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable()

/** The approval limits (minor units; null = none) and the sizing rule. */
export const makeGoodSettingsResponseSchema = z.object({
  version: z.string(),
  limits: z.object({ rep: limit, manager: limit, vp: limit }),
  sizing: z.object({
    damageShare: z.number(),
    valueShare: z.number(),
    tooSmallShare: z.number(),
    tooLargeYears: z.number(),
  }),
})

/** `PATCH /api/settings/make-goods` (If-Match, admins): change limits or the sizing rule. */
export const changeMakeGoodSettingsBodySchema = z.strictObject({
  limits: z
    .strictObject({ rep: limit.optional(), manager: limit.optional(), vp: limit.optional() })
    .optional(),
  sizing: z
    .strictObject({
      damageShare: z.number().min(0).max(10).optional(),
      valueShare: z.number().min(0).max(10).optional(),
      tooSmallShare: z.number().min(0).max(1).optional(),
      tooLargeYears: z.number().positive().max(100).optional(),
    })
    .optional(),
})

export type MakeGoodItem = z.infer<typeof makeGoodSchema>
export type MakeGoodListResponse = z.infer<typeof makeGoodListResponseSchema>
export type ProposeMakeGoodBody = z.infer<typeof proposeMakeGoodBodySchema>
export type DecideMakeGoodBody = z.infer<typeof decideMakeGoodBodySchema>
export type MakeGoodSuggestionResponse = z.infer<typeof makeGoodSuggestionResponseSchema>
export type MakeGoodSettingsResponse = z.infer<typeof makeGoodSettingsResponseSchema>
export type ChangeMakeGoodSettingsBody = z.infer<typeof changeMakeGoodSettingsBodySchema>
