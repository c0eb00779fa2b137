import { can } from '../domain/access-policy.js'
import {
  type AnalysisSettings,
  DEFAULT_ANALYSIS_SETTINGS,
  parseAnalysisSettings,
} from '../domain/analysis-settings.js'
import { ForbiddenError, PreconditionFailedError, ValidationError } from '../domain/errors.js'
import { getSetting, readSettingForUpdate, replaceSetting, type Store } from '../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor } from './cases/case-support.js'

const ANALYSIS_SETTING = 'analysis'

/**
 * The lapse thresholds and value rules `analyze` uses: the stored `analysis` setting over SPEC's
 * defaults. Everyone may read them.
 * @example const { lapse } = await getAnalysisSettings(store) // lapse.lostProbabilityAlive 0.3
 */
export async function getAnalysisSettings(store: Store): Promise<AnalysisSettings> {
  return getSetting(store, ANALYSIS_SETTING, DEFAULT_ANALYSIS_SETTINGS, (value) =>
    parseAnalysisSettings(value),
  )
}

/**
 * Changes one analysis setting by its dotted name (`lapse.lostProbabilityAlive`,
 * `value.exCustomerWinBackPrior` …); an admin only (SPEC: business rules live in the database and
 * admins edit them). The next `analyze` uses it. Audited with the name changed, never the value.
 * @throws ForbiddenError; ValidationError for an unknown name or a value out of range
 * @example await setAnalysisSetting(store, who, 'lapse.lostAfterDays', 120)
 */
export async function setAnalysisSetting(
  store: Store,
  who: CaseActor,
  change: { readonly name: string; readonly value: number },
  expect?: (current: AnalysisSettings) => void,
): Promise<AnalysisSettings> {
  if (!can(who.actor, 'write', { type: 'setting' })) {
    throw new ForbiddenError(
      `a ${who.actor.role} may not change the analysis settings: an admin does`,
    )
  }
  const { value: current, storedJson } = await readSettingForUpdate(
    store,
    ANALYSIS_SETTING,
    DEFAULT_ANALYSIS_SETTINGS,
    (value) => parseAnalysisSettings(value),
  )
  expect?.(current)
  const [group, field, ...rest] = change.name.split('.')
  const section: Readonly<Record<string, number>> | undefined =
    group === 'lapse' || group === 'value' ? { ...current[group] } : undefined
  if (
    group === undefined ||
    section === undefined ||
    field === undefined ||
    rest.length > 0 ||
    !(field in section)
  ) {
    throw new ValidationError(
      `unknown analysis setting "${change.name}" (known: ${settingNames(current).join(', ')})`,
    )
  }
  let next: AnalysisSettings
  try {
    next = parseAnalysisSettings({ ...current, [group]: { ...section, [field]: change.value } })
  } catch (error) {
    throw new ValidationError(
      `analysis setting "${change.name}": ${change.value} is out of range`,
      {
        cause: error,
      },
    )
  }
  await store.db.transaction().execute(async (trx) => {
    if (!(await replaceSetting(trx, ANALYSIS_SETTING, storedJson, next, actorLabel(who.audit)))) {
      throw new PreconditionFailedError(
        'the analysis settings were changed meanwhile: reload and try again',
      )
    }
    await auditCaseChange(trx, who.audit, {
      action: 'update',
      objectType: 'setting',
      objectId: ANALYSIS_SETTING,
      fields: [change.name],
    })
  })
  return next
}

/** Every dotted setting name, for messages and `comeback settings show`. */
export function settingNames(settings: AnalysisSettings): string[] {
  return [
    ...Object.keys(settings.lapse).map((name) => `lapse.${name}`),
    ...Object.keys(settings.value).map((name) => `value.${name}`),
  ]
}
