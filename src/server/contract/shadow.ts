import { z } from 'zod'

/**
 * The shadow portfolio, its content library and cadence settings, the stored background jobs, and
 * a customer's touches (issue 6 items 6–7).
 */

const valueKindSchema = z.enum(['case_study', 'article', 'check_in', 'referral'])
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

/** One member of the shadow portfolio with its last and next touch. */
export const shadowMemberSchema = z.object({
  subjectKind: z.enum(['customer', 'deal']),
  subjectKey: z.string(),
  customerId: z.string(),
  dealId: z.number().int().nullable(),
  name: z.string().nullable(),
  segment: z.string().nullable(),
  ownerId: z.number().int().nullable(),
  lostOn: z.string().nullable(),
  nextChoiceOn: z.string().nullable(),
  lastTouchOn: z.string().nullable(),
  nextTouchOn: z.string(),
  nextValueKind: valueKindSchema,
  contentId: z.number().int().nullable(),
  contactId: z.number().int().nullable(),
  onRadar: z.boolean(),
  due: z.boolean(),
})

/** The cadence, the radar and the tone (`version` is the ETag value). */
export const shadowSettingsResponseSchema = z.object({
  version: z.string(),
  minDays: z.number().int(),
  maxDays: z.number().int(),
  radarDays: z.number().int(),
  tone: z.enum(['professional', 'fun']),
})

/** `GET /api/shadow`. */
export const shadowPortfolioResponseSchema = z.object({
  today: z.string(),
  settings: shadowSettingsResponseSchema.omit({ version: true }),
  members: z.array(shadowMemberSchema),
  excluded: z.object({
    open_case: z.number().int(),
    resting: z.number().int(),
    let_go: z.number().int(),
    suppressed: z.number().int(),
  }),
})

export const shadowQuerySchema = z.strictObject({ today: isoDay.optional() })

/** `PATCH /api/shadow/settings` (admins, If-Match): what is left out keeps its value. */
export const changeShadowSettingsBodySchema = z.strictObject({
  minDays: z.number().int().min(1).max(365).optional(),
  maxDays: z.number().int().min(1).max(365).optional(),
  radarDays: z.number().int().min(0).max(365).optional(),
  tone: z.enum(['professional', 'fun']).optional(),
})

/** One item of the content library. */
export const shadowContentSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  url: z.string(),
  valueKind: valueKindSchema,
  segment: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
})

export const shadowContentListResponseSchema = z.object({ items: z.array(shadowContentSchema) })

export const shadowContentQuerySchema = z.strictObject({
  all: z.enum(['true', 'false']).optional(),
})

/** `POST /api/shadow/content`. */
export const addShadowContentBodySchema = z.strictObject({
  title: z.string().min(1).max(200),
  url: z.string().min(1).max(2000),
  valueKind: valueKindSchema,
  segment: z.string().max(100).nullable().optional(),
})

export const shadowContentParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })

export const retiredSchema = z.object({ id: z.number().int(), active: z.literal(false) })

/** One stored background job. */
export const jobSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  key: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAfter: z.string(),
  leaseUntil: z.string().nullable(),
  lastError: z.string().nullable(),
  result: z.unknown(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
})

export const jobListResponseSchema = z.object({ items: z.array(jobSchema) })

export const jobListQuerySchema = z.strictObject({
  status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
  kind: z.enum(['outbox.send', 'campaign.launch', 'shadow.cadence', 'cases.resume']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
})

/** `POST /api/jobs` (admins): run a stored job again now, or enqueue one of a kind due now. */
export const runJobBodySchema = z.union([
  z.strictObject({ jobId: z.number().int().positive() }),
  z.strictObject({
    kind: z.enum(['outbox.send', 'campaign.launch', 'shadow.cadence', 'cases.resume']),
    campaignId: z.number().int().positive().optional(),
  }),
])

/** One touch on a customer's timeline. */
export const timelineTouchSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  channel: z.string(),
  kind: z.string(),
  note: z.string().nullable(),
  actor: z.string(),
  shadow: z.boolean(),
  deliveryStatus: z.string().nullable(),
  contentTitle: z.string().nullable(),
})

export const customerTouchesResponseSchema = z.object({ items: z.array(timelineTouchSchema) })

export const customerTouchesParamsSchema = z.strictObject({ id: z.string().min(1).max(200) })

export type ShadowPortfolioResponse = z.infer<typeof shadowPortfolioResponseSchema>
export type ShadowMemberResponse = z.infer<typeof shadowMemberSchema>
export type ShadowContentResponse = z.infer<typeof shadowContentSchema>
export type TimelineTouchResponse = z.infer<typeof timelineTouchSchema>
export type JobResponse = z.infer<typeof jobSchema>
