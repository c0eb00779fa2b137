import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'
import { inTransaction, nowTimestamp, type Queryable } from './queryable.js'
import type {
  NewContact,
  NewContract,
  NewCustomer,
  NewDeal,
  NewIncident,
  NewOrder,
  NewWinBackAttempt,
} from './rows.js'

// stays under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement
const MAX_PARAMETERS_PER_STATEMENT = 30_000
const MAX_ROWS_PER_STATEMENT = 1_000

/**
 * Inserts `rows` in multi-row statements of at most ~30,000 parameters, all in one transaction
 * (the caller's, when given one). Every row must set the same columns.
 */
async function insertInChunks<TRow extends object>(
  target: Queryable,
  rows: readonly TRow[],
  insertChunk: (trx: Kysely<Database>, chunk: TRow[]) => Promise<unknown>,
): Promise<number> {
  const first = rows[0]
  if (first === undefined) {
    return 0
  }
  const columnCount = Math.max(1, Object.keys(first).length)
  const chunkSize = Math.max(
    1,
    Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS_PER_STATEMENT / columnCount)),
  )
  await inTransaction(target, async (trx) => {
    for (let start = 0; start < rows.length; start += chunkSize) {
      await insertChunk(trx, rows.slice(start, start + chunkSize))
    }
  })
  return rows.length
}

/**
 * Inserts committed customers (their `import_id` as given, null by default); returns how many.
 * @example await insertCustomers(store, [{ id: 'C-1', name: 'Acme', segment: 'smb', territory: 'north' }])
 */
export async function insertCustomers(
  target: Queryable,
  rows: readonly NewCustomer[],
): Promise<number> {
  const createdAt = nowTimestamp()
  const full = rows.map((row) => ({
    name: null,
    segment: null,
    territory: null,
    owner_id: null,
    import_id: null,
    created_at: createdAt,
    ...row,
  }))
  return insertInChunks(target, full, (trx, chunk) =>
    trx.insertInto('customers').values(chunk).execute(),
  )
}

/**
 * Inserts orders; every customer must exist already. Returns how many.
 * @example await insertOrders(store, [{ order_key: 'id:1', customer_id: 'C-1', ordered_on: '2024-01-02', amount_minor: 1250, currency: 'EUR', status: 'placed' }])
 */
export async function insertOrders(target: Queryable, rows: readonly NewOrder[]): Promise<number> {
  const full = rows.map((row) => ({ order_id: null, import_id: null, ...row }))
  return insertInChunks(target, full, (trx, chunk) =>
    trx.insertInto('orders').values(chunk).execute(),
  )
}

/** Inserts contacts; returns how many. */
export async function insertContacts(
  target: Queryable,
  rows: readonly NewContact[],
): Promise<number> {
  const full = rows.map((row) => ({
    name: null,
    email: null,
    phone: null,
    postal_address: null,
    lawful_basis: null,
    basis_source: null,
    basis_on: null,
    import_id: null,
    ...row,
  }))
  return insertInChunks(target, full, (trx, chunk) =>
    trx.insertInto('contacts').values(chunk).execute(),
  )
}

/** Inserts contracts; returns how many. */
export async function insertContracts(
  target: Queryable,
  rows: readonly NewContract[],
): Promise<number> {
  const full = rows.map((row) => ({ import_id: null, ...row }))
  return insertInChunks(target, full, (trx, chunk) =>
    trx.insertInto('contracts').values(chunk).execute(),
  )
}

/** Inserts deals (won, lost or open); returns how many. */
export async function insertDeals(target: Queryable, rows: readonly NewDeal[]): Promise<number> {
  const full = rows.map((row) => ({
    name: null,
    stage: null,
    created_on: null,
    closed_on: null,
    lost_reason: null,
    competitor: null,
    next_choice_on: null,
    owner_id: null,
    import_id: null,
    ...row,
  }))
  return insertInChunks(target, full, (trx, chunk) =>
    trx.insertInto('deals').values(chunk).execute(),
  )
}

/** Inserts incidents; returns how many. */
export async function insertIncidents(
  target: Queryable,
  rows: readonly NewIncident[],
): Promise<number> {
  const full = rows.map((row) => ({ description: null, import_id: null, ...row }))
  return insertInChunks(target, full, (trx, chunk) =>
    trx.insertInto('incidents').values(chunk).execute(),
  )
}

/**
 * Inserts past win-back attempts (history from before cases existed); returns how many.
 * @example await insertWinBackAttempts(store, [{ customer_id: 'C-1', started_on: '2023-05-01', outcome: 'won_back' }])
 */
export async function insertWinBackAttempts(
  target: Queryable,
  rows: readonly NewWinBackAttempt[],
): Promise<number> {
  const full = rows.map((row) => ({
    ended_on: null,
    reason_code: null,
    owner_id: null,
    notes: null,
    ...row,
  }))
  return insertInChunks(target, full, (trx, chunk) =>
    trx.insertInto('win_back_attempts').values(chunk).execute(),
  )
}
