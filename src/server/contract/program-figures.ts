import { z } from 'zod'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')

/** `?from&to&by`: the period (default the twelve months to today) and the breakdown. */
export const programFiguresQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  by: z.enum(['manager', 'rep', 'reason', 'segment']).optional(),
})

const rateSchema = z.object({
  count: z.number().int(),
  of: z.number().int(),
  rate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
})

const bandSchema = z.object({ low: z.number(), high: z.number() })

const figureSetSchema = z.object({
  winBack: rateSchema,
  prospectConversion: rateSchema,
  churn: rateSchema.nullable(),
  revenueRecoveredMinor: z.number().int(),
  timeToWinBackDays: z.object({
    count: z.number().int(),
    q1: z.number().nullable(),
    median: z.number().nullable(),
    q3: z.number().nullable(),
  }),
  cost: z.object({
    makeGoodMinor: z.number().int(),
    bountyMinor: z.number().int(),
    totalMinor: z.number().int(),
    perRevenue: z.number().nullable(),
    priceConcessionsOffered: z.number().int(),
    priceConcessionsApproved: z.number().int(),
  }),
  relapse: z.object({
    matured: rateSchema,
    soFar: z.object({ relapsed: z.number().int(), atRisk: z.number().int() }),
  }),
})

const armSchema = z.object({ members: z.number().int(), winBacks: z.number().int() })

const campaignLiftSchema = z.object({
  campaignId: z.number().int(),
  name: z.string().nullable(),
  treated: armSchema,
  holdout: armSchema,
  lift: z.object({ estimate: z.number(), lower: z.number(), upper: z.number() }).nullable(),
})

/**
 * `GET /api/reports/program`: the program's figures (SPEC §10) for a period against the seeds'
 * bands, for the whole program and, with `by`, per manager, rep, reason or segment. Aggregate
 * figures every role reads: staff, reasons and segments are named, customers never. Money in
 * minor units of `currency`; rates are fractions.
 */
export const programFiguresResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  bands: z.object({ winBack: bandSchema, prospect: bandSchema, churn: bandSchema }),
  churnBasis: z.object({ basis: z.enum(['run', 'estimate']), runAsOf: z.string() }).nullable(),
  overall: figureSetSchema,
  by: z.enum(['manager', 'rep', 'reason', 'segment']).nullable(),
  groups: z.array(z.object({ key: z.string(), label: z.string(), figures: figureSetSchema })),
  lift: z.object({
    campaigns: z.array(campaignLiftSchema),
    pooled: campaignLiftSchema.nullable(),
  }),
})

export type ProgramFiguresResponse = z.infer<typeof programFiguresResponseSchema>
export type ProgramFiguresQuery = z.infer<typeof programFiguresQuerySchema>
