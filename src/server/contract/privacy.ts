import { z } from 'zod'

/** What an erasure changed, counted by table (never the values). */
export const erasureResponseSchema = z.object({
  erasureId: z.number().int(),
  customerId: z.string(),
  contacts: z.number().int(),
  counts: z.record(z.string(), z.number()),
})

/** All of a subject's data (GDPR Art. 15): each table's rows about them. */
export const personalDataResponseSchema = z.object({
  customerId: z.string(),
  exportedAt: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
})

/** The channels a touch is recorded on (domain/touch.ts). */
export const touchChannelSchema = z.enum(['call', 'meeting', 'gift', 'letter', 'email'])

/** A touch to record on a customer's timeline (issue 6 item 7). */
export const touchRequestSchema = z.strictObject({
  channel: touchChannelSchema,
  kind: z.string().max(40).optional(),
  note: z.string().max(2000).optional(),
  contactId: z.number().int().positive().optional(),
  campaignMemberId: z.number().int().positive().optional(),
  at: z.iso.datetime({ offset: true }).optional(),
})

export type TouchRequest = z.infer<typeof touchRequestSchema>

/** One touch on a customer's timeline. */
export const touchSchema = z.object({
  id: z.number().int(),
  customerId: z.string(),
  contactId: z.number().int().nullable(),
  channel: z.string(),
  kind: z.string(),
  at: z.string(),
  outboxMessageId: z.number().int().nullable(),
  campaignMemberId: z.number().int().nullable(),
  actor: z.string(),
  note: z.string().nullable(),
})

export type Touch = z.infer<typeof touchSchema>

export const touchListResponseSchema = z.object({ items: z.array(touchSchema) })
