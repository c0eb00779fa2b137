import { z } from 'zod'

/** The kinds and tones a template has (domain/template.ts). */
export const templateKindSchema = z.enum(['email', 'letter', 'card_note', 'call_script'])
export const templateToneSchema = z.enum(['fun', 'professional'])

/** One template, its newest version unless said otherwise. */
export const templateSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  version: z.number().int(),
  kind: templateKindSchema,
  tone: templateToneSchema,
  name: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  shipped: z.boolean(),
  createdAt: z.string(),
})

export const templateListResponseSchema = z.object({ items: z.array(templateSchema) })

export const templateListQuerySchema = z.strictObject({ kind: templateKindSchema.optional() })

export const templateParamsSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]{1,120}$/),
})

/** `POST /api/templates` and `PATCH /api/templates/{key}` (a new version). */
export const templateInputSchema = z.strictObject({
  kind: templateKindSchema,
  tone: templateToneSchema,
  name: z.string().min(1).max(200),
  subject: z.string().max(500).nullable(),
  body: z.string().min(1).max(20_000),
})

const factsShape = {
  reason: z.string().max(1000).optional(),
  whatWasFixed: z.string().max(2000).optional(),
  offer: z.string().max(1000).optional(),
}

/** `POST /api/templates/{key}/preview`: sample values, or a contact's. */
export const templatePreviewRequestSchema = z.strictObject({
  contactId: z.number().int().positive().optional(),
  ...factsShape,
})

export const templatePreviewSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  kind: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
})

/** `POST /api/outbox`: queue one email to one contact. */
export const queueEmailRequestSchema = z.strictObject({
  contactId: z.number().int().positive(),
  templateKey: z.string().regex(/^[a-z0-9-]{1,120}$/),
  idempotencyKey: z.string().min(1).max(200).optional(),
  ...factsShape,
})

export const queueEmailResponseSchema = z.object({ id: z.number().int(), created: z.boolean() })

export const outboxStatusSchema = z.enum([
  'queued',
  'sending',
  'sent',
  'failed',
  'unknown',
  'suppressed',
])

export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})

export const outboxQuerySchema = pageQuerySchema.extend({
  status: outboxStatusSchema.optional(),
  campaignId: z.coerce.number().int().positive().optional(),
})

export const outboxMessageSchema = z.object({
  id: z.number().int(),
  status: z.string(),
  channel: z.string(),
  customerId: z.string(),
  contactId: z.number().int().nullable(),
  to: z.string(),
  subject: z.string().nullable(),
  templateId: z.number().int(),
  queuedAt: z.string(),
  queuedBy: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
})

export const outboxListResponseSchema = z.object({
  items: z.array(outboxMessageSchema),
  counts: z.record(z.string(), z.number().int()).nullable(),
})

export const suppressionKindSchema = z.enum(['do_not_contact', 'unsubscribed', 'bounced', 'erased'])

export const suppressionSchema = z.object({
  id: z.number().int(),
  email: z.string().nullable(),
  contactId: z.number().int().nullable(),
  kind: z.string(),
  source: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
})

export const suppressionListResponseSchema = z.object({ items: z.array(suppressionSchema) })

/** `POST /api/suppressions`: an address, a contact, or both; `reason` is kept as its source. */
export const suppressionRequestSchema = z.strictObject({
  email: z.string().max(254).optional(),
  contactId: z.number().int().positive().optional(),
  kind: suppressionKindSchema,
  reason: z.string().trim().min(1).max(500).optional(),
})

/** `GET /api/suppressions`: a page, optionally of the addresses containing `search`. */
export const suppressionQuerySchema = pageQuerySchema.extend({
  search: z.string().max(254).optional(),
})

/** `POST /api/bounces`: the address that bounced. */
export const bounceRequestSchema = z.strictObject({
  email: z.string().min(3).max(254),
  note: z.string().max(500).optional(),
})

export const suppressionResultSchema = z.object({
  added: z.boolean(),
  flaggedContacts: z.number().int(),
})

export type TemplateItem = z.output<typeof templateSchema>
export type TemplateKind = z.output<typeof templateKindSchema>
export type TemplateInputBody = z.output<typeof templateInputSchema>
export type TemplatePreviewBody = z.output<typeof templatePreviewRequestSchema>
export type TemplatePreviewResponse = z.output<typeof templatePreviewSchema>
export type OutboxMessageItem = z.output<typeof outboxMessageSchema>
export type OutboxListResponse = z.output<typeof outboxListResponseSchema>
export type OutboxStatus = z.output<typeof outboxStatusSchema>
export type SuppressionItem = z.output<typeof suppressionSchema>
export type SuppressionRequestBody = z.output<typeof suppressionRequestSchema>
