import { z } from 'zod'

const minor = z.number().int()
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')

/** A bounty rule; `version` is its ETag. */
export const bountyRuleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  fixedMinor: minor,
  multiplier: z.number(),
  months: z.number().int(),
  capMinor: minor.nullable(),
  managerShare: z.number(),
  effectiveFrom: z.string(),
  active: z.boolean(),
  version: z.number().int(),
})

export const bountyRuleListResponseSchema = z.object({ items: z.array(bountyRuleSchema) })
export const bountyRuleParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })

/** `POST /api/bounty-rules` (admins): a fixed bounty and/or a multiplier, with cap and split. */
export const addBountyRuleBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  fixedMinor: minor.min(0).max(1e12).optional(),
  multiplier: z.number().min(1).max(10).optional(),
  months: z.number().int().min(1).max(120).optional(),
  capMinor: minor.min(0).max(1e12).nullable().optional(),
  managerShare: z.number().min(0).max(1).optional(),
  effectiveFrom: date.optional(),
  active: z.boolean().optional(),
})

/** `PATCH /api/bounty-rules/{id}` (If-Match, admins): the fields to change. */
export const changeBountyRuleBodySchema = addBountyRuleBodySchema.partial()

/** `POST /api/bounties/accrue` (admins): book what published orders earned, up to a date. */
export const accrueBodySchema = z.strictObject({ asOf: date.optional() })
export const accrueResponseSchema = z.object({
  credited: z.number().int(),
  reversed: z.number().int(),
  cases: z.number().int(),
})

/** `GET /api/bounties/ledger` and `/statement.csv`: one person's, or everyone the reader may see. */
export const ledgerQuerySchema = z.strictObject({
  userId: z.coerce.number().int().positive().optional(),
})

export const ledgerResponseSchema = z.object({
  people: z.array(
    z.object({
      userId: z.number().int(),
      name: z.string().nullable(),
      creditedMinor: minor,
      reversedMinor: minor,
      netMinor: minor,
    }),
  ),
  items: z.array(
    z.object({
      id: z.number().int(),
      userId: z.number().int(),
      userName: z.string().nullable(),
      caseId: z.number().int(),
      customerId: z.string(),
      customerName: z.string().nullable(),
      orderId: z.number().int(),
      ruleId: z.number().int(),
      kind: z.enum(['fixed', 'multiplier']),
      entry: z.enum(['credit', 'reversal']),
      amountMinor: minor,
      currency: z.string(),
      at: z.string(),
    }),
  ),
  totalMinor: minor,
})

export const leaderboardResponseSchema = z.object({
  items: z.array(
    z.object({
      rank: z.number().int(),
      userId: z.number().int(),
      name: z.string().nullable(),
      role: z.string().nullable(),
      netMinor: minor,
      cases: z.number().int(),
    }),
  ),
})

export type BountyRuleItem = z.infer<typeof bountyRuleSchema>
export type AddBountyRuleBody = z.infer<typeof addBountyRuleBodySchema>
export type ChangeBountyRuleBody = z.infer<typeof changeBountyRuleBodySchema>
export type LedgerResponse = z.infer<typeof ledgerResponseSchema>
export type LeaderboardResponse = z.infer<typeof leaderboardResponseSchema>
