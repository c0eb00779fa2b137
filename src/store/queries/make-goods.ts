import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database } from '../schema.js'
import type { MakeGoodPayoutsTable, MakeGoodsTable, MakeGoodTables } from '../schema-make-goods.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** A stored make-good offer. */
export type MakeGoodRow = Selectable<MakeGoodsTable>
/** A stored payout. */
export type MakeGoodPayoutRow = Selectable<MakeGoodPayoutsTable>
/** What a new offer needs; it starts proposed, at version 1. */
export type NewMakeGood = Omit<
  Insertable<MakeGoodsTable>,
  'id' | 'status' | 'version' | 'proposed_at' | 'updated_at' | 'decided_by' | 'decided_at'
>

/** The database with migration 0012's tables, on the same connection or transaction. */
export function makeGoodDb(target: Queryable): Kysely<Database & MakeGoodTables> {
  return dbOf(target).withTables<MakeGoodTables>()
}

/**
 * Adds a proposed offer and returns it.
 * @example const offer = await insertMakeGood(trx, { case_id: 7, kind: 'gift', … })
 */
export async function insertMakeGood(target: Queryable, offer: NewMakeGood): Promise<MakeGoodRow> {
  const at = nowTimestamp()
  return makeGoodDb(target)
    .insertInto('make_goods')
    .values({ ...offer, status: 'proposed', version: 1, proposed_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** One offer, or undefined. */
export async function getMakeGood(target: Queryable, id: number): Promise<MakeGoodRow | undefined> {
  return makeGoodDb(target)
    .selectFrom('make_goods')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Offers, newest first: one case's, or every one. */
export async function listMakeGoods(
  target: Queryable,
  filter: { readonly caseId?: number; readonly status?: string } = {},
): Promise<MakeGoodRow[]> {
  let query = makeGoodDb(target).selectFrom('make_goods').selectAll()
  if (filter.caseId !== undefined) {
    query = query.where('case_id', '=', filter.caseId)
  }
  if (filter.status !== undefined) {
    query = query.where('status', '=', filter.status)
  }
  return query.orderBy('id', 'desc').execute()
}

/**
 * Approves or rejects a proposed offer at the version the caller read, in one conditional
 * UPDATE: of any number of concurrent deciders exactly one changes the row (TESTPLAN T7).
 * @returns whether this call made the decision
 */
export async function decideMakeGood(
  target: Queryable,
  decision: {
    readonly id: number
    readonly expectedVersion: number
    readonly status: 'approved' | 'rejected'
    readonly decidedBy: number | null
    readonly note: string | null
  },
): Promise<boolean> {
  const at = nowTimestamp()
  const result = await makeGoodDb(target)
    .updateTable('make_goods')
    .set((eb) => ({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: at,
      decision_note: decision.note,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', decision.id)
    .where('status', '=', 'proposed')
    .where('version', '=', decision.expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Records the one payout of an approved offer (the unique `make_good_id` refuses a second). */
export async function insertMakeGoodPayout(
  target: Queryable,
  payout: Omit<Insertable<MakeGoodPayoutsTable>, 'id' | 'created_at'>,
): Promise<number> {
  const row = await makeGoodDb(target)
    .insertInto('make_good_payouts')
    .values({ ...payout, created_at: nowTimestamp() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** The payouts of some offers (all when no ids are given). */
export async function listMakeGoodPayouts(
  target: Queryable,
  makeGoodIds?: readonly number[],
): Promise<MakeGoodPayoutRow[]> {
  let query = makeGoodDb(target).selectFrom('make_good_payouts').selectAll()
  if (makeGoodIds !== undefined) {
    query = query.where('make_good_id', 'in', [...makeGoodIds, -1])
  }
  return query.orderBy('id').execute()
}

/** One incident of a customer: what it was and what it cost them. */
export interface DamageLine {
  readonly id: number
  readonly kind: string
  readonly occurredOn: string
  readonly costMinor: number
  readonly currency: string
  readonly description: string | null
}

/** A customer's incidents, oldest first. */
export async function readCustomerIncidents(
  target: Queryable,
  customerId: string,
): Promise<DamageLine[]> {
  const rows = await dbOf(target)
    .selectFrom('incidents')
    .select(['id', 'kind', 'occurred_on', 'cost_minor', 'currency', 'description'])
    .where('customer_id', '=', customerId)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    occurredOn: row.occurred_on,
    costMinor: Number(row.cost_minor),
    currency: row.currency,
    description: row.description,
  }))
}

/** The customer's value if won back in the newest analysis run, or null when not scored. */
export async function readValueIfWonBack(
  target: Queryable,
  customerId: string,
): Promise<number | null> {
  const row = await dbOf(target)
    .selectFrom('customer_scores')
    .select('value_if_won_back_minor')
    .where('customer_id', '=', customerId)
    // the newest run only: customer_scores is keyed by run first
    .where('run_id', '=', (eb) =>
      eb.selectFrom('analysis_runs').select((inner) => inner.fn.max('id').as('id')),
    )
    .executeTakeFirst()
  return row === undefined ? null : Number(row.value_if_won_back_minor)
}
