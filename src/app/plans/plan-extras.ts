import { isIsoDate } from '../../domain/case-dates.js'
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../domain/errors.js'
import {
  bumpPlan,
  deletePlanExtra,
  insertPlan,
  insertPlanExtra,
  type Store,
} from '../../store/index.js'
import { actorLabel, type CaseActor, dayOf, requireVersion } from '../cases/case-support.js'
import { companyCurrency } from '../cases/golden-lessons.js'
import { cleanText } from '../cases/next-step.js'
import { loadPlanFor, readPlanView, recordPlanChange } from './plan-support.js'
import type { PlanView } from './plan-view.js'

/** Something delivered beyond the fix ("X plus something else", seed 001 §7). */
export interface PlanExtraInput {
  readonly what: string
  /** what it is worth, in minor units, if it has a price */
  readonly valueMinor?: number | null
  readonly deliveredOn?: string | null
}

const invalid = (field: string, message: string) =>
  new ValidationError(`${field}: ${message}`, { issues: [{ path: [field], message }] })

function checkExtra(input: PlanExtraInput): {
  what: string
  value: number | null
  on: string | null
} {
  const what = cleanText('what', input.what)
  if (what == null) {
    throw invalid('what', 'say what is delivered beyond the fix')
  }
  const value = input.valueMinor ?? null
  if (value !== null && (!Number.isSafeInteger(value) || value < 0)) {
    throw invalid('valueMinor', 'a value is a whole amount in minor units, 0 or more')
  }
  const on = input.deliveredOn ?? null
  if (on !== null && !isIsoDate(on)) {
    throw invalid('deliveredOn', `a date is written YYYY-MM-DD, not "${on}"`)
  }
  return { what, value, on }
}

/**
 * Records an extra on a case's plan (starting the plan if there is none); the terms change, so the
 * plan's version rises.
 * @throws NotFoundError, ForbiddenError, ValidationError naming the field
 * @example await addPlanExtra(store, manager, { caseId: 7, extra: { what: 'A free on-site training day', valueMinor: 80_000 } })
 */
export async function addPlanExtra(
  store: Store,
  who: CaseActor,
  input: { readonly caseId: number; readonly extra: PlanExtraInput; readonly today?: string },
): Promise<PlanView> {
  const loaded = await loadPlanFor(store, who, input.caseId, 'write')
  const { what, value, on } = checkExtra(input.extra)
  const currency = value === null ? null : await companyCurrency(store)
  await store.db.transaction().execute(async (trx) => {
    const plan =
      loaded.plan ??
      (await insertPlan(trx, {
        caseId: input.caseId,
        summary: null,
        createdBy: actorLabel(who.audit),
      })) ??
      (await loadPlanFor(trx, who, input.caseId, 'write')).plan
    if (plan === undefined) {
      throw new NotFoundError(`case ${input.caseId} has no plan`)
    }
    const extra = await insertPlanExtra(trx, {
      plan_id: Number(plan.id),
      case_id: input.caseId,
      what,
      value_minor: value,
      currency,
      delivered_on: on,
      created_by: actorLabel(who.audit),
    })
    await bumpPlan(trx, { id: Number(plan.id) })
    await recordPlanChange(trx, who, {
      caseId: input.caseId,
      kind: 'plan_extra_added',
      action: 'create',
      objectType: 'plan_extra',
      objectId: Number(extra.id),
      fields: ['what', 'valueMinor', 'deliveredOn'],
    })
  })
  return readPlanView(store, input.caseId, dayOf(input.today))
}

/**
 * Removes an extra from a case's plan at the plan version the caller read; the version rises.
 * @throws NotFoundError, ForbiddenError, PreconditionFailedError
 * @example await removePlanExtra(store, manager, { caseId: 7, extraId: 2, expectedVersion: 5 })
 */
export async function removePlanExtra(
  store: Store,
  who: CaseActor,
  input: {
    readonly caseId: number
    readonly extraId: number
    /** the plan's version the caller read (If-Match): an extra is part of the plan's terms */
    readonly expectedVersion: number | undefined
    readonly today?: string
  },
): Promise<PlanView> {
  const expected = requireVersion(input.expectedVersion)
  const loaded = await loadPlanFor(store, who, input.caseId, 'write')
  await store.db.transaction().execute(async (trx) => {
    const plan = loaded.plan
    if (plan === undefined || !(await deletePlanExtra(trx, Number(plan.id), input.extraId))) {
      throw new NotFoundError(`extra ${input.extraId} of case ${input.caseId} not found`)
    }
    if (!(await bumpPlan(trx, { id: Number(plan.id), expectedVersion: expected }))) {
      throw new PreconditionFailedError(
        `the plan of case ${input.caseId} changed since you read it: reload`,
      )
    }
    await recordPlanChange(trx, who, {
      caseId: input.caseId,
      kind: 'plan_extra_removed',
      action: 'delete',
      objectType: 'plan_extra',
      objectId: input.extraId,
      fields: [],
    })
  })
  return readPlanView(store, input.caseId, dayOf(input.today))
}
