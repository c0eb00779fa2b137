import { type Kysely, sql } from 'kysely'
import { addIdColumn, type StoreDialect, type StoreMigration } from './store-migration.js'

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

/**
 * The written plan (issue 7 item 2, SPEC §6): one plan per case (unique `case_id`, so two people
 * starting one at once make one), its conditions with owner, due date and status, and the extras
 * delivered beyond the fix.
 */
export const migration0016Plans: StoreMigration = {
  async up(db, dialect) {
    await createPlans(db, dialect)
    await createConditions(db, dialect)
    await createExtras(db, dialect)
  },
}

async function createPlans(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('plans'), dialect)
    .addColumn('case_id', 'bigint', (col) => col.notNull().unique().references('cases.id'))
    .addColumn('summary', 'text')
    .addColumn('agreed_version', 'integer')
    .addColumn('agreed_on', 'text')
    .addColumn('our_signer', 'text')
    .addColumn('their_signer', 'text')
    .addColumn('agreed_by', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
}

async function createConditions(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('plan_conditions'), dialect)
    .addColumn('plan_id', 'bigint', (col) => col.notNull().references('plans.id'))
    .addColumn('case_id', 'bigint', (col) => col.notNull().references('cases.id'))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('side', 'text', (col) => col.notNull().check(oneOf('side', ['us', 'customer'])))
    .addColumn('owner_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('contact_name', 'text')
    .addColumn('due_on', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(oneOf('status', ['open', 'done'])))
    .addColumn('done_on', 'text')
    .addColumn('done_by', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('plan_conditions_plan_ix')
    .on('plan_conditions')
    .column('plan_id')
    .execute()
}

async function createExtras(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('plan_extras'), dialect)
    .addColumn('plan_id', 'bigint', (col) => col.notNull().references('plans.id'))
    .addColumn('case_id', 'bigint', (col) => col.notNull().references('cases.id'))
    .addColumn('what', 'text', (col) => col.notNull())
    .addColumn('value_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('delivered_on', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('plan_extras_plan_ix').on('plan_extras').column('plan_id').execute()
}
