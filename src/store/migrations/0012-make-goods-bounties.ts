import { type Kysely, sql } from 'kysely'
import { addIdColumn, type StoreDialect, type StoreMigration } from './store-migration.js'

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

// frozen here rather than imported, so this migration means the same thing forever
const KINDS = ['service_credit', 'free_work', 'extended_warranty', 'gift', 'price_concession']

/**
 * Make-goods and pay for victories (issue 7): offers on a case and the one payout an approval
 * makes; bounty rules and the earnings they credit. `earnings` is unique on rule × person × order
 * (× kind × entry), so concurrent accruals credit each order once (TESTPLAN T7).
 */
export const migration0012MakeGoodsBounties: StoreMigration = {
  async up(db, dialect) {
    await createMakeGoodTables(db, dialect)
    await createBountyTables(db, dialect)
  },
}

async function createMakeGoodTables(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('make_goods'), dialect)
    .addColumn('case_id', 'bigint', (col) => col.notNull().references('cases.id'))
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(oneOf('kind', KINDS)))
    .addColumn('value_minor', 'bigint', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('incident_ids_json', 'text', (col) => col.notNull())
    .addColumn('answers_remedy', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('description', 'text')
    .addColumn('reason', 'text')
    .addColumn('suggested_minor', 'bigint', (col) => col.notNull())
    .addColumn('flags_json', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(oneOf('status', ['proposed', 'approved', 'rejected'])),
    )
    .addColumn('proposed_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('proposed_at', 'text', (col) => col.notNull())
    .addColumn('decided_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('make_goods_case_ix').on('make_goods').column('case_id').execute()
  await addIdColumn(db.schema.createTable('make_good_payouts'), dialect)
    .addColumn('make_good_id', 'bigint', (col) =>
      col.notNull().unique().references('make_goods.id'),
    )
    .addColumn('amount_minor', 'bigint', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('approved_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
}

async function createBountyTables(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('bounty_rules'), dialect)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('fixed_minor', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('multiplier', 'double precision', (col) => col.notNull().defaultTo(1))
    .addColumn('months', 'integer', (col) => col.notNull())
    .addColumn('cap_minor', 'bigint')
    .addColumn('manager_share', 'double precision', (col) => col.notNull())
    .addColumn('effective_from', 'text', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  // order_id has no reference: an order removed later still has its credit and its reversal
  await addIdColumn(db.schema.createTable('earnings'), dialect)
    .addColumn('rule_id', 'bigint', (col) => col.notNull().references('bounty_rules.id'))
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('case_id', 'bigint', (col) => col.notNull().references('cases.id'))
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('order_id', 'bigint', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(oneOf('kind', ['fixed', 'multiplier'])))
    .addColumn('entry', 'text', (col) =>
      col.notNull().check(oneOf('entry', ['credit', 'reversal'])),
    )
    .addColumn('amount_minor', 'bigint', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    // the fixed bounty is once per rule, person and case, whichever order brought it
    .addColumn('once_key', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('earnings_rule_person_order_uq', [
      'rule_id',
      'user_id',
      'order_id',
      'kind',
      'entry',
    ])
    .execute()
  await db.schema.createIndex('earnings_user_ix').on('earnings').column('user_id').execute()
  await db.schema.createIndex('earnings_case_ix').on('earnings').column('case_id').execute()
}
