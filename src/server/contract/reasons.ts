import { z } from 'zod'

const reasonCode = z.string().min(1).max(60)

/** One reason of the taxonomy; `version` is its ETag value. */
export const reasonViewSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  label: z.string(),
  fixable: z.boolean(),
  parentCode: z.string().nullable(),
  /** the reason it was merged into, if it was */
  mergedIntoCode: z.string().nullable(),
  /** the live reason it stands for today (itself unless merged) */
  liveCode: z.string(),
  version: z.number().int(),
})

/** `GET /api/reasons` query: merged reasons are left out unless `includeMerged=true`. */
export const reasonListQuerySchema = z.strictObject({
  includeMerged: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
})

export const reasonListResponseSchema = z.object({ items: z.array(reasonViewSchema) })

/** `/api/reasons/{code}` path. */
export const reasonParamsSchema = z.strictObject({ code: reasonCode })

/** `POST /api/reasons` (admin): a new reason. */
export const addReasonBodySchema = z.strictObject({
  code: reasonCode,
  label: z.string().min(1).max(200),
  fixable: z.boolean(),
  parentCode: reasonCode.optional(),
})

/** `PATCH /api/reasons/{code}` (admin, If-Match): rename (code and/or label), mark fixable or not. */
export const changeReasonBodySchema = z.strictObject({
  newCode: reasonCode.optional(),
  label: z.string().min(1).max(200).optional(),
  fixable: z.boolean().optional(),
})

/** `POST /api/reasons/{code}/merge` (admin): merge this reason into another; history is kept. */
export const mergeReasonBodySchema = z.strictObject({ into: reasonCode })

/** One phrase of the imported-reason mapping. */
export const reasonPhraseSchema = z.object({
  phrase: z.string(),
  code: z.string(),
  liveCode: z.string(),
})

/** One distinct imported deal reason, the code it maps to, and how many lost deals carry it. */
export const importedReasonSchema = z.object({
  /** the text as imported */
  words: z.string(),
  code: z.string(),
  /** how it mapped: by a mapping phrase, a phrase it contains, the code's label, or to `other` */
  matchedBy: z.string(),
  /** the mapping phrase that matched, if one did */
  phrase: z.string().nullable(),
  deals: z.number().int(),
})

/** `GET /api/reason-phrases`: the mapping, and the imported reasons as they map today. */
export const reasonPhraseListResponseSchema = z.object({
  items: z.array(reasonPhraseSchema),
  imported: z.array(importedReasonSchema),
})

/** `POST /api/reason-phrases` (admin): map a phrase to a code (mapping it again replaces it). */
export const setReasonPhraseBodySchema = z.strictObject({
  phrase: z.string().min(1).max(200),
  code: reasonCode,
})

export const setReasonPhraseResponseSchema = reasonPhraseSchema.extend({ created: z.boolean() })

/** `DELETE /api/reason-phrases/{phrase}` path (the phrase URL-encoded). */
export const reasonPhraseParamsSchema = z.strictObject({ phrase: z.string().min(1).max(200) })

export const deleteReasonPhraseResponseSchema = z.object({ removed: z.boolean() })

export type ReasonItem = z.infer<typeof reasonViewSchema>
export type ReasonListResponse = z.infer<typeof reasonListResponseSchema>
export type AddReasonBody = z.infer<typeof addReasonBodySchema>
export type ChangeReasonBody = z.infer<typeof changeReasonBodySchema>
export type MergeReasonBody = z.infer<typeof mergeReasonBodySchema>
export type ReasonPhraseItem = z.infer<typeof reasonPhraseSchema>
export type ReasonPhraseListResponse = z.infer<typeof reasonPhraseListResponseSchema>
export type SetReasonPhraseBody = z.infer<typeof setReasonPhraseBodySchema>
