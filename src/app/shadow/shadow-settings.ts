import { z } from 'zod'
import { can } from '../../domain/access-policy.js'
import { ForbiddenError, PreconditionFailedError, ValidationError } from '../../domain/errors.js'
import { DEFAULT_CADENCE } from '../../domain/shadow-cadence.js'
import {
  getSetting,
  type Queryable,
  readSettingForUpdate,
  replaceSetting,
  type Store,
} from '../../store/index.js'
import { actorLabel, auditCaseChange, auditDenied, type CaseActor } from '../cases/case-support.js'

/** The `settings` key of the shadow portfolio's rules. */
export const SHADOW_SETTING = 'shadowPortfolio'
/** The `settings` key of the day the cadence first ran (first touches spread from it). */
export const SHADOW_STARTED_SETTING = 'shadowPortfolio.startedOn'

/** The shadow portfolio's business rules (SPEC: cadences live in the database; admins edit them). */
export interface ShadowSettings {
  /** days between touches, inclusive; each subject's gap is fixed within it */
  readonly minDays: number
  readonly maxDays: number
  /** a lost deal comes back on the radar this many days before its next supplier choice */
  readonly radarDays: number
  /** the tone of the touches' emails */
  readonly tone: 'professional' | 'fun'
}

export const DEFAULT_SHADOW_SETTINGS: ShadowSettings = {
  ...DEFAULT_CADENCE,
  radarDays: 60,
  tone: 'professional',
}

const settingsSchema = z
  .object({
    minDays: z.number().int().min(1).max(365),
    maxDays: z.number().int().min(1).max(365),
    radarDays: z.number().int().min(0).max(365),
    tone: z.enum(['professional', 'fun']),
  })
  .refine((value) => value.minDays <= value.maxDays, {
    message: 'must not be above maxDays',
    path: ['minDays'],
  })

function parseSettings(value: unknown): ShadowSettings {
  return settingsSchema.parse(value)
}

/** The rules in force (everyone reads them). */
export async function getShadowSettings(target: Queryable): Promise<ShadowSettings> {
  return getSetting(target, SHADOW_SETTING, DEFAULT_SHADOW_SETTINGS, parseSettings)
}

/**
 * Changes the rules (an admin only); what is left out keeps its value. `expect` sees the rules as
 * read (the server checks If-Match there); the write happens only if nobody changed them meanwhile.
 * @throws ForbiddenError; ValidationError naming the field; PreconditionFailedError when stale
 * @example await setShadowSettings(store, who, { minDays: 35, maxDays: 49 })
 */
export async function setShadowSettings(
  store: Store,
  who: CaseActor,
  change: Partial<ShadowSettings>,
  expect?: (current: ShadowSettings) => void,
): Promise<ShadowSettings> {
  if (!can(who.actor, 'write', { type: 'setting' })) {
    await auditDenied(store, who, 'denied_write', null)
    throw new ForbiddenError(`a ${who.actor.role} may not change the shadow cadence: an admin does`)
  }
  const { value: current, storedJson } = await readSettingForUpdate(
    store,
    SHADOW_SETTING,
    DEFAULT_SHADOW_SETTINGS,
    parseSettings,
  )
  expect?.(current)
  const merged = { ...current, ...change }
  const checked = settingsSchema.safeParse(merged)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    const field = issue?.path.join('.') || 'minDays'
    throw new ValidationError(`${field}: ${issue?.message ?? 'invalid'}`)
  }
  const next = checked.data
  await store.db.transaction().execute(async (trx) => {
    if (!(await replaceSetting(trx, SHADOW_SETTING, storedJson, next, actorLabel(who.audit)))) {
      throw new PreconditionFailedError(
        'the shadow cadence was changed meanwhile: reload and try again',
      )
    }
    await auditCaseChange(trx, who.audit, {
      action: 'update',
      objectType: 'setting',
      objectId: SHADOW_SETTING,
      fields: Object.keys(change).sort(),
    })
  })
  return next
}

/**
 * The day first touches spread from: the day the cadence first ran, stored then (insert-only, so
 * concurrent first runs agree on one day); `today` until it has run.
 */
export async function cadenceStartedOn(
  target: Queryable,
  today: string,
  options: { readonly record: boolean },
): Promise<string> {
  const stored = await getSetting<string | null>(target, SHADOW_STARTED_SETTING, null)
  if (stored !== null || !options.record) {
    return stored ?? today
  }
  await replaceSetting(target, SHADOW_STARTED_SETTING, null, today, 'worker')
  return (await getSetting<string | null>(target, SHADOW_STARTED_SETTING, null)) ?? today
}
