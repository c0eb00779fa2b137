import { z } from 'zod'
import { caseRuleSchema } from './cases.js'

/**
 * `GET /api/settings/case-rules`: which rules are on, how many months make a rep new, and each
 * rule in words. `version` (an opaque string derived from the value) is the ETag value.
 */
export const caseRuleSettingsResponseSchema = z.object({
  version: z.string(),
  enabled: z.object({
    owner_manager_or_vp: z.boolean(),
    interviewer_not_losing_rep: z.boolean(),
    new_rep_not_alone: z.boolean(),
    ending_needs_reason: z.boolean(),
  }),
  newRepMonths: z.number().int(),
  rules: z.array(z.object({ rule: caseRuleSchema, text: z.string() })),
})

/** `PATCH /api/settings/case-rules` (admin, If-Match): what is left out keeps its value. */
export const changeCaseRuleSettingsBodySchema = z.strictObject({
  enabled: z
    .strictObject({
      owner_manager_or_vp: z.boolean().optional(),
      interviewer_not_losing_rep: z.boolean().optional(),
      new_rep_not_alone: z.boolean().optional(),
      ending_needs_reason: z.boolean().optional(),
    })
    .optional(),
  newRepMonths: z.number().int().min(0).max(120).optional(),
})

/** `GET /api/settings/analysis`: lapse thresholds and value rules; `version` is the ETag value. */
export const analysisSettingsResponseSchema = z.object({
  version: z.string(),
  lapse: z.record(z.string(), z.number()),
  value: z.record(z.string(), z.number()),
  /** every dotted setting name (`lapse.lostProbabilityAlive` …) */
  names: z.array(z.string()),
})

/** `PATCH /api/settings/analysis` (admin, If-Match): one setting by its dotted name. */
export const changeAnalysisSettingBodySchema = z.strictObject({
  name: z.string().min(3).max(100),
  value: z.number().finite(),
})

export type CaseRuleSettingsResponse = z.infer<typeof caseRuleSettingsResponseSchema>
export type ChangeCaseRuleSettingsBody = z.infer<typeof changeCaseRuleSettingsBodySchema>
export type AnalysisSettingsResponse = z.infer<typeof analysisSettingsResponseSchema>
export type ChangeAnalysisSettingBody = z.infer<typeof changeAnalysisSettingBodySchema>
