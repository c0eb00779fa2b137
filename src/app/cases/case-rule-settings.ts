import { can } from '../../domain/access-policy.js'
import {
  type CaseRuleSettings,
  DEFAULT_CASE_RULE_SETTINGS,
  parseCaseRuleSettings,
} from '../../domain/case-rules.js'
import { ForbiddenError, PreconditionFailedError, ValidationError } from '../../domain/errors.js'
import { readSettingForUpdate, replaceSetting, type Store } from '../../store/index.js'
import {
  actorLabel,
  auditCaseChange,
  auditDenied,
  CASE_RULES_SETTING,
  type CaseActor,
  readCaseRuleSettings,
} from './case-support.js'

/**
 * The case rules in force: which are on, and how many months make a rep new. Everyone reads them.
 * @example const { enabled } = await getCaseRuleSettings(store)
 */
export async function getCaseRuleSettings(store: Store): Promise<CaseRuleSettings> {
  return readCaseRuleSettings(store)
}

/**
 * Changes the case rules (an admin only, SPEC: business rules live in the database and admins edit
 * them); what is left out keeps its current value. Audited with the keys changed.
 * `expect` sees the rules as read before the change (the server checks If-Match there); the write
 * then happens only if they are still those rules (TESTPLAN T6).
 * @throws ForbiddenError; ValidationError for a value of the wrong type; PreconditionFailedError
 *   when `expect` refuses or the rules changed meanwhile
 * @example await setCaseRuleSettings(store, who, { newRepMonths: 3 })
 */
export async function setCaseRuleSettings(
  store: Store,
  who: CaseActor,
  change: {
    readonly enabled?: Partial<CaseRuleSettings['enabled']>
    readonly newRepMonths?: number
  },
  expect?: (current: CaseRuleSettings) => void,
): Promise<CaseRuleSettings> {
  if (!can(who.actor, 'write', { type: 'setting' })) {
    await auditDenied(store, who, 'denied_write', null)
    throw new ForbiddenError(`a ${who.actor.role} may not change the case rules: an admin does`)
  }
  const { value: current, storedJson } = await readSettingForUpdate(
    store,
    CASE_RULES_SETTING,
    DEFAULT_CASE_RULE_SETTINGS,
    parseCaseRuleSettings,
  )
  expect?.(current)
  let next: CaseRuleSettings
  try {
    next = parseCaseRuleSettings({
      enabled: { ...current.enabled, ...change.enabled },
      newRepMonths: change.newRepMonths ?? current.newRepMonths,
    })
  } catch (error) {
    throw new ValidationError('case rules: each rule is on or off, newRepMonths 0-120', {
      cause: error,
    })
  }
  await store.db.transaction().execute(async (trx) => {
    if (!(await replaceSetting(trx, CASE_RULES_SETTING, storedJson, next, actorLabel(who.audit)))) {
      throw new PreconditionFailedError(
        'the case rules were changed meanwhile: reload and try again',
      )
    }
    await auditCaseChange(trx, who.audit, {
      action: 'update',
      objectType: 'setting',
      objectId: CASE_RULES_SETTING,
      fields: [
        ...Object.keys(change.enabled ?? {}).map((rule) => `enabled.${rule}`),
        ...(change.newRepMonths === undefined ? [] : ['newRepMonths']),
      ],
    })
  })
  return next
}
