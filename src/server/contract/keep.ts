import { z } from 'zod'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')

/** `GET /api/alerts` query: `open=true` keeps the unacknowledged. */
export const alertListQuerySchema = z.strictObject({
  open: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
})

/** One alert: what happened, in words, for whom, and whether someone acknowledged it. */
export const alertSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  caseId: z.number().int().nullable(),
  ownerId: z.number().int().nullable(),
  message: z.string(),
  createdAt: z.string(),
  acknowledgedBy: z.number().int().nullable(),
  acknowledgedAt: z.string().nullable(),
})

export const alertListResponseSchema = z.object({ items: z.array(alertSchema) })

export const alertParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })

/** `POST /api/alerts/{id}/acknowledge` takes no fields. */
export const acknowledgeAlertBodySchema = z.strictObject({})

/** `GET /api/customers/{id}/keep-plan`: the keep-plans of one customer and their alerts. */
export const keepPlanResponseSchema = z.object({
  customerId: z.string(),
  plans: z.array(
    z.object({
      caseId: z.number().int(),
      ownerId: z.number().int(),
      wonOn: z.string(),
      watchUntil: z.string(),
      watchedReasons: z.array(z.string()),
      watchedIncidentKinds: z.array(z.string()),
      baselineProbabilityAlive: z.number().nullable(),
      baselineStatus: z.string().nullable(),
      tasks: z.array(
        z.object({
          id: z.number().int(),
          kind: z.string(),
          title: z.string(),
          dueOn: z.string(),
          done: z.boolean(),
        }),
      ),
    }),
  ),
  alerts: z.array(alertSchema),
})

export const keepCustomerParamsSchema = z.strictObject({ id: z.string().min(1).max(200) })

/** `GET /api/reports/re-lapse` query: the as-of date (default today). */
export const relapseQuerySchema = z.strictObject({ asOf: isoDate.optional() })

const tallySchema = z.object({
  key: z.string(),
  wins: z.number().int(),
  relapsed: z.number().int(),
  closedWins: z.number().int(),
  closedRelapsed: z.number().int(),
  rate: z.number().nullable(),
})

/** The re-lapse report: wins, re-lapses within 12 months, the rate over closed windows. */
export const relapseResponseSchema = z.object({
  asOf: z.string(),
  total: tallySchema,
  byReason: z.array(tallySchema),
  byOwner: z.array(tallySchema),
  relapses: z.array(
    z.object({
      caseId: z.number().int(),
      customerId: z.string(),
      ownerId: z.number().int(),
      wonOn: z.string(),
      reasonCodes: z.array(z.string()),
      relapsedOn: z.string().nullable(),
      windowClosed: z.boolean(),
    }),
  ),
})

/** One let-go suggestion and the rule that fired. */
export const letGoSuggestionSchema = z.object({
  customerId: z.string(),
  customerName: z.string().nullable(),
  ownerId: z.number().int().nullable(),
  orders: z.number().int(),
  refundedOrCancelled: z.number().int(),
  incidents: z.number().int(),
  incidentCostMinor: z.number().int(),
  reason: z.string(),
  findings: z.array(z.object({ reason: z.string(), rule: z.string() })),
})

export const letGoSuggestionsResponseSchema = z.object({ items: z.array(letGoSuggestionSchema) })

/** `POST /api/customers/{id}/let-go`: let them go (with a reason) or dismiss the suggestion. */
export const letGoBodySchema = z.strictObject({
  decision: z.enum(['let_go', 'dismissed']),
  reason: z.string().max(40).optional(),
  note: z.string().max(2000).optional(),
})

export const letGoResponseSchema = z.object({
  customerId: z.string(),
  decision: z.enum(['let_go', 'dismissed']),
  changed: z.boolean(),
  taskId: z.number().int().nullable(),
})

export type AlertItem = z.infer<typeof alertSchema>
export type AlertListResponse = z.infer<typeof alertListResponseSchema>
export type KeepPlanResponse = z.infer<typeof keepPlanResponseSchema>
export type RelapseResponse = z.infer<typeof relapseResponseSchema>
export type LetGoSuggestionItem = z.infer<typeof letGoSuggestionSchema>
export type LetGoSuggestionsResponse = z.infer<typeof letGoSuggestionsResponseSchema>
export type LetGoBody = z.infer<typeof letGoBodySchema>
export type LetGoResponse = z.infer<typeof letGoResponseSchema>
