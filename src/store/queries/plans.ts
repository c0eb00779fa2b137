import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { Database } from '../schema.js'
import type {
  PlanConditionsTable,
  PlanExtrasTable,
  PlansTable,
  PlanTables,
} from '../schema-plans.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** A stored plan, condition and extra. */
export type PlanRow = Selectable<PlansTable>
export type PlanConditionRow = Selectable<PlanConditionsTable>
export type PlanExtraRow = Selectable<PlanExtrasTable>
/** What a new condition needs; it starts open, at version 1. */
export type NewPlanCondition = Omit<
  Insertable<PlanConditionsTable>,
  'id' | 'status' | 'done_on' | 'done_by' | 'version' | 'created_at' | 'updated_at'
>
/** The parts of a condition an edit may change. */
export type PlanConditionChanges = Pick<
  Updateable<PlanConditionsTable>,
  'text' | 'side' | 'owner_id' | 'contact_name' | 'due_on' | 'note'
>

/** The database with migration 0016's tables, on the same connection or transaction. */
export function planDb(target: Queryable): Kysely<Database & PlanTables> {
  return dbOf(target).withTables<PlanTables>()
}

/** The plan of a case, or undefined when none was started. */
export async function getPlanOfCase(
  target: Queryable,
  caseId: number,
): Promise<PlanRow | undefined> {
  return planDb(target)
    .selectFrom('plans')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirst()
}

/**
 * Starts the plan of a case; the unique `case_id` makes a second start (even a concurrent one) add
 * nothing.
 * @returns the new plan, or undefined when the case already had one
 */
export async function insertPlan(
  target: Queryable,
  plan: { readonly caseId: number; readonly summary: string | null; readonly createdBy: string },
): Promise<PlanRow | undefined> {
  const at = nowTimestamp()
  return planDb(target)
    .insertInto('plans')
    .values({
      case_id: plan.caseId,
      summary: plan.summary,
      version: 1,
      created_at: at,
      created_by: plan.createdBy,
      updated_at: at,
    })
    .onConflict((conflict) => conflict.column('case_id').doNothing())
    .returningAll()
    .executeTakeFirst()
}

/**
 * Raises a plan's version (its terms changed), at `expectedVersion` when one is given, setting
 * the summary when `summary` is given.
 * @returns whether this call changed the row
 */
export async function bumpPlan(
  target: Queryable,
  change: {
    readonly id: number
    readonly expectedVersion?: number
    readonly summary?: string | null
  },
): Promise<boolean> {
  let query = planDb(target)
    .updateTable('plans')
    .set((eb) => ({
      ...(change.summary === undefined ? {} : { summary: change.summary }),
      updated_at: nowTimestamp(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', change.id)
  if (change.expectedVersion !== undefined) {
    query = query.where('version', '=', change.expectedVersion)
  }
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Records the agreement of a plan at the version both sides read, in one conditional UPDATE: of
 * concurrent agreements to one version exactly one is recorded.
 * @returns whether this call recorded it
 */
export async function agreePlanVersion(
  target: Queryable,
  agreement: {
    readonly id: number
    readonly version: number
    readonly agreedOn: string
    readonly ourSigner: string
    readonly theirSigner: string
    readonly agreedBy: string
  },
): Promise<boolean> {
  const result = await planDb(target)
    .updateTable('plans')
    .set({
      agreed_version: agreement.version,
      agreed_on: agreement.agreedOn,
      our_signer: agreement.ourSigner,
      their_signer: agreement.theirSigner,
      agreed_by: agreement.agreedBy,
      updated_at: nowTimestamp(),
    })
    .where('id', '=', agreement.id)
    .where('version', '=', agreement.version)
    .where((eb) =>
      eb.or([eb('agreed_version', 'is', null), eb('agreed_version', '<>', agreement.version)]),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** A plan's conditions, soonest due first. */
export async function listPlanConditions(
  target: Queryable,
  planId: number,
): Promise<PlanConditionRow[]> {
  return planDb(target)
    .selectFrom('plan_conditions')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('due_on')
    .orderBy('id')
    .execute()
}

/** One condition, or undefined. */
export async function getPlanCondition(
  target: Queryable,
  id: number,
): Promise<PlanConditionRow | undefined> {
  return planDb(target)
    .selectFrom('plan_conditions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Adds an open condition and returns it. */
export async function insertPlanCondition(
  target: Queryable,
  condition: NewPlanCondition,
): Promise<PlanConditionRow> {
  const at = nowTimestamp()
  return planDb(target)
    .insertInto('plan_conditions')
    .values({ ...condition, status: 'open', version: 1, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * Changes a condition still at `expectedVersion`.
 * @returns whether this call changed it
 */
export async function updatePlanCondition(
  target: Queryable,
  id: number,
  change: { readonly expectedVersion: number; readonly set: PlanConditionChanges },
): Promise<boolean> {
  const result = await planDb(target)
    .updateTable('plan_conditions')
    .set((eb) => ({ ...change.set, updated_at: nowTimestamp(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', change.expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Marks an open condition done, in one conditional UPDATE on its status: of any number of
 * concurrent completions exactly one changes the row (and `expectedVersion`, when given, must hold).
 * @returns whether this call completed it
 */
export async function completePlanCondition(
  target: Queryable,
  completion: {
    readonly id: number
    readonly doneOn: string
    readonly doneBy: string
    readonly note?: string | null
    readonly expectedVersion?: number
  },
): Promise<boolean> {
  let query = planDb(target)
    .updateTable('plan_conditions')
    .set((eb) => ({
      status: 'done' as const,
      done_on: completion.doneOn,
      done_by: completion.doneBy,
      ...(completion.note === undefined ? {} : { note: completion.note }),
      updated_at: nowTimestamp(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', completion.id)
    .where('status', '=', 'open')
  if (completion.expectedVersion !== undefined) {
    query = query.where('version', '=', completion.expectedVersion)
  }
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Removes a condition still at `expectedVersion`.
 * @returns whether this call removed it
 */
export async function deletePlanCondition(
  target: Queryable,
  id: number,
  expectedVersion: number,
): Promise<boolean> {
  const result = await planDb(target)
    .deleteFrom('plan_conditions')
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

/** A plan's extras, oldest first. */
export async function listPlanExtras(target: Queryable, planId: number): Promise<PlanExtraRow[]> {
  return planDb(target)
    .selectFrom('plan_extras')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('id')
    .execute()
}

/** Adds an extra and returns it. */
export async function insertPlanExtra(
  target: Queryable,
  extra: Omit<Insertable<PlanExtrasTable>, 'id' | 'created_at'>,
): Promise<PlanExtraRow> {
  return planDb(target)
    .insertInto('plan_extras')
    .values({ ...extra, created_at: nowTimestamp() })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Removes one extra of a plan; returns whether it was there. */
export async function deletePlanExtra(
  target: Queryable,
  planId: number,
  id: number,
): Promise<boolean> {
  const result = await planDb(target)
    .deleteFrom('plan_extras')
    .where('id', '=', id)
    .where('plan_id', '=', planId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}
