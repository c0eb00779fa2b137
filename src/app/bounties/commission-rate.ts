import { can } from '../../domain/access-policy.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { type Store, updateBaseCommissionRate } from '../../store/index.js'
import { auditCaseChange, type CaseActor } from '../cases/case-support.js'

/**
 * Sets a person's base commission rate, which a multiplier bounty multiplies (SPEC Decisions
 * "Bounties": a setting per person); admins only, audited by name.
 * @throws ForbiddenError, NotFoundError, ValidationError for a rate outside 0..1
 * @example await setBaseCommissionRate(store, admin, { userId: 4, rate: 0.05 })
 */
export async function setBaseCommissionRate(
  store: Store,
  who: CaseActor,
  change: { readonly userId: number; readonly rate: number },
): Promise<void> {
  if (!can(who.actor, 'write', { type: 'user' })) {
    throw new ForbiddenError(`a ${who.actor.role} may not set commission rates: an admin does`)
  }
  if (!Number.isFinite(change.rate) || change.rate < 0 || change.rate > 1) {
    throw new ValidationError(
      `a commission rate is a share from 0 to 1 (0.05 = 5 %), not ${change.rate}`,
    )
  }
  await store.db.transaction().execute(async (trx) => {
    if (!(await updateBaseCommissionRate(trx, change.userId, change.rate))) {
      throw new NotFoundError(`user ${change.userId} not found`)
    }
    await auditCaseChange(trx, who.audit, {
      action: 'update',
      objectType: 'user',
      objectId: String(change.userId),
      fields: ['baseCommissionRate'],
    })
  })
}
