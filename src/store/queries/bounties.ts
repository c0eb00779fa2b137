import type { Insertable, Selectable } from 'kysely'
import type { BountyRulesTable } from '../schema-make-goods.js'
import { makeGoodDb } from './make-goods.js'
import { nowTimestamp, type Queryable } from './queryable.js'

/** A stored bounty rule. */
export type BountyRuleRow = Selectable<BountyRulesTable>
/** The columns of a rule an admin sets. */
export type BountyRuleColumns = Omit<
  Insertable<BountyRulesTable>,
  'id' | 'version' | 'created_at' | 'created_by' | 'updated_at'
>

/** Adds a rule and returns it. */
export async function insertBountyRule(
  target: Queryable,
  rule: BountyRuleColumns,
  createdBy: string,
): Promise<BountyRuleRow> {
  const at = nowTimestamp()
  return makeGoodDb(target)
    .insertInto('bounty_rules')
    .values({ ...rule, version: 1, created_at: at, created_by: createdBy, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * Changes a rule at the version the caller read; false when it changed meanwhile (or is gone).
 */
export async function updateBountyRule(
  target: Queryable,
  id: number,
  expectedVersion: number,
  rule: BountyRuleColumns,
): Promise<boolean> {
  const result = await makeGoodDb(target)
    .updateTable('bounty_rules')
    .set((eb) => ({ ...rule, updated_at: nowTimestamp(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** One rule, or undefined. */
export async function getBountyRule(
  target: Queryable,
  id: number,
): Promise<BountyRuleRow | undefined> {
  return makeGoodDb(target)
    .selectFrom('bounty_rules')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Every rule, oldest first. */
export async function listBountyRules(target: Queryable): Promise<BountyRuleRow[]> {
  return makeGoodDb(target).selectFrom('bounty_rules').selectAll().orderBy('id').execute()
}

/** Sets a person's base commission rate (SPEC: a setting per person); false when no such user. */
export async function updateBaseCommissionRate(
  target: Queryable,
  userId: number,
  rate: number,
): Promise<boolean> {
  const result = await makeGoodDb(target)
    .updateTable('users')
    .set({ base_commission_rate: rate })
    .where('id', '=', userId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
