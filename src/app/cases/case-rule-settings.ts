import { can } from '../../domain/access-policy.js'
import { type CaseRuleSettings, parseCaseRuleSettings } from '../../domain/case-rules.js'
import { ForbiddenError, ValidationError } from '../../domain/errors.js'
import { type Store, setSetting } from '../../store/index.js'
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
 * @throws ForbiddenError; ValidationError for a value of the wrong type
 * @example await setCaseRuleSettings(store, who, { newRepMonths: 3 })
 */
export async function setCaseRuleSettings(
  store: Store,
  who: CaseActor,
  change: {
    readonly enabled?: Partial<CaseRuleSettings['enabled']>
    readonly newRepMonths?: number
  },
): Promise<CaseRuleSettings> {
  if (!can(who.actor, 'write', { type: 'setting' })) {
    await auditDenied(store, who, 'denied_write', null)
    throw new ForbiddenError(`a ${who.actor.role} may not change the case rules: an admin does`)
  }
  const current = await readCaseRuleSettings(store)
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
    await setSetting(trx, CASE_RULES_SETTING, next, actorLabel(who.audit))
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
