import { z } from 'zod'

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
const text = (max: number) => z.string().max(max)

/** `/cases/{id}/plan…` path. */
export const planCaseParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })
/** `/cases/{id}/plan/conditions/{conditionId}` path. */
export const planConditionParamsSchema = z.strictObject({
  id: z.coerce.number().int().positive(),
  conditionId: z.coerce.number().int().positive(),
})
/** `/cases/{id}/plan/extras/{extraId}` path. */
export const planExtraParamsSchema = z.strictObject({
  id: z.coerce.number().int().positive(),
  extraId: z.coerce.number().int().positive(),
})

/** One condition; `version` is what its PATCH and DELETE send as If-Match. */
export const planConditionSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  text: z.string(),
  side: z.enum(['us', 'customer']),
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  contactName: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  doneOn: z.string().nullable(),
  doneBy: z.string().nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
})

/** What is delivered beyond the fix. */
export const planExtraSchema = z.object({
  id: z.number().int(),
  what: z.string(),
  valueMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  deliveredOn: z.string().nullable(),
})

/**
 * The written plan of a case; `version` is its ETag (null before one is started). `changed` means
 * edited since it was agreed: it needs agreeing again.
 */
export const planSchema = z.object({
  caseId: z.number().int(),
  version: z.number().int().nullable(),
  status: z.enum(['none', 'draft', 'agreed', 'changed']),
  summary: z.string().nullable(),
  agreedVersion: z.number().int().nullable(),
  agreedOn: z.string().nullable(),
  ourSigner: z.string().nullable(),
  theirSigner: z.string().nullable(),
  conditions: z.array(planConditionSchema),
  extras: z.array(planExtraSchema),
  allDone: z.boolean(),
})

/** `POST /api/cases/{id}/plan`: start the plan with its fix. */
export const startPlanBodySchema = z.strictObject({ summary: text(4000).nullable().optional() })
/** `PATCH /api/cases/{id}/plan` (If-Match): rewrite the fix. */
export const changePlanBodySchema = z.strictObject({ summary: text(4000).nullable() })
/** `PATCH /api/cases/{id}/plan/agreement` (If-Match: the plan version both sides read). */
export const agreePlanBodySchema = z.strictObject({
  theirSigner: text(200).nullable().optional(),
})

/** `POST /api/cases/{id}/plan/conditions`: ours name an owner (a user), theirs a contact. */
export const addPlanConditionBodySchema = z.strictObject({
  text: text(1000),
  side: z.enum(['us', 'customer']),
  ownerId: z.number().int().positive().nullable().optional(),
  contactName: text(200).nullable().optional(),
  dueOn: isoDay,
  note: text(2000).nullable().optional(),
})
/** `PATCH /api/cases/{id}/plan/conditions/{conditionId}` (If-Match: the condition's version). */
export const changePlanConditionBodySchema = addPlanConditionBodySchema.partial()
/** `POST /api/cases/{id}/plan/conditions/{conditionId}/done`. */
export const completePlanConditionBodySchema = z.strictObject({
  note: text(2000).nullable().optional(),
})

/** `POST /api/cases/{id}/plan/extras`. */
export const addPlanExtraBodySchema = z.strictObject({
  what: text(1000),
  valueMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  deliveredOn: isoDay.nullable().optional(),
})

/** `GET /api/cases/{id}/plan/agreement.pdf?size=a4|letter`. */
export const planAgreementQuerySchema = z.strictObject({
  size: z.enum(['a4', 'letter']).optional(),
})

export type PlanResponse = z.infer<typeof planSchema>
export type PlanConditionItem = z.infer<typeof planConditionSchema>
export type PlanExtraItem = z.infer<typeof planExtraSchema>
export type AddPlanConditionBody = z.infer<typeof addPlanConditionBodySchema>
export type AddPlanExtraBody = z.infer<typeof addPlanExtraBodySchema>
