import type Sqlite from 'better-sqlite3'
import type { ImportedTable } from './record-tables.js'
import { pendingName } from './sql-text.js'
import { prepared } from './sqlite-statements.js'

// A bulk load on SQLite (a first import into an empty table, see `deferKeyIndexWhenEmpty`) does
// not create the customers its rows name batch by batch: a file's new customers arrive in random
// order, and creating them one batch at a time inserted each into the customers' key at a random
// page (measured: the first 1.25M of 10M orders, which named 1.25M customers, took 10.2 s against
// 3.9 s for the next 1.25M). Once the table's own indexes are built again, one statement reads
// the distinct customers off its customer index, in key order, and creates the missing ones
// (measured: 2.4 s for 1.25M customers from 10M orders, with every customer index live). Until
// then the rows name customers that may not exist yet; they are invisible, and the import writes
// with foreign key checks off (see `withoutForeignKeyChecks`), so nothing can read or trip on them.
// PostgreSQL keeps creating them batch by batch, with COPY: there the same statement's hash
// aggregate and speculative inserts cost more than they save (measured: 1M orders imported in
// 8.1 s against 7.1 s, server CPU 5.1 s against 3.6 s).

/**
 * Every customer id the rows of `table` name, missing ones created under `@importId`. GROUP BY,
 * not DISTINCT: SQLite then walks the customer index in order instead of building a temporary
 * B-tree. Rows of other imports name only customers that exist (each import creates its own), so
 * reading the whole table creates nothing for them.
 */
const createStatement = (table: ImportedTable): string =>
  `insert into customers (id, created_at, import_id) select customer_id, @now, @importId from ${table} where customer_id is not null group by customer_id on conflict (id) do nothing`

/**
 * The customers this import's rows name that another unfinished (or failed) import created: marked
 * to be taken over at publish, as the batch-by-batch path does (see `publishImport`).
 */
const adoptStatement = (table: ImportedTable): string =>
  `insert into import_pending_updates (import_id, table_name, row_key, values_json) select @importId, @adoptName, c.id, '{}' from customers c where c.import_id <> @importId and c.import_id in (select id from imports where status <> 'committed') and exists (select 1 from ${table} r where r.customer_id = c.id and r.import_id = @importId) on conflict (import_id, table_name, row_key) do nothing`

/**
 * Inside a write transaction, after `table`'s customer index is built again: creates every
 * customer its rows name that does not exist, and marks those of unfinished imports to take over.
 * @example createNamedCustomers(handle, 'orders', 7, new Date().toISOString())
 */
export function createNamedCustomers(
  handle: Sqlite.Database,
  table: Exclude<ImportedTable, 'customers'>,
  importId: number,
  now: string,
): void {
  prepared(handle, createStatement(table)).run({ now, importId })
  prepared(handle, adoptStatement(table)).run({ importId, adoptName: pendingName.adoptCustomer })
}
