import { z } from 'zod'

/** `/campaigns/{id}/members/{memberId}` path. */
export const campaignMemberParamsSchema = z.strictObject({
  id: z.coerce.number().int().positive(),
  memberId: z.coerce.number().int().positive(),
})

/** One campaign member, with its message's status and its replies and meetings since launch. */
export const campaignMemberSchema = z.object({
  id: z.number().int(),
  arm: z.string(),
  subjectKind: z.string(),
  subjectId: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  contactId: z.number().int().nullable(),
  outboxMessageId: z.number().int().nullable(),
  messageStatus: z.string().nullable(),
  skipped: z.string().nullable(),
  replies: z.number().int(),
  meetings: z.number().int(),
})

export const campaignMemberListResponseSchema = z.object({ items: z.array(campaignMemberSchema) })

/** `POST /api/campaigns/{id}/members/{memberId}/outcome`: the member replied or met us. */
export const memberOutcomeBodySchema = z.strictObject({
  kind: z.enum(['reply', 'meeting']),
  note: z.string().max(2000).optional(),
})

export const memberOutcomeResponseSchema = z.object({ touches: z.number().int() })

/** `POST /api/outbox/send`: what one "send queued now" did. */
export const sendNowResponseSchema = z.object({
  recovered: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  unknown: z.number().int(),
  suppressed: z.number().int(),
})

export type CampaignMemberItem = z.output<typeof campaignMemberSchema>
export type CampaignMemberListResponse = z.output<typeof campaignMemberListResponseSchema>
export type MemberOutcomeBody = z.output<typeof memberOutcomeBodySchema>
export type SendNowResponse = z.output<typeof sendNowResponseSchema>
