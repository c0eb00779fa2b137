import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'
import { dbOf, type Queryable } from './queryable.js'
import type {
  ContactRow,
  ContractRow,
  CustomerRow,
  DealRow,
  IncidentRow,
  OrderRow,
} from './rows.js'

/** A customer's orders in figures: placed orders and their net amount, and the rest by status. */
export interface OrderSummary {
  readonly placed_count: number
  readonly cancelled_count: number
  readonly refunded_count: number
  readonly first_ordered_on: string | null
  readonly last_ordered_on: string | null
  /** sum of placed orders' amounts (refund rows are negative) in minor units */
  readonly revenue_minor: number
}

/** Everything the customer page shows about one visible customer. */
export interface CustomerDetail {
  readonly customer: CustomerRow
  readonly owner: { readonly id: number; readonly name: string; readonly email: string } | null
  readonly orders: OrderSummary
  /** the newest orders first, at most `recentOrderLimit` */
  readonly recentOrders: OrderRow[]
  readonly contacts: ContactRow[]
  readonly contracts: ContractRow[]
  readonly deals: DealRow[]
  readonly incidents: IncidentRow[]
}

/**
 * One visible customer with their owner, order summary, newest orders, contacts, contracts, deals
 * and incidents; undefined when there is no such visible customer.
 * @example const detail = await getCustomer(store, 'C-1001')
 */
export async function getCustomer(
  target: Queryable,
  id: string,
  recentOrderLimit = 20,
): Promise<CustomerDetail | undefined> {
  const db = dbOf(target)
  const customer = await db
    .selectFrom('visible_customers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (customer === undefined) {
    return undefined
  }
  const [owner, orders, recentOrders, contacts, contracts, deals, incidents] = await Promise.all([
    findOwner(db, customer.owner_id),
    summarizeOrders(db, id),
    db
      .selectFrom('visible_orders')
      .selectAll()
      .where('customer_id', '=', id)
      .orderBy('ordered_on', 'desc')
      .orderBy('id', 'desc')
      .limit(recentOrderLimit)
      .execute(),
    db
      .selectFrom('visible_contacts')
      .selectAll()
      .where('customer_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('visible_contracts')
      .selectAll()
      .where('customer_id', '=', id)
      .orderBy('starts_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('visible_deals')
      .selectAll()
      .where('customer_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('visible_incidents')
      .selectAll()
      .where('customer_id', '=', id)
      .orderBy('occurred_on')
      .orderBy('id')
      .execute(),
  ])
  return { customer, owner, orders, recentOrders, contacts, contracts, deals, incidents }
}

async function findOwner(db: Kysely<Database>, ownerId: number | null) {
  if (ownerId === null) {
    return null
  }
  const owner = await db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('id', '=', ownerId)
    .executeTakeFirst()
  return owner ?? null
}

async function summarizeOrders(db: Kysely<Database>, customerId: string): Promise<OrderSummary> {
  const rows = await db
    .selectFrom('visible_orders')
    .where('customer_id', '=', customerId)
    .groupBy('status')
    .select((eb) => [
      'status',
      eb.fn.countAll<number>().as('count'),
      eb.fn.min('ordered_on').as('first_ordered_on'),
      eb.fn.max('ordered_on').as('last_ordered_on'),
      eb.fn.sum<number>('amount_minor').as('amount_minor'),
    ])
    .execute()
  const byStatus = new Map(rows.map((row) => [row.status, row]))
  const placed = byStatus.get('placed')
  return {
    placed_count: Number(placed?.count ?? 0),
    cancelled_count: Number(byStatus.get('cancelled')?.count ?? 0),
    refunded_count: Number(byStatus.get('refunded')?.count ?? 0),
    first_ordered_on: placed?.first_ordered_on ?? null,
    last_ordered_on: placed?.last_ordered_on ?? null,
    revenue_minor: Number(placed?.amount_minor ?? 0),
  }
}
