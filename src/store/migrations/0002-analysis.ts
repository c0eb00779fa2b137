import { type Kysely, sql } from 'kysely'
import { addIdColumn, type StoreDialect, type StoreMigration } from './store-migration.js'

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

/**
 * Analysis runs and what each one concluded per customer and per lost deal. Every run keeps its
 * rows, so a customer's status has a history (SPEC "Lapse status").
 */
export const migration0002Analysis: StoreMigration = {
  async up(db, dialect) {
    await createAnalysisRuns(db, dialect)
    await createCustomerScores(db)
    await createDealScores(db)
  },
}

async function createAnalysisRuns(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('analysis_runs'), dialect)
    .addColumn('as_of', 'text', (col) => col.notNull())
    .addColumn('time_unit', 'text', (col) =>
      col.notNull().check(oneOf('time_unit', ['day', 'week'])),
    )
    .addColumn('model_requested', 'text', (col) => col.notNull())
    // null when no model could be fitted and the rules decided alone
    .addColumn('model', 'text')
    .addColumn('params_json', 'text')
    .addColumn('fit_json', 'text')
    .addColumn('validation_json', 'text')
    .addColumn('choice_reason', 'text', (col) => col.notNull())
    .addColumn('notes_json', 'text', (col) => col.notNull())
    .addColumn('settings_json', 'text', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('customer_count', 'bigint', (col) => col.notNull())
    .addColumn('status_counts_json', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('analysis_runs_as_of_ix')
    .on('analysis_runs')
    .columns(['as_of', 'id'])
    .execute()
}

async function createCustomerScores(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer_scores')
    .addColumn('run_id', 'bigint', (col) => col.notNull().references('analysis_runs.id'))
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(oneOf('status', ['active', 'at_risk', 'lapsed', 'lost'])),
    )
    .addColumn('status_rule', 'text', (col) => col.notNull())
    .addColumn('lost_since', 'text')
    .addColumn('p_alive', 'double precision')
    .addColumn('expected_orders', 'double precision')
    .addColumn('expected_next_order', 'text')
    .addColumn('overdue_days', 'integer')
    .addColumn('first_order_on', 'text')
    .addColumn('last_order_on', 'text')
    .addColumn('purchase_days', 'integer', (col) => col.notNull())
    .addColumn('historical_value_minor', 'bigint', (col) => col.notNull())
    .addColumn('value_if_won_back_minor', 'bigint', (col) => col.notNull())
    .addColumn('clv_minor', 'bigint')
    .addColumn('win_back_probability', 'double precision', (col) => col.notNull())
    .addColumn('expected_value_minor', 'bigint', (col) => col.notNull())
    .addColumn('explanation', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('customer_scores_pk', ['run_id', 'customer_id'])
    .execute()
  // the lost list: one status of the newest run, best expected value first
  await db.schema
    .createIndex('customer_scores_run_status_value_ix')
    .on('customer_scores')
    .columns(['run_id', 'status', 'expected_value_minor'])
    .execute()
  // a customer's status history
  await db.schema
    .createIndex('customer_scores_customer_ix')
    .on('customer_scores')
    .columns(['customer_id', 'run_id'])
    .execute()
}

async function createDealScores(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deal_scores')
    .addColumn('run_id', 'bigint', (col) => col.notNull().references('analysis_runs.id'))
    .addColumn('deal_id', 'bigint', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('value_if_won_back_minor', 'bigint', (col) => col.notNull())
    .addColumn('win_back_probability', 'double precision', (col) => col.notNull())
    .addColumn('expected_value_minor', 'bigint', (col) => col.notNull())
    .addColumn('explanation', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('deal_scores_pk', ['run_id', 'deal_id'])
    .execute()
  await db.schema
    .createIndex('deal_scores_run_value_ix')
    .on('deal_scores')
    .columns(['run_id', 'expected_value_minor'])
    .execute()
}
