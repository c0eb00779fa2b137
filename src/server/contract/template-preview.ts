import { z } from 'zod'
import { templateKindSchema } from './outreach.js'

/** `POST /api/template-preview`: a draft as it is being typed, with the facts to merge. */
export const draftPreviewBodySchema = z.strictObject({
  kind: templateKindSchema,
  subject: z.string().max(500).nullable(),
  body: z.string().max(20_000),
  reason: z.string().max(1000).optional(),
  whatWasFixed: z.string().max(2000).optional(),
  offer: z.string().max(1000).optional(),
})

export type DraftPreviewBody = z.output<typeof draftPreviewBodySchema>
