import { z } from 'zod'

/** The paper: `a4` (ISO 216) or `letter` (US Letter); either case accepted. */
export const letterSizeSchema = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(['A4', 'LETTER']))

/** What a person fills in beside a template: why they left, what was fixed, the offer. */
const factsShape = {
  reason: z.string().max(2000).optional(),
  whatWasFixed: z.string().max(2000).optional(),
  offer: z.string().max(2000).optional(),
}

/** `/customers/{id}/…` path. */
export const letterCustomerParamsSchema = z.strictObject({ id: z.string().min(1).max(200) })

/** `POST /api/customers/{id}/letter`: one letter as a PDF (a letter or card_note template). */
export const customerLetterBodySchema = z.strictObject({
  templateKey: z.string().min(1).max(200),
  size: letterSizeSchema.default('A4'),
  contactId: z.number().int().positive().optional(),
  ...factsShape,
})

/** `POST /api/letters/batch`: one merged PDF for the listed customers. */
export const letterBatchBodySchema = z.strictObject({
  customerIds: z.array(z.string().min(1).max(200)).min(1).max(500),
  templateKey: z.string().min(1).max(200),
  size: letterSizeSchema.default('A4'),
  ...factsShape,
})

/** `POST /api/campaigns/{id}/letters`: one merged PDF for the campaign's treated members. */
export const campaignLettersBodySchema = z.strictObject({
  templateKey: z.string().min(1).max(200).optional(),
  size: letterSizeSchema.default('A4'),
  ...factsShape,
})

export const letterCampaignParamsSchema = z.strictObject({
  id: z.coerce.number().int().positive(),
})

/** A customer a batch left out, and why (sent URL-encoded as JSON in `X-Letters-Skipped`). */
export const letterSkipSchema = z.object({
  customerId: z.string(),
  contactId: z.number().int().nullable(),
  reason: z.enum([
    'no_postal_address',
    'no_lawful_basis',
    'suppressed',
    'unprintable_characters',
    'address_too_long',
    'no_access',
  ]),
  detail: z.string().nullable(),
})

/** `/meetings/{id}` path. */
export const meetingParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })

const zonedDateTime = z.string().min(16).max(40)

/** `POST /api/meetings`: a meeting with a customer's contacts. */
export const createMeetingBodySchema = z.strictObject({
  customerId: z.string().min(1).max(200),
  caseId: z.number().int().positive().nullable().optional(),
  title: z.string().min(1).max(200),
  location: z.string().max(300).nullable().optional(),
  startsAt: zonedDateTime,
  endsAt: zonedDateTime,
  attendeeContactIds: z.array(z.number().int().positive()).min(1).max(20),
})

/** `PATCH /api/meetings/{id}`: what changes; `expectedSequence` refuses a change made meanwhile. */
export const updateMeetingBodySchema = z.strictObject({
  title: z.string().min(1).max(200).optional(),
  location: z.string().max(300).nullable().optional(),
  startsAt: zonedDateTime.optional(),
  endsAt: zonedDateTime.optional(),
  expectedSequence: z.number().int().min(0).optional(),
})

/** `POST /api/meetings/{id}/cancel`. */
export const cancelMeetingBodySchema = z.strictObject({
  expectedSequence: z.number().int().min(0).optional(),
})

/** A meeting as the API answers it. */
export const meetingSchema = z.object({
  id: z.number().int(),
  uid: z.string(),
  sequence: z.number().int(),
  status: z.enum(['scheduled', 'cancelled']),
  customerId: z.string(),
  caseId: z.number().int().nullable(),
  title: z.string(),
  location: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  organiser: z.object({ name: z.string(), email: z.string() }),
  attendees: z.array(
    z.object({ contactId: z.number().int(), name: z.string().nullable(), email: z.string() }),
  ),
  updatedAt: z.string(),
})

export type MeetingItem = z.infer<typeof meetingSchema>

export const meetingListResponseSchema = z.object({ items: z.array(meetingSchema) })
