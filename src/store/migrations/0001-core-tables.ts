import { type CreateTableBuilder, type Kysely, sql } from 'kysely'
import { addIdColumn, type StoreDialect } from './store-migration.js'

// types both engines share: text dates and timestamps, bigint minor units, 0/1 integer flags
const flagCheck = (column: string) => sql`${sql.ref(column)} in (0, 1)`
const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

/** Settings, users and imports: the tables the business tables point at. */
export async function createPeopleAndImportTables(
  db: Kysely<unknown>,
  dialect: StoreDialect,
): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value_json', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text')
    .execute()
  await addIdColumn(db.schema.createTable('users'), dialect)
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) =>
      col.notNull().check(oneOf('role', ['admin', 'vp', 'manager', 'rep', 'analyst'])),
    )
    .addColumn('manager_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('started_on', 'text', (col) => col.notNull())
    .addColumn('base_commission_rate', 'double precision', (col) => col.notNull().defaultTo(0))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1).check(flagCheck('active')))
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await addIdColumn(db.schema.createTable('imports'), dialect)
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('file_sha256', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(oneOf('status', ['running', 'committed', 'failed'])),
    )
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('heartbeat_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('read_count', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('inserted_count', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_count', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('unchanged_count', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('rejected_count', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('rejects_file', 'text')
    .addColumn('error', 'text')
    .execute()
}

/** Customers, who owned them when, and their contacts. */
export async function createCustomerTables(
  db: Kysely<unknown>,
  dialect: StoreDialect,
): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text')
    .addColumn('segment', 'text')
    .addColumn('territory', 'text')
    .addColumn('owner_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('import_id', 'bigint', (col) => col.references('imports.id'))
    .execute()
  await addIdColumn(db.schema.createTable('account_ownership'), dialect)
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('from_date', 'text', (col) => col.notNull())
    .addColumn('to_date', 'text')
    .execute()
  await addIdColumn(db.schema.createTable('contacts'), dialect)
    .addColumn('contact_key', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('postal_address', 'text')
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('has_left', 'integer', (col) =>
      col.notNull().defaultTo(0).check(flagCheck('has_left')),
    )
    .addColumn('lawful_basis', 'text')
    .addColumn('basis_source', 'text')
    .addColumn('basis_on', 'text')
    .addColumn('consent', 'integer', (col) =>
      col.notNull().defaultTo(0).check(flagCheck('consent')),
    )
    .addColumn('import_id', 'bigint', (col) => col.references('imports.id'))
    .execute()
}

/**
 * Orders and contracts: what customers bought and agreed to. Orders are the bulk of every import,
 * so on SQLite their id is the plain rowid: AUTOINCREMENT costs a `sqlite_sequence` write per
 * insert statement, and nothing needs ids never reused.
 */
export async function createOrderTables(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await orderIdColumn(db.schema.createTable('orders'), dialect)
    .addColumn('order_key', 'text', (col) => col.notNull())
    .addColumn('order_id', 'text')
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('ordered_on', 'text', (col) => col.notNull())
    .addColumn('amount_minor', 'bigint', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(oneOf('status', ['placed', 'cancelled', 'refunded'])),
    )
    .addColumn('import_id', 'bigint', (col) => col.references('imports.id'))
    .execute()
  await addIdColumn(db.schema.createTable('contracts'), dialect)
    .addColumn('contract_key', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('starts_on', 'text', (col) => col.notNull())
    .addColumn('ends_on', 'text', (col) => col.notNull())
    .addColumn('value_minor', 'bigint', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('renewed', 'integer', (col) =>
      col.notNull().defaultTo(0).check(flagCheck('renewed')),
    )
    .addColumn('import_id', 'bigint', (col) => col.references('imports.id'))
    .execute()
}

// SQLite: `integer primary key` is the rowid itself, new rows take the largest rowid + 1
function orderIdColumn<TTable extends string>(
  table: CreateTableBuilder<TTable>,
  dialect: StoreDialect,
): CreateTableBuilder<TTable, 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (col) => col.primaryKey())
    : addIdColumn(table, dialect)
}

/** Deals (won, lost or open) and incidents (service failures on our side). */
export async function createDealTables(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('deals'), dialect)
    .addColumn('deal_key', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('name', 'text')
    .addColumn('stage', 'text')
    .addColumn('status', 'text', (col) =>
      col.notNull().check(oneOf('status', ['open', 'won', 'lost'])),
    )
    .addColumn('value_minor', 'bigint', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('recurring', 'integer', (col) =>
      col.notNull().defaultTo(0).check(flagCheck('recurring')),
    )
    .addColumn('created_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('lost_reason', 'text')
    .addColumn('competitor', 'text')
    .addColumn('next_choice_on', 'text')
    .addColumn('owner_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('import_id', 'bigint', (col) => col.references('imports.id'))
    .execute()
  await addIdColumn(db.schema.createTable('incidents'), dialect)
    .addColumn('incident_key', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('occurred_on', 'text', (col) => col.notNull())
    .addColumn('cost_minor', 'bigint', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('import_id', 'bigint', (col) => col.references('imports.id'))
    .execute()
}

/** Import bookkeeping, past win-back attempts and the audit log. */
export async function createRecordTables(
  db: Kysely<unknown>,
  dialect: StoreDialect,
): Promise<void> {
  await addIdColumn(db.schema.createTable('import_pending_updates'), dialect)
    .addColumn('import_id', 'bigint', (col) => col.notNull().references('imports.id'))
    .addColumn('table_name', 'text', (col) => col.notNull())
    .addColumn('row_key', 'text', (col) => col.notNull())
    .addColumn('values_json', 'text', (col) => col.notNull())
    .execute()
  await addIdColumn(db.schema.createTable('rejected_rows'), dialect)
    .addColumn('import_id', 'bigint', (col) => col.notNull().references('imports.id'))
    .addColumn('line', 'bigint', (col) => col.notNull())
    .addColumn('field', 'text')
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('message', 'text', (col) => col.notNull())
    .addColumn('raw', 'text', (col) => col.notNull())
    .execute()
  await addIdColumn(db.schema.createTable('win_back_attempts'), dialect)
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('started_on', 'text', (col) => col.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('outcome', 'text', (col) =>
      col
        .notNull()
        .check(oneOf('outcome', ['won_back', 'not_compatible', 'let_go', 'no_response'])),
    )
    .addColumn('reason_code', 'text')
    .addColumn('owner_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('notes', 'text')
    .execute()
  await addIdColumn(db.schema.createTable('audit_log'), dialect)
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('via', 'text', (col) => col.notNull().check(oneOf('via', ['cli', 'api', 'job'])))
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('object_type', 'text', (col) => col.notNull())
    .addColumn('object_id', 'text')
    .addColumn('fields_json', 'text')
    .addColumn('request_id', 'text')
    .execute()
}
