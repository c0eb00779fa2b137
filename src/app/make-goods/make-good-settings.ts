import { can } from '../../domain/access-policy.js'
import { ForbiddenError, ValidationError } from '../../domain/errors.js'
import {
  DEFAULT_MAKE_GOOD_SIZING,
  type MakeGoodSizing,
  parseMakeGoodSizing,
} from '../../domain/make-good.js'
import {
  type ApprovalLimits,
  DEFAULT_APPROVAL_LIMITS,
  parseApprovalLimits,
} from '../../domain/make-good-approval.js'
import { getSetting, type Queryable, type Store, setSetting } from '../../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor } from '../cases/case-support.js'

const LIMITS_SETTING = 'approvalLimits'
const SIZING_SETTING = 'makeGoodSizing'

/** The approval limits and the sizing rule, as an admin set them over the defaults. */
export interface MakeGoodSettings {
  readonly limits: ApprovalLimits
  readonly sizing: MakeGoodSizing
}

/** What an admin changes; fields left out stay as they are. */
export interface MakeGoodSettingsChange {
  readonly limits?: Partial<ApprovalLimits>
  readonly sizing?: Partial<MakeGoodSizing>
}

/**
 * The approval limits and the sizing rule. Everyone may read them.
 * @example const { limits } = await getMakeGoodSettings(store) // limits.rep 50000
 */
export async function getMakeGoodSettings(target: Queryable): Promise<MakeGoodSettings> {
  return {
    limits: await getSetting(target, LIMITS_SETTING, DEFAULT_APPROVAL_LIMITS, parseApprovalLimits),
    sizing: await getSetting(target, SIZING_SETTING, DEFAULT_MAKE_GOOD_SIZING, parseMakeGoodSizing),
  }
}

/**
 * Changes approval limits or the sizing rule; an admin only (SPEC: approval limits are business
 * rules admins edit). Audited with the names changed, never the amounts.
 * @throws ForbiddenError; ValidationError for an amount or share out of range
 */
export async function setMakeGoodSettings(
  store: Store,
  who: CaseActor,
  change: MakeGoodSettingsChange,
): Promise<MakeGoodSettings> {
  if (!can(who.actor, 'write', { type: 'setting' })) {
    throw new ForbiddenError(`a ${who.actor.role} may not change approval limits: an admin does`)
  }
  return store.db.transaction().execute(async (trx) => {
    const current = await getMakeGoodSettings(trx)
    let next: MakeGoodSettings
    try {
      next = {
        limits: parseApprovalLimits({ ...current.limits, ...change.limits }),
        sizing: parseMakeGoodSizing({ ...current.sizing, ...change.sizing }),
      }
    } catch (error) {
      throw new ValidationError(
        'an approval limit is a whole amount ≥ 0 (or none); shares are ≥ 0',
        {
          cause: error,
        },
      )
    }
    const fields = [
      ...Object.keys(change.limits ?? {}).map((name) => `limits.${name}`),
      ...Object.keys(change.sizing ?? {}).map((name) => `sizing.${name}`),
    ]
    await setSetting(trx, LIMITS_SETTING, next.limits, actorLabel(who.audit))
    await setSetting(trx, SIZING_SETTING, next.sizing, actorLabel(who.audit))
    await auditCaseChange(trx, who.audit, {
      action: 'update',
      objectType: 'setting',
      objectId: 'makeGoods',
      fields,
    })
    return next
  })
}
