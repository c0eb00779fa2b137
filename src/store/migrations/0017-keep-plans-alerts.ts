import { type Kysely, sql } from 'kysely'
import { addIdColumn, type StoreDialect, type StoreMigration } from './store-migration.js'

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

// frozen here rather than imported, so this migration means the same thing forever
const DECISIONS = ['let_go', 'dismissed']
const LET_GO_REASONS = ['difficult', 'unprofitable', 'late_payer', 'too_many_incidents', 'other']

/**
 * Seal the deal and let go (issue 7 items 4–5, SPEC §9): a keep-plan per won case (unique per
 * case, so a replayed win adds nothing), alerts with a unique trigger key (so re-running an import
 * or analyze never raises one twice), and the let-go decisions taken on customers without a case
 * (one per customer: let go, or a suggestion dismissed).
 */
export const migration0017KeepPlansAlerts: StoreMigration = {
  async up(db, dialect) {
    await createKeepPlans(db, dialect)
    await createAlerts(db, dialect)
    await createLetGoDecisions(db, dialect)
  },
}

async function createKeepPlans(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('keep_plans'), dialect)
    .addColumn('case_id', 'bigint', (col) => col.notNull().unique().references('cases.id'))
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'bigint', (col) => col.notNull())
    .addColumn('won_on', 'text', (col) => col.notNull())
    // the case's reason codes at the win, as a JSON array
    .addColumn('watched_reasons_json', 'text', (col) => col.notNull())
    .addColumn('baseline_p_alive', 'double precision')
    .addColumn('baseline_status', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('keep_plans_customer_ix')
    .on('keep_plans')
    .column('customer_id')
    .execute()
}

async function createAlerts(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('alerts'), dialect)
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('case_id', 'bigint')
    .addColumn('owner_id', 'bigint')
    .addColumn('message', 'text', (col) => col.notNull())
    // `<kind>:<subject>:<trigger>`: one alert per trigger, whatever reruns
    .addColumn('trigger_key', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('acknowledged_by', 'bigint')
    .addColumn('acknowledged_at', 'text')
    .execute()
  await db.schema
    .createIndex('alerts_owner_ix')
    .on('alerts')
    .columns(['owner_id', 'acknowledged_at'])
    .execute()
  await db.schema.createIndex('alerts_customer_ix').on('alerts').column('customer_id').execute()
}

async function createLetGoDecisions(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('let_go_decisions'), dialect)
    .addColumn('customer_id', 'text', (col) => col.notNull().unique())
    .addColumn('decision', 'text', (col) => col.notNull().check(oneOf('decision', DECISIONS)))
    .addColumn('reason_code', 'text', (col) =>
      col.check(sql`reason_code is null or ${oneOf('reason_code', LET_GO_REASONS)}`),
    )
    .addColumn('note', 'text')
    .addColumn('decided_by', 'bigint')
    .addColumn('decided_on', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
}
