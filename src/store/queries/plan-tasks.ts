import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** The `source_key` of the to-do task that carries one of our plan conditions. */
export function planConditionTaskKey(conditionId: number): string {
  return `plan_condition:${conditionId}`
}

/** The condition a task carries, from its `source_key`, or null for any other task. */
export function conditionIdOfTaskKey(sourceKey: string | null): number | null {
  const match = /^plan_condition:([1-9][0-9]*)$/.exec(sourceKey ?? '')
  return match?.[1] === undefined ? null : Number(match[1])
}

/**
 * Puts one of our conditions on its owner's to-do list, or keeps its task in step (owner, title,
 * due date) when it has one; a condition that is done, or no longer ours, has its task closed.
 */
export async function syncConditionTask(
  target: Queryable,
  condition: {
    readonly id: number
    readonly caseId: number
    readonly customerId: string
    readonly ownerId: number | null
    readonly title: string
    readonly dueOn: string
    readonly done: boolean
    readonly createdBy: string
  },
): Promise<void> {
  const db = dbOf(target)
  const key = planConditionTaskKey(condition.id)
  const existing = await db
    .selectFrom('tasks')
    .select(['id', 'done'])
    .where('source_key', '=', key)
    .executeTakeFirst()
  if (existing === undefined && (condition.ownerId === null || condition.done)) {
    return
  }
  if (existing === undefined && condition.ownerId !== null) {
    await db
      .insertInto('tasks')
      .values({
        owner_id: condition.ownerId,
        customer_id: condition.customerId,
        deal_id: null,
        case_id: condition.caseId,
        kind: 'plan_condition',
        title: condition.title,
        due_on: condition.dueOn,
        done: 0,
        done_at: null,
        source_key: key,
        created_at: nowTimestamp(),
        created_by: condition.createdBy,
        version: 1,
      })
      .execute()
    return
  }
  const closed = condition.done || condition.ownerId === null
  await db
    .updateTable('tasks')
    .set((eb) => ({
      ...(condition.ownerId === null ? {} : { owner_id: condition.ownerId }),
      title: condition.title,
      due_on: condition.dueOn,
      done: closed ? 1 : 0,
      done_at: closed ? nowTimestamp() : null,
      version: eb('version', '+', 1),
    }))
    .where('source_key', '=', key)
    .execute()
}

/** Removes the task of a condition that was removed. */
export async function deleteConditionTask(target: Queryable, conditionId: number): Promise<void> {
  await dbOf(target)
    .deleteFrom('tasks')
    .where('source_key', '=', planConditionTaskKey(conditionId))
    .execute()
}
