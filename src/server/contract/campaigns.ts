import { z } from 'zod'
import { listedStatusSchema } from './lost.js'

/** `/campaigns/{id}` path. */
export const campaignParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })

/** The lost-list filters a campaign's members are chosen by (as `GET /api/lost`, no paging). */
export const campaignSegmentSchema = z.strictObject({
  kind: z.enum(['customer', 'deal']).optional(),
  status: listedStatusSchema.optional(),
  segment: z.string().min(1).max(200).optional(),
  ownerId: z.number().int().positive().optional(),
  reason: z.string().min(1).max(200).optional(),
  minValueMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  minOverdueDays: z.number().int().min(0).max(100_000).optional(),
  search: z.string().max(200).optional(),
})

/** One campaign. */
export const campaignSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  templateKey: z.string(),
  segment: z.record(z.string(), z.unknown()),
  holdoutShare: z.number(),
  scheduledOn: z.string().nullable(),
  status: z.enum(['draft', 'scheduled', 'running', 'done']),
  excluded: z.record(z.string(), z.number()),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  launchedAt: z.string().nullable(),
})

export const campaignListResponseSchema = z.object({ items: z.array(campaignSchema) })

/** `POST /api/campaigns`: members are frozen from the segment now, a share held out at random. */
export const createCampaignBodySchema = z.strictObject({
  name: z.string().min(1).max(200),
  templateKey: z.string().min(1).max(200),
  segment: campaignSegmentSchema,
  holdoutShare: z.number().min(0).max(1).optional(),
  scheduledOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
})

export const createdCampaignSchema = z.object({
  campaign: campaignSchema,
  members: z.number().int(),
  treated: z.number().int(),
  holdout: z.number().int(),
})

export const launchOutcomeSchema = z.object({
  queued: z.number().int(),
  noContact: z.number().int(),
  unreachable: z.number().int(),
  /** no lawful basis, or past the CASL/retention window (TESTPLAN T22) */
  unlawful: z.number().int(),
  alreadyDone: z.number().int(),
  holdout: z.number().int(),
})

const armSchema = z.object({
  arm: z.string(),
  members: z.number().int(),
  sent: z.number().int(),
  responses: z.number().int(),
  winBacks: z.number().int(),
  revenueMinor: z.number(),
  /** every recorded touch (call, meeting, gift, letter, email) since launch */
  touches: z.number().int().optional(),
  meetings: z.number().int().optional(),
})

/** Results by arm and the win-back-rate lift with its 95 % Newcombe (1998) interval. */
export const campaignResultsSchema = z.object({
  campaignId: z.number().int(),
  launchedAt: z.string().nullable(),
  treated: armSchema,
  holdout: armSchema,
  lift: z.object({ estimate: z.number(), lower: z.number(), upper: z.number() }).nullable(),
})

export type CreateCampaignBody = z.output<typeof createCampaignBodySchema>
export type CampaignItem = z.output<typeof campaignSchema>
export type CreatedCampaignResponse = z.output<typeof createdCampaignSchema>
export type LaunchOutcomeResponse = z.output<typeof launchOutcomeSchema>
export type CampaignResultsResponse = z.output<typeof campaignResultsSchema>
export type CampaignSegmentBody = z.output<typeof campaignSegmentSchema>
