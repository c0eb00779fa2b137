import { can } from '../../domain/access-policy.js'
import { ForbiddenError, ValidationError } from '../../domain/errors.js'
import {
  DEFAULT_KEEP_SETTINGS,
  type KeepSettings,
  parseKeepSettings,
} from '../../domain/keep-watch.js'
import { DEFAULT_LET_GO_RULE, type LetGoRule, parseLetGoRule } from '../../domain/let-go-rule.js'
import { getSetting, type Queryable, type Store, setSetting } from '../../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor } from '../cases/case-support.js'

const KEEP_SETTING = 'keepWatch'
const LET_GO_SETTING = 'letGoRule'

/** The keep watch's threshold, window and reason ↔ incident-kind mapping, defaults filling in. */
export async function getKeepSettings(target: Queryable): Promise<KeepSettings> {
  return getSetting(target, KEEP_SETTING, DEFAULT_KEEP_SETTINGS, parseKeepSettings)
}

/** The let-go suggestion's thresholds, defaults filling in. */
export async function getLetGoRule(target: Queryable): Promise<LetGoRule> {
  return getSetting(target, LET_GO_SETTING, DEFAULT_LET_GO_RULE, parseLetGoRule)
}

/** What an admin changes; fields left out stay as they are. */
export interface KeepSettingsChange {
  readonly keep?: Partial<KeepSettings>
  readonly letGo?: Partial<LetGoRule>
}

/**
 * Changes the keep watch or the let-go rule; an admin only (SPEC: thresholds are business rules
 * admins edit). Audited with the names changed, never the values.
 * @throws ForbiddenError; ValidationError naming the field out of range
 * @example await setKeepSettings(store, admin, { keep: { slipBelowProbabilityAlive: 0.4 } })
 */
export async function setKeepSettings(
  store: Store,
  who: CaseActor,
  change: KeepSettingsChange,
): Promise<{ keep: KeepSettings; letGo: LetGoRule }> {
  if (!can(who.actor, 'write', { type: 'setting' })) {
    throw new ForbiddenError(`a ${who.actor.role} may not change the keep watch: an admin does`)
  }
  return store.db.transaction().execute(async (trx) => {
    const keep = await checked('keep', async () =>
      parseKeepSettings({ ...(await getKeepSettings(trx)), ...change.keep }),
    )
    const letGo = await checked('letGo', async () =>
      parseLetGoRule({ ...(await getLetGoRule(trx)), ...change.letGo }),
    )
    await setSetting(trx, KEEP_SETTING, keep, actorLabel(who.audit))
    await setSetting(trx, LET_GO_SETTING, letGo, actorLabel(who.audit))
    await auditCaseChange(trx, who.audit, {
      action: 'update',
      objectType: 'setting',
      objectId: 'keepWatch',
      fields: [
        ...Object.keys(change.keep ?? {}).map((name) => `keep.${name}`),
        ...Object.keys(change.letGo ?? {}).map((name) => `letGo.${name}`),
      ],
    })
    return { keep, letGo }
  })
}

async function checked<T>(group: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse()
  } catch (error) {
    const issue = (error as { issues?: { path?: unknown[]; message?: string }[] }).issues?.[0]
    const field = issue?.path?.join('.') ?? '?'
    throw new ValidationError(`${group}.${field}: ${issue?.message ?? 'not valid'}`, {
      cause: error,
      issues: [{ path: [group, field], message: issue?.message ?? 'not valid' }],
    })
  }
}
