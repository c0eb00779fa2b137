import { sql } from 'kysely'
import { dbOf, type Queryable } from './queryable.js'

/** How many rows the store holds: business rows as readers see them, plus imports and users. */
export interface StoreStats {
  readonly customers: number
  readonly orders: number
  readonly deals: number
  readonly incidents: number
  readonly contacts: number
  readonly contracts: number
  /** every import run, whatever its status */
  readonly imports: number
  readonly users: number
}

/**
 * Counts visible customers, orders, deals, incidents, contacts and contracts (rows of running or
 * failed imports are left out), all imports and all users, in one statement.
 * @example const { customers, orders } = await stats(store)
 */
export async function stats(target: Queryable): Promise<StoreStats> {
  const count = (table: string) => sql<number>`(select count(*) from ${sql.table(table)})`
  const row = await dbOf(target)
    .selectNoFrom([
      count('visible_customers').as('customers'),
      count('visible_orders').as('orders'),
      count('visible_deals').as('deals'),
      count('visible_incidents').as('incidents'),
      count('visible_contacts').as('contacts'),
      count('visible_contracts').as('contracts'),
      count('imports').as('imports'),
      count('users').as('users'),
    ])
    .executeTakeFirstOrThrow()
  return {
    customers: Number(row.customers),
    orders: Number(row.orders),
    deals: Number(row.deals),
    incidents: Number(row.incidents),
    contacts: Number(row.contacts),
    contracts: Number(row.contracts),
    imports: Number(row.imports),
    users: Number(row.users),
  }
}
