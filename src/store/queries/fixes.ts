import type { Insertable, Selectable } from 'kysely'
import type { FixesTable, ResurfacedLossesTable } from '../schema-cases.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** A stored fix with the code of its reason (as stored, before merges). */
export type FixRow = Selectable<FixesTable> & { readonly reason_code: string }

/** What a new fix needs. */
export type NewFix = Omit<Insertable<FixesTable>, 'id' | 'created_at' | 'version'>

/** A resurfaced loss with what the "reason now fixed" list shows beside it. */
export type ResurfacedRow = Selectable<ResurfacedLossesTable> & {
  readonly customer_name: string | null
  readonly reason_code: string | null
  readonly fix_note: string | null
  readonly task_owner_id: number | null
  readonly task_due_on: string | null
  readonly task_done: number | null
}

/** What a new resurfaced loss needs. */
export type NewResurfaced = Omit<Insertable<ResurfacedLossesTable>, 'id' | 'resurfaced_at'>

/**
 * Stores a fix and returns its id.
 * @example const id = await insertFix(trx, { reason_id: 6, scope_kind: null, scope_value: null, fixed_on: '2024-05-01', owner_id: 2, note: 'prices are now competitive', created_by: 'user:2' })
 */
export async function insertFix(target: Queryable, fix: NewFix): Promise<number> {
  const row = await dbOf(target)
    .insertInto('fixes')
    .values({ ...fix, created_at: nowTimestamp(), version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/**
 * Every fix, newest date first.
 * @example const fixes = await listFixes(store)
 */
export async function listFixes(target: Queryable): Promise<FixRow[]> {
  return dbOf(target)
    .selectFrom('fixes as f')
    .innerJoin('reasons as r', 'r.id', 'f.reason_id')
    .selectAll('f')
    .select('r.code as reason_code')
    .orderBy('f.fixed_on', 'desc')
    .orderBy('f.id', 'desc')
    .execute()
}

/**
 * Records a resurfaced loss unless this trigger already resurfaced this subject; returns the new
 * row's id, or null when it was already there (a rerun adds nothing).
 * @example await insertResurfaced(trx, { trigger_key: 'fix:3', trigger_kind: 'fix', … })
 */
export async function insertResurfaced(
  target: Queryable,
  row: NewResurfaced,
): Promise<number | null> {
  const db = dbOf(target)
  const existing = await db
    .selectFrom('resurfaced_losses')
    .select('id')
    .where('trigger_key', '=', row.trigger_key)
    .where('subject_key', '=', row.subject_key)
    .executeTakeFirst()
  if (existing !== undefined) {
    return null
  }
  const inserted = await db
    .insertInto('resurfaced_losses')
    .values({ ...row, resurfaced_at: nowTimestamp() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(inserted.id)
}

/**
 * Points a resurfaced loss at the task made for it.
 * @example await setResurfacedTask(trx, 9, 41)
 */
export async function setResurfacedTask(
  target: Queryable,
  id: number,
  taskId: number,
): Promise<void> {
  await dbOf(target)
    .updateTable('resurfaced_losses')
    .set({ task_id: taskId })
    .where('id', '=', id)
    .execute()
}

/**
 * The "reason now fixed" list: resurfaced losses, newest first, optionally those of one trigger
 * or customer, with their tasks.
 * @example const list = await listResurfaced(store, { triggerKey: 'fix:3' })
 */
export async function listResurfaced(
  target: Queryable,
  filter: { readonly triggerKey?: string; readonly customerId?: string } = {},
): Promise<ResurfacedRow[]> {
  let query = dbOf(target)
    .selectFrom('resurfaced_losses as s')
    .leftJoin('customers as c', 'c.id', 's.customer_id')
    .leftJoin('reasons as r', 'r.id', 's.reason_id')
    .leftJoin('fixes as f', 'f.id', 's.fix_id')
    .leftJoin('tasks as t', 't.id', 's.task_id')
    .selectAll('s')
    .select(['c.name as customer_name', 'r.code as reason_code', 'f.note as fix_note'])
    .select(['t.owner_id as task_owner_id', 't.due_on as task_due_on', 't.done as task_done'])
  if (filter.triggerKey !== undefined) {
    query = query.where('s.trigger_key', '=', filter.triggerKey)
  }
  if (filter.customerId !== undefined) {
    query = query.where('s.customer_id', '=', filter.customerId)
  }
  return query.orderBy('s.id', 'desc').execute()
}

/**
 * The subjects (`customer:<id>`, `deal:<id>`) brought back by a fix or a new decision maker, each
 * with what brought it back: the flag that raises their win-back probability.
 * @example const flags = await readWinBackFlags(store) // Map { 'customer:C-1' => ['fix'] }
 */
export async function readWinBackFlags(
  target: Queryable,
): Promise<Map<string, ('fix' | 'new_decision_maker')[]>> {
  const rows = await dbOf(target)
    .selectFrom('resurfaced_losses')
    .select(['subject_key', 'trigger_kind'])
    .distinct()
    .execute()
  const flags = new Map<string, ('fix' | 'new_decision_maker')[]>()
  for (const row of rows) {
    flags.set(row.subject_key, [...(flags.get(row.subject_key) ?? []), row.trigger_kind])
  }
  return flags
}
