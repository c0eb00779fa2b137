import { z } from 'zod'

/** Where a fix applies: a segment, a territory, or the accounts one rep lost (their user id). */
export const fixScopeSchema = z.strictObject({
  kind: z.enum(['segment', 'territory', 'rep']),
  value: z.string().min(1).max(200),
})

/** A recorded fix (fixes are recorded, never edited). */
export const fixViewSchema = z.object({
  id: z.number().int(),
  reasonCode: z.string(),
  liveReasonCode: z.string(),
  scope: z.object({ kind: z.enum(['segment', 'territory', 'rep']), value: z.string() }).nullable(),
  fixedOn: z.string(),
  ownerId: z.number().int().nullable(),
  note: z.string(),
  createdAt: z.string(),
})

export const fixListResponseSchema = z.object({ items: z.array(fixViewSchema) })

/** `POST /api/fixes`: record a fix of a (fixable) reason, optionally in a scope, from a date. */
export const recordFixBodySchema = z.strictObject({
  reasonCode: z.string().min(1).max(60),
  fixedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'),
  scope: fixScopeSchema.nullable().optional(),
  ownerId: z.number().int().positive().optional(),
  note: z.string().min(1).max(2000),
})

/** One lost customer or deal brought back by a fix or a new decision maker, and its task. */
export const resurfacedItemSchema = z.object({
  subjectKind: z.enum(['customer', 'deal']),
  subjectKey: z.string(),
  customerId: z.string(),
  dealId: z.number().int().nullable(),
  caseId: z.number().int().nullable(),
  taskId: z.number().int().nullable(),
  taskOwnerId: z.number().int().nullable(),
  taskDueOn: z.string().nullable(),
})

/** What resurfacing answers: every item, and the customer and deal ids brought back. */
export const resurfacedSchema = z.object({
  resurfaced: z.array(resurfacedItemSchema),
  /** lost customers resurfaced (subject kind `customer`) */
  resurfacedCustomerIds: z.array(z.string()),
  /** lost deals resurfaced */
  resurfacedDealIds: z.array(z.number().int()),
})

/** `POST /api/fixes` answer (201). */
export const recordFixResponseSchema = resurfacedSchema.extend({ fix: fixViewSchema })

/** `POST /api/customers/{id}/new-decision-maker`: the decision maker changed on that date. */
export const newDecisionMakerBodySchema = z.strictObject({
  changedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'),
})

export const customerIdParamsSchema = z.strictObject({ id: z.string().min(1).max(200) })

/** `GET /api/reason-fixed` query: narrowed to one trigger (`fix:<id>`) when asked. */
export const reasonFixedQuerySchema = z.strictObject({
  trigger: z.string().min(1).max(300).optional(),
})

/** One line of the "reason now fixed" list. */
export const reasonFixedItemSchema = z.object({
  subjectKind: z.enum(['customer', 'deal']),
  subjectKey: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  dealId: z.number().int().nullable(),
  caseId: z.number().int().nullable(),
  trigger: z.enum(['fix', 'new_decision_maker']),
  fixId: z.number().int().nullable(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  occurredOn: z.string(),
  resurfacedAt: z.string(),
  taskId: z.number().int().nullable(),
  taskOwnerId: z.number().int().nullable(),
  taskDone: z.boolean(),
})

export const reasonFixedResponseSchema = z.object({ items: z.array(reasonFixedItemSchema) })

export type FixScopeBody = z.infer<typeof fixScopeSchema>
export type FixItem = z.infer<typeof fixViewSchema>
export type FixListResponse = z.infer<typeof fixListResponseSchema>
export type RecordFixBody = z.infer<typeof recordFixBodySchema>
export type RecordFixResponse = z.infer<typeof recordFixResponseSchema>
export type ResurfacedItemBody = z.infer<typeof resurfacedItemSchema>
export type ResurfacedResponse = z.infer<typeof resurfacedSchema>
export type NewDecisionMakerBody = z.infer<typeof newDecisionMakerBodySchema>
export type ReasonFixedItem = z.infer<typeof reasonFixedItemSchema>
export type ReasonFixedResponse = z.infer<typeof reasonFixedResponseSchema>
