import { z } from 'zod'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')

/** `GET /api/lessons` query: a window of loss dates and the trend's period (default quarter). */
export const lessonsQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  period: z.enum(['month', 'quarter', 'year']).optional(),
})

/** One reason in a Pareto: its count and lost revenue, shares and running shares (0–1). */
export const lessonRowSchema = z.object({
  code: z.string(),
  label: z.string(),
  fixable: z.boolean(),
  count: z.number().int(),
  countShare: z.number(),
  cumulativeCountShare: z.number(),
  revenueMinor: z.number().int(),
  revenueShare: z.number(),
  cumulativeRevenueShare: z.number(),
})

/** One reason's count and lost revenue within a group (a period, segment, territory or rep). */
export const groupedTallySchema = z.object({
  group: z.string(),
  code: z.string(),
  count: z.number().int(),
  revenueMinor: z.number().int(),
})

/** The golden lessons (money in minor units of `currency`). */
export const lessonsResponseSchema = z.object({
  currency: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  period: z.enum(['month', 'quarter', 'year']),
  lossesWithReason: z.number().int(),
  lostCustomersWithoutReason: z.number().int(),
  byCount: z.array(lessonRowSchema),
  byRevenue: z.array(lessonRowSchema),
  trend: z.array(groupedTallySchema),
  bySegment: z.array(groupedTallySchema),
  byTerritory: z.array(groupedTallySchema),
  byRep: z.array(groupedTallySchema),
})

export type LessonsQuery = z.input<typeof lessonsQuerySchema>
export type LessonRowItem = z.infer<typeof lessonRowSchema>
export type GroupedTallyItem = z.infer<typeof groupedTallySchema>
export type LessonsResponse = z.infer<typeof lessonsResponseSchema>
