import type { Insertable, Selectable } from 'kysely'
import { NotFoundError, PreconditionFailedError } from '../../domain/errors.js'
import type { TasksTable } from '../schema-cases.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** A stored task. */
export type TaskRow = Selectable<TasksTable>

/** What a new task needs; it starts not done, at version 1. */
export type NewTask = Omit<
  Insertable<TasksTable>,
  'id' | 'done' | 'done_at' | 'created_at' | 'version'
>

/**
 * Adds a task and returns its id; a task whose `source_key` already made one is not added twice
 * (the existing id comes back), so the jobs that create tasks can rerun.
 * @example const id = await insertTask(trx, { owner_id: 4, customer_id: 'C-1', kind: 'tell_what_changed', … })
 */
export async function insertTask(
  target: Queryable,
  task: NewTask,
): Promise<{ id: number; created: boolean }> {
  const db = dbOf(target)
  if (task.source_key != null) {
    const existing = await db
      .selectFrom('tasks')
      .select('id')
      .where('source_key', '=', task.source_key)
      .executeTakeFirst()
    if (existing !== undefined) {
      return { id: Number(existing.id), created: false }
    }
  }
  const row = await db
    .insertInto('tasks')
    .values({ ...task, done: 0, done_at: null, created_at: nowTimestamp(), version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: Number(row.id), created: true }
}

/** Which tasks a list shows; every filter narrows. */
export interface TaskFilter {
  readonly ownerIds?: readonly number[]
  readonly done?: boolean
  readonly dueBefore?: string
  readonly customerId?: string
  readonly kind?: string
}

/**
 * Tasks passing every filter, soonest due first.
 * @example const mine = await listTasks(store, { ownerIds: [4], done: false })
 */
export async function listTasks(target: Queryable, filter: TaskFilter = {}): Promise<TaskRow[]> {
  let query = dbOf(target).selectFrom('tasks').selectAll()
  if (filter.ownerIds !== undefined) {
    query = query.where('owner_id', 'in', [...filter.ownerIds, -1])
  }
  if (filter.done !== undefined) {
    query = query.where('done', '=', filter.done ? 1 : 0)
  }
  if (filter.dueBefore !== undefined) {
    query = query.where('due_on', '<', filter.dueBefore)
  }
  if (filter.customerId !== undefined) {
    query = query.where('customer_id', '=', filter.customerId)
  }
  if (filter.kind !== undefined) {
    query = query.where('kind', '=', filter.kind)
  }
  return query.orderBy('due_on').orderBy('id').execute()
}

/**
 * The task with this id, or undefined.
 * @example const task = await getTask(store, 41)
 */
export async function getTask(target: Queryable, id: number): Promise<TaskRow | undefined> {
  return dbOf(target).selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * Marks a task done if it still has `expectedVersion`; returns the new version.
 * @throws PreconditionFailedError for a stale version; NotFoundError for an unknown task
 * @example await completeTask(trx, 41, 1)
 */
export async function completeTask(
  target: Queryable,
  id: number,
  expectedVersion: number,
): Promise<number> {
  const db = dbOf(target)
  const result = await db
    .updateTable('tasks')
    .set((eb) => ({ done: 1, done_at: nowTimestamp(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 1) {
    return expectedVersion + 1
  }
  if ((await getTask(target, id)) === undefined) {
    throw new NotFoundError(`task ${id} not found`)
  }
  throw new PreconditionFailedError(`task ${id} changed since version ${expectedVersion}`)
}
