import { z } from 'zod'

const calibrationSchema = z.object({
  n: z.number().int(),
  /** mean squared error of the probabilities; 0.25 is a coin toss */
  brier: z.number(),
  /** cross-validated area under the ROC curve; 0.5 is chance; null without both outcomes */
  auc: z.number().nullable(),
  /** reliability diagram: predicted vs observed, with counts, in 10 equal-width bins */
  bins: z.array(
    z.object({
      from: z.number(),
      to: z.number(),
      count: z.number().int(),
      meanPredicted: z.number(),
      observed: z.number().nullable(),
    }),
  ),
})

/**
 * `GET /api/win-back-model`: the model the newest analysis scored P(win back) with — the prior,
 * or the L2-regularised logistic regression learned from the company's ended cases once there are
 * enough — its coefficients (log-odds per unit of each factor) and its calibration beside the
 * prior's on the same cases (issue 5 part 5).
 */
export const winBackModelResponseSchema = z.object({
  runId: z.number().int(),
  asOf: z.string(),
  basis: z.enum(['prior', 'learned_model']),
  /** why this model, in words (e.g. fewer ended cases than needed) */
  reason: z.string(),
  endedCases: z.number().int(),
  wonBack: z.number().int(),
  minEndedCases: z.number().int(),
  intercept: z.number(),
  coefficients: z.array(z.object({ feature: z.string(), weight: z.number() })),
  /** the typical yearly customer value the `value` factor is measured against, minor units */
  referenceValueMinor: z.number(),
  dealBaseRate: z.number(),
  calibration: calibrationSchema.nullable(),
  priorCalibration: calibrationSchema.nullable(),
})

export type WinBackModelResponse = z.infer<typeof winBackModelResponseSchema>
