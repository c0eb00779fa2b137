import { type Kysely, sql } from 'kysely'

// one line per index: [name, table, columns]; the keys an import matches on are unique
const UNIQUE_INDEXES: readonly (readonly [string, string, string[]])[] = [
  ['users_email_ux', 'users', ['email']],
  ['orders_order_key_ux', 'orders', ['order_key']],
  ['contacts_contact_key_ux', 'contacts', ['contact_key']],
  ['contracts_contract_key_ux', 'contracts', ['contract_key']],
  ['deals_deal_key_ux', 'deals', ['deal_key']],
  ['incidents_incident_key_ux', 'incidents', ['incident_key']],
]

// what the lost list, the customer page, analyze and import cleanup look rows up by
const INDEXES: readonly (readonly [string, string, string[]])[] = [
  ['users_manager_ix', 'users', ['manager_id']],
  ['imports_status_ix', 'imports', ['status']],
  ['imports_file_sha256_ix', 'imports', ['file_sha256']],
  ['customers_owner_ix', 'customers', ['owner_id']],
  ['customers_segment_ix', 'customers', ['segment']],
  ['customers_territory_ix', 'customers', ['territory']],
  ['customers_name_ix', 'customers', ['name']],
  ['customers_import_ix', 'customers', ['import_id']],
  ['account_ownership_customer_ix', 'account_ownership', ['customer_id', 'from_date']],
  ['account_ownership_user_ix', 'account_ownership', ['user_id']],
  ['contacts_customer_ix', 'contacts', ['customer_id']],
  ['contacts_import_ix', 'contacts', ['import_id']],
  ['orders_customer_ordered_on_ix', 'orders', ['customer_id', 'ordered_on']],
  ['orders_import_ix', 'orders', ['import_id']],
  ['contracts_customer_ix', 'contracts', ['customer_id', 'ends_on']],
  ['contracts_import_ix', 'contracts', ['import_id']],
  ['deals_customer_ix', 'deals', ['customer_id']],
  ['deals_status_closed_on_ix', 'deals', ['status', 'closed_on']],
  ['deals_owner_ix', 'deals', ['owner_id']],
  ['deals_import_ix', 'deals', ['import_id']],
  ['incidents_customer_ix', 'incidents', ['customer_id', 'occurred_on']],
  ['incidents_import_ix', 'incidents', ['import_id']],
  ['import_pending_updates_import_ix', 'import_pending_updates', ['import_id']],
  ['rejected_rows_import_line_ix', 'rejected_rows', ['import_id', 'line']],
  ['win_back_attempts_customer_ix', 'win_back_attempts', ['customer_id']],
  ['win_back_attempts_owner_ix', 'win_back_attempts', ['owner_id']],
  ['audit_log_object_ix', 'audit_log', ['object_type', 'object_id']],
  ['audit_log_at_ix', 'audit_log', ['at']],
]

/** Creates the unique keys and lookup indexes of migration 0001. */
export async function createCoreIndexes(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of UNIQUE_INDEXES) {
    await db.schema.createIndex(name).unique().on(table).columns(columns).execute()
  }
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute()
  }
  // at most one open ownership spell per account
  await db.schema
    .createIndex('account_ownership_open_ux')
    .unique()
    .on('account_ownership')
    .column('customer_id')
    .where(sql.ref('to_date'), 'is', null)
    .execute()
}
