import { createHash } from 'node:crypto'
import {
  getAnalysisSettings,
  getCaseRuleSettings,
  setAnalysisSetting,
  setCaseRuleSettings,
  settingNames,
} from '../../app/index.js'
import type { AnalysisSettings } from '../../domain/analysis-settings.js'
import { CASE_RULE_TEXT, CASE_RULES, type CaseRuleSettings } from '../../domain/case-rules.js'
import {
  type AnalysisSettingsResponse,
  analysisSettingsResponseSchema,
  type CaseRuleSettingsResponse,
  caseRuleSettingsResponseSchema,
  changeAnalysisSettingBodySchema,
  changeCaseRuleSettingsBodySchema,
} from '../contract/case-settings.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, assertIfMatch, defineRoute } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

/**
 * A setting has no version column: its tag is derived from its value (a strong ETag, RFC 9110
 * 8.8.3: it changes whenever the value does).
 */
function settingTag(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22)
}

function caseRulesAnswer(settings: CaseRuleSettings): CaseRuleSettingsResponse {
  return {
    version: settingTag(settings),
    enabled: { ...settings.enabled },
    newRepMonths: settings.newRepMonths,
    rules: CASE_RULES.map((rule) => ({ rule, text: CASE_RULE_TEXT[rule] })),
  }
}

function analysisAnswer(settings: AnalysisSettings): AnalysisSettingsResponse {
  return {
    version: settingTag(settings),
    lapse: { ...settings.lapse },
    value: { ...settings.value },
    names: settingNames(settings),
  }
}

const getCaseRulesRoute = defineRoute({
  method: 'get',
  path: '/settings/case-rules',
  operationId: 'getCaseRuleSettings',
  summary: 'The case rules: which are on, and how many months make a rep new',
  tag: 'settings',
  access: { kind: 'policy', resource: 'setting', action: 'read' },
  versioned: true,
  response: caseRuleSettingsResponseSchema,
  async handle({ ctx }) {
    return caseRulesAnswer(await getCaseRuleSettings(ctx.deps.store))
  },
})

const setCaseRulesRoute = defineRoute({
  method: 'patch',
  path: '/settings/case-rules',
  operationId: 'changeCaseRuleSettings',
  summary: 'Turn case rules on or off, or change how long a rep counts as new (admins)',
  tag: 'settings',
  access: { kind: 'policy', resource: 'setting', action: 'write' },
  versioned: true,
  body: changeCaseRuleSettingsBodySchema,
  response: caseRuleSettingsResponseSchema,
  async handle({ body, ctx }) {
    const { enabled, newRepMonths } = body
    const next = await setCaseRuleSettings(
      ctx.deps.store,
      caseActorOf(ctx),
      {
        ...(enabled === undefined ? {} : { enabled: dropUndefined(enabled) }),
        ...(newRepMonths === undefined ? {} : { newRepMonths }),
      },
      (current) => assertIfMatch(ctx, settingTag(current)),
    )
    return caseRulesAnswer(next)
  },
})

const getAnalysisRoute = defineRoute({
  method: 'get',
  path: '/settings/analysis',
  operationId: 'getAnalysisSettings',
  summary: 'The lapse thresholds and value rules the analysis uses',
  tag: 'settings',
  access: { kind: 'policy', resource: 'setting', action: 'read' },
  versioned: true,
  response: analysisSettingsResponseSchema,
  async handle({ ctx }) {
    return analysisAnswer(await getAnalysisSettings(ctx.deps.store))
  },
})

const setAnalysisRoute = defineRoute({
  method: 'patch',
  path: '/settings/analysis',
  operationId: 'changeAnalysisSetting',
  summary: 'Change one analysis setting by its dotted name (admins); the next analysis uses it',
  tag: 'settings',
  access: { kind: 'policy', resource: 'setting', action: 'write' },
  versioned: true,
  body: changeAnalysisSettingBodySchema,
  response: analysisSettingsResponseSchema,
  async handle({ body, ctx }) {
    return analysisAnswer(
      await setAnalysisSetting(ctx.deps.store, caseActorOf(ctx), body, (current) =>
        assertIfMatch(ctx, settingTag(current)),
      ),
    )
  },
})

/** The case rules and the analysis settings, as admins edit them. */
export const CASE_SETTING_ROUTES: readonly ApiRoute[] = [
  getCaseRulesRoute,
  setCaseRulesRoute,
  getAnalysisRoute,
  setAnalysisRoute,
]
