import { can } from '../../domain/access-policy.js'
import {
  type BountyRule,
  type BountyRuleFields,
  type BountyRuleInput,
  bountyRuleInputSchema,
} from '../../domain/bounty.js'
import {
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.js'
import {
  type BountyRuleColumns,
  type BountyRuleRow,
  getBountyRule,
  insertBountyRule,
  listBountyRules,
  type Queryable,
  type Store,
  updateBountyRule,
} from '../../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor } from '../cases/case-support.js'

/** A bounty rule as the CLI and the API show it, with its version for safe edits. */
export interface BountyRuleView extends BountyRule {
  readonly version: number
}

/** A stored rule as a view. */
export function toBountyRuleView(row: BountyRuleRow): BountyRuleView {
  return {
    id: Number(row.id),
    name: row.name,
    fixedMinor: Number(row.fixed_minor),
    multiplier: Number(row.multiplier),
    months: Number(row.months),
    capMinor: row.cap_minor === null ? null : Number(row.cap_minor),
    managerShare: Number(row.manager_share),
    effectiveFrom: row.effective_from,
    active: row.active === 1,
    version: Number(row.version),
  }
}

/** Every bounty rule; everyone reads how victories are paid. */
export async function listBountyRuleViews(target: Queryable): Promise<BountyRuleView[]> {
  return (await listBountyRules(target)).map(toBountyRuleView)
}

function parseRule(input: BountyRuleInput): BountyRuleFields {
  const parsed = bountyRuleInputSchema.safeParse(input)
  if (!parsed.success) {
    throw new ValidationError(
      'a bounty rule needs a name, amounts ≥ 0, a multiplier ≥ 1, months ≥ 1 and a manager share in 0..1',
      {
        issues: parsed.error.issues.map((issue) => ({
          path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
          message: issue.message,
        })),
      },
    )
  }
  return parsed.data
}

function columns(rule: BountyRuleFields): BountyRuleColumns {
  return {
    name: rule.name,
    fixed_minor: rule.fixedMinor,
    multiplier: rule.multiplier,
    months: rule.months,
    cap_minor: rule.capMinor,
    manager_share: rule.managerShare,
    effective_from: rule.effectiveFrom,
    active: rule.active ? 1 : 0,
  }
}

function requireAdmin(who: CaseActor): void {
  if (!can(who.actor, 'write', { type: 'bounty_rule' })) {
    throw new ForbiddenError(`a ${who.actor.role} may not set bounty rules: an admin does`)
  }
}

/**
 * Adds a bounty rule (admins; SPEC: bounty rules live in the database). Audited.
 * @throws ForbiddenError, ValidationError
 * @example await addBountyRule(store, admin, { name: 'Double for a year', multiplier: 2, months: 12 })
 */
export async function addBountyRule(
  store: Store,
  who: CaseActor,
  input: BountyRuleInput,
): Promise<BountyRuleView> {
  requireAdmin(who)
  const rule = parseRule(input)
  return store.db.transaction().execute(async (trx) => {
    const row = await insertBountyRule(trx, columns(rule), actorLabel(who.audit))
    await auditCaseChange(trx, who.audit, {
      action: 'create',
      objectType: 'bounty_rule',
      objectId: String(row.id),
      fields: Object.keys(input),
    })
    return toBountyRuleView(row)
  })
}

/**
 * Changes a rule at the version read; fields left out stay as they are. Earnings already booked
 * stay (never a silent edit); the change applies to what accrues next.
 * @throws ForbiddenError, NotFoundError, ValidationError, PreconditionFailedError when stale
 */
export async function changeBountyRule(
  store: Store,
  who: CaseActor,
  change: {
    readonly id: number
    readonly expectedVersion: number
    readonly fields: Partial<BountyRuleInput>
  },
): Promise<BountyRuleView> {
  requireAdmin(who)
  return store.db.transaction().execute(async (trx) => {
    const row = await getBountyRule(trx, change.id)
    if (row === undefined) {
      throw new NotFoundError(`bounty rule ${change.id} not found`)
    }
    const { version: _version, id: _id, ...current } = toBountyRuleView(row)
    const rule = parseRule({ ...current, ...change.fields })
    if (!(await updateBountyRule(trx, change.id, change.expectedVersion, columns(rule)))) {
      throw new PreconditionFailedError(
        `bounty rule ${change.id} changed since you read it: reload`,
      )
    }
    await auditCaseChange(trx, who.audit, {
      action: 'update',
      objectType: 'bounty_rule',
      objectId: String(change.id),
      fields: Object.keys(change.fields),
    })
    const after = await getBountyRule(trx, change.id)
    return toBountyRuleView(after ?? row)
  })
}
