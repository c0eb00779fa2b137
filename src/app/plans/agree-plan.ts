import { ConflictError, PreconditionFailedError, ValidationError } from '../../domain/errors.js'
import {
  agreePlanVersion,
  getPlanOfCase,
  listPlanConditions,
  type Queryable,
  readCustomerContacts,
  type Store,
} from '../../store/index.js'
import {
  actorLabel,
  type CaseActor,
  dayOf,
  requireVersion,
  usersById,
} from '../cases/case-support.js'
import { cleanText } from '../cases/next-step.js'
import { loadPlanFor, readPlanView, recordPlanChange, requirePlan } from './plan-support.js'
import type { PlanView } from './plan-view.js'

/** Agreeing a plan: the version both sides read, and the customer's signer if not their decision maker. */
export interface PlanAgreement {
  readonly caseId: number
  readonly expectedVersion: number | undefined
  /** the customer's contact who agrees; their present decision maker when left out */
  readonly theirSigner?: string | null
  readonly today?: string
}

// the customer's signer: the one named, or their decision maker who is still there
async function theirSignerOf(
  target: Queryable,
  customerId: string,
  named: string | null | undefined,
): Promise<string> {
  const given = cleanText('theirSigner', named)
  if (given != null) {
    return given
  }
  const contacts = await readCustomerContacts(target, [customerId])
  const maker = contacts.find(
    (line) => line.role === 'decision_maker' && !line.hasLeft && line.name,
  )
  if (maker?.name == null) {
    throw new ValidationError('theirSigner: name the customer contact who agrees the plan', {
      issues: [{ path: ['theirSigner'], message: 'no decision maker on file to default to' }],
    })
  }
  return maker.name
}

/**
 * Records that both sides agree the plan at the version they read (If-Match): our signer is the
 * case owner, theirs the customer's contact; the date is today. A plan needs at least one
 * condition to be agreed. Any later change to its terms raises the version, and the plan reads
 * `changed` until it is agreed again (the agreement of the old version stays on record).
 * @throws PRECONDITION_REQUIRED, PreconditionFailedError (stale), ConflictError (already agreed at
 *   this version), ValidationError (no conditions, no signer)
 * @example await agreePlan(store, manager, { caseId: 7, expectedVersion: 4, theirSigner: 'Ana Ruiz' })
 */
export async function agreePlan(
  store: Store,
  who: CaseActor,
  input: PlanAgreement,
): Promise<PlanView> {
  const expected = requireVersion(input.expectedVersion)
  const today = dayOf(input.today)
  const loadedPlan = await loadPlanFor(store, who, input.caseId, 'write')
  const plan = requirePlan(loadedPlan)
  const { row } = loadedPlan.loaded
  if ((await listPlanConditions(store, Number(plan.id))).length === 0) {
    throw new ValidationError('conditions: a plan is agreed on at least one condition', {
      issues: [{ path: ['conditions'], message: 'add a condition first' }],
    })
  }
  const ourSigner =
    (await usersById(store)).get(Number(row.owner_id))?.name ?? `user ${row.owner_id}`
  const theirSigner = await theirSignerOf(store, row.customer_id, input.theirSigner)
  await store.db.transaction().execute(async (trx) => {
    const agreed = await agreePlanVersion(trx, {
      id: Number(plan.id),
      version: expected,
      agreedOn: today,
      ourSigner,
      theirSigner,
      agreedBy: actorLabel(who.audit),
    })
    if (!agreed) {
      await explainRefusal(trx, input.caseId, expected)
    }
    await recordPlanChange(trx, who, {
      caseId: input.caseId,
      kind: 'plan_agreed',
      action: 'agree',
      objectType: 'plan',
      objectId: Number(plan.id),
      fields: ['agreed_version', 'agreed_on', 'our_signer', 'their_signer'],
    })
  })
  return readPlanView(store, input.caseId, today)
}

async function explainRefusal(trx: Queryable, caseId: number, expected: number): Promise<never> {
  const now = await getPlanOfCase(trx, caseId)
  if (now !== undefined && Number(now.version) === expected) {
    throw new ConflictError(`the plan of case ${caseId} is already agreed at version ${expected}`)
  }
  throw new PreconditionFailedError(
    `the plan of case ${caseId} changed since you read it (now version ${now?.version}): reload`,
  )
}
