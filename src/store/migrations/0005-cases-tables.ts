import { type Kysely, sql } from 'kysely'
import { addIdColumn, type StoreDialect } from './store-migration.js'

const flagCheck = (column: string) => sql`${sql.ref(column)} in (0, 1)`
const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

// frozen here rather than imported, so this migration means the same thing forever
const STAGES = [
  'identified',
  'researching',
  'approached',
  'meeting_held',
  'plan_agreed',
  'resting',
  'won_back',
  'not_compatible',
  'let_go',
]

/** The loss-reason taxonomy and the mapping of imported free text to it. */
export async function createReasonTables(
  db: Kysely<unknown>,
  dialect: StoreDialect,
): Promise<void> {
  await addIdColumn(db.schema.createTable('reasons'), dialect)
    .addColumn('code', 'text', (col) => col.notNull().unique())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('fixable', 'integer', (col) => col.notNull().check(flagCheck('fixable')))
    .addColumn('parent_id', 'bigint', (col) => col.references('reasons.id'))
    .addColumn('merged_into_id', 'bigint', (col) => col.references('reasons.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
  await addIdColumn(db.schema.createTable('reason_phrases'), dialect)
    .addColumn('phrase', 'text', (col) => col.notNull().unique())
    .addColumn('reason_id', 'bigint', (col) => col.notNull().references('reasons.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .execute()
}

/** Cases and what hangs off them: reps, reasons, the timeline and rule overrides. */
export async function createCaseTables(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('cases'), dialect)
    .addColumn('subject_kind', 'text', (col) =>
      col.notNull().check(oneOf('subject_kind', ['customer', 'deal'])),
    )
    .addColumn('subject_key', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('deal_id', 'bigint', (col) => col.references('deals.id'))
    .addColumn('attempt', 'integer', (col) => col.notNull())
    .addColumn('stage', 'text', (col) => col.notNull().check(oneOf('stage', STAGES)))
    .addColumn('resume_stage', 'text')
    .addColumn('rest_until', 'text')
    .addColumn('owner_id', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('interviewer_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('next_step', 'text')
    .addColumn('next_step_due_on', 'text')
    .addColumn('opened_on', 'text', (col) => col.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('lost_on', 'text')
    .addColumn('losing_rep_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('lost_value_minor', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('research_notes', 'text')
    .addColumn('approach_channel', 'text')
    .addColumn('customer_words', 'text')
    .addColumn('customer_cost_minor', 'bigint')
    .addColumn('customer_cost_note', 'text')
    .addColumn('remedy', 'text')
    .addColumn('plan_summary', 'text')
    .addColumn('ending_note', 'text')
    .addColumn('competitor', 'text')
    .addColumn('reason_note', 'text')
    .addColumn('source', 'text', (col) =>
      col.notNull().check(oneOf('source', ['app', 'past_attempt'])),
    )
    .addColumn('source_key', 'text', (col) => col.unique())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await createCasePartTables(db, dialect)
}

async function createCasePartTables(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('case_reps')
    .addColumn('case_id', 'bigint', (col) => col.notNull().references('cases.id'))
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('added_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('case_reps_pk', ['case_id', 'user_id'])
    .execute()
  await db.schema
    .createTable('case_reasons')
    .addColumn('case_id', 'bigint', (col) => col.notNull().references('cases.id'))
    .addColumn('reason_id', 'bigint', (col) => col.notNull().references('reasons.id'))
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('case_reasons_pk', ['case_id', 'reason_id'])
    .execute()
  await addIdColumn(db.schema.createTable('case_events'), dialect)
    .addColumn('case_id', 'bigint', (col) => col.notNull().references('cases.id'))
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text')
    .addColumn('note', 'text')
    .addColumn('data_json', 'text')
    .execute()
  await addIdColumn(db.schema.createTable('case_rule_overrides'), dialect)
    .addColumn('case_id', 'bigint', (col) => col.notNull().references('cases.id'))
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .execute()
}

/** Fixes, the losses they (or a new decision maker) resurface, and the tasks that follow. */
export async function createFixTables(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('fixes'), dialect)
    .addColumn('reason_id', 'bigint', (col) => col.notNull().references('reasons.id'))
    .addColumn('scope_kind', 'text', (col) =>
      col.check(oneOf('scope_kind', ['segment', 'territory', 'rep'])),
    )
    .addColumn('scope_value', 'text')
    .addColumn('fixed_on', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
  await addIdColumn(db.schema.createTable('tasks'), dialect)
    .addColumn('owner_id', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('deal_id', 'bigint', (col) => col.references('deals.id'))
    .addColumn('case_id', 'bigint', (col) => col.references('cases.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('due_on', 'text', (col) => col.notNull())
    .addColumn('done', 'integer', (col) => col.notNull().defaultTo(0).check(flagCheck('done')))
    .addColumn('done_at', 'text')
    .addColumn('source_key', 'text', (col) => col.unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
  await addIdColumn(db.schema.createTable('resurfaced_losses'), dialect)
    .addColumn('trigger_key', 'text', (col) => col.notNull())
    .addColumn('trigger_kind', 'text', (col) =>
      col.notNull().check(oneOf('trigger_kind', ['fix', 'new_decision_maker'])),
    )
    .addColumn('fix_id', 'bigint', (col) => col.references('fixes.id'))
    .addColumn('subject_kind', 'text', (col) => col.notNull())
    .addColumn('subject_key', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id'))
    .addColumn('deal_id', 'bigint', (col) => col.references('deals.id'))
    .addColumn('case_id', 'bigint', (col) => col.references('cases.id'))
    .addColumn('reason_id', 'bigint', (col) => col.references('reasons.id'))
    .addColumn('occurred_on', 'text', (col) => col.notNull())
    .addColumn('resurfaced_at', 'text', (col) => col.notNull())
    .addColumn('task_id', 'bigint', (col) => col.references('tasks.id'))
    .execute()
}
