import type { Selectable } from 'kysely'
import type { LetGoDecisionsTable } from '../schema-keep.js'
import { keepDb } from './keep.js'
import { nowTimestamp, type Queryable } from './queryable.js'

/** A stored let-go decision. */
export type LetGoDecisionRow = Selectable<LetGoDecisionsTable>

/** A decision about one customer: let go (with a reason) or a suggestion dismissed. */
export interface NewLetGoDecision {
  readonly customer_id: string
  readonly decision: 'let_go' | 'dismissed'
  readonly reason_code: string | null
  readonly note: string | null
  readonly decided_by: number | null
  readonly decided_on: string
}

/**
 * Records a decision about a customer: a new row, or — when a suggestion was dismissed earlier —
 * turns it into let go. A customer already let go stays as they are (`changed` false), so marking
 * twice adds nothing; dismissing never undoes a let-go.
 * @example await decideLetGo(trx, { customer_id: 'C-1', decision: 'let_go', reason_code: 'difficult', … })
 */
export async function decideLetGo(
  target: Queryable,
  row: NewLetGoDecision,
): Promise<{ changed: boolean }> {
  const now = nowTimestamp()
  const inserted = await keepDb(target)
    .insertInto('let_go_decisions')
    .values({ ...row, created_at: now, updated_at: now, version: 1 })
    .onConflict((conflict) => conflict.column('customer_id').doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
    return { changed: true }
  }
  if (row.decision !== 'let_go') {
    return { changed: false }
  }
  // only a dismissed suggestion may turn into let go: the condition makes the race harmless
  const updated = await keepDb(target)
    .updateTable('let_go_decisions')
    .set((eb) => ({
      decision: 'let_go' as const,
      reason_code: row.reason_code,
      note: row.note,
      decided_by: row.decided_by,
      decided_on: row.decided_on,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('customer_id', '=', row.customer_id)
    .where('decision', '=', 'dismissed')
    .executeTakeFirst()
  return { changed: Number(updated.numUpdatedRows) === 1 }
}

/** Every let-go decision, optionally only one kind, newest first. */
export async function listLetGoDecisions(
  target: Queryable,
  decision?: 'let_go' | 'dismissed',
): Promise<LetGoDecisionRow[]> {
  let query = keepDb(target).selectFrom('let_go_decisions').selectAll()
  if (decision !== undefined) {
    query = query.where('decision', '=', decision)
  }
  return query.orderBy('id', 'desc').execute()
}

/** The customers among `customerIds` marked let go without a case. */
export async function markedLetGo(
  target: Queryable,
  customerIds: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>()
  for (let start = 0; start < customerIds.length; start += 500) {
    const rows = await keepDb(target)
      .selectFrom('let_go_decisions')
      .select('customer_id')
      .where('customer_id', 'in', customerIds.slice(start, start + 500))
      .where('decision', '=', 'let_go')
      .execute()
    for (const row of rows) {
      found.add(row.customer_id)
    }
  }
  return found
}

/** Each customer's current owner and name (null when unowned or unnamed); unknown ids are absent. */
export async function readCustomerOwners(
  target: Queryable,
  customerIds: readonly string[],
): Promise<Map<string, { ownerId: number | null; name: string | null }>> {
  const found = new Map<string, { ownerId: number | null; name: string | null }>()
  for (let start = 0; start < customerIds.length; start += 500) {
    const rows = await keepDb(target)
      .selectFrom('visible_customers')
      .select(['id', 'owner_id', 'name'])
      .where('id', 'in', customerIds.slice(start, start + 500))
      .execute()
    for (const row of rows) {
      found.set(row.id, {
        ownerId: row.owner_id === null ? null : Number(row.owner_id),
        name: row.name,
      })
    }
  }
  return found
}
