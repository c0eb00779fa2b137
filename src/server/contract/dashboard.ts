import { z } from 'zod'

const countsSchema = z.object({
  active: z.number().int(),
  at_risk: z.number().int(),
  lapsed: z.number().int(),
  lost: z.number().int(),
})

/**
 * `GET /api/dashboard`: the program's headline figures from the newest analysis run, for the whole
 * company (aggregate figures every role reads). Money in minor units of `currency`.
 */
export const dashboardResponseSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  statusCounts: countsSchema,
  lostDeals: z.object({ count: z.number().int(), valueMinor: z.number().int() }),
  /** value if won back, summed over lost customers and lost deals */
  valueAtStakeMinor: z.number().int(),
  expectedValueMinor: z.number().int(),
  /**
   * customers who became lost in the year to `asOf` ÷ customers active (or at risk) at its start;
   * `basis` says whether that start count comes from a run of that date or is estimated
   */
  churn: z.object({
    periodStart: z.string(),
    periodEnd: z.string(),
    becameLost: z.number().int(),
    activeAtStart: z.number().int(),
    rate: z.number().nullable(),
    basis: z.enum(['run', 'estimate']),
  }),
  lostByMonth: z.array(
    z.object({ month: z.string(), customers: z.number().int(), deals: z.number().int() }),
  ),
  topReasons: z.array(
    z.object({ reason: z.string(), count: z.number().int(), valueMinor: z.number().int() }),
  ),
})

export type DashboardResponse = z.infer<typeof dashboardResponseSchema>
