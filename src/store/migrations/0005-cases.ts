import { type Kysely, sql } from 'kysely'
import { DEFAULT_REASONS } from '../../domain/reason.js'
import { DEFAULT_REASON_PHRASES, normalizeReasonText } from '../../domain/reason-mapping.js'
import { createCaseTables, createFixTables, createReasonTables } from './0005-cases-tables.js'
import type { StoreMigration } from './store-migration.js'

// what the case board, overdue lists, timelines, fixes and task lists look rows up by
const INDEXES: readonly (readonly [string, string, string[]])[] = [
  ['cases_subject_ix', 'cases', ['subject_key']],
  ['cases_customer_ix', 'cases', ['customer_id']],
  ['cases_deal_ix', 'cases', ['deal_id']],
  ['cases_owner_due_ix', 'cases', ['owner_id', 'next_step_due_on']],
  ['cases_stage_ix', 'cases', ['stage']],
  ['case_reps_user_ix', 'case_reps', ['user_id']],
  ['case_reasons_reason_ix', 'case_reasons', ['reason_id']],
  ['case_events_case_ix', 'case_events', ['case_id', 'id']],
  ['case_rule_overrides_case_ix', 'case_rule_overrides', ['case_id']],
  ['fixes_reason_ix', 'fixes', ['reason_id']],
  ['tasks_owner_due_ix', 'tasks', ['owner_id', 'done', 'due_on']],
  ['tasks_customer_ix', 'tasks', ['customer_id']],
  ['resurfaced_losses_customer_ix', 'resurfaced_losses', ['customer_id']],
]

/**
 * Win-back cases (stages, reps, reasons, timeline, rule overrides), the loss-reason taxonomy with
 * its defaults and the mapping of imported free text, fixes, resurfaced losses and tasks.
 */
export const migration0005Cases: StoreMigration = {
  async up(db, dialect) {
    await createReasonTables(db, dialect)
    await createCaseTables(db, dialect)
    await createFixTables(db, dialect)
    for (const [name, table, columns] of INDEXES) {
      await db.schema.createIndex(name).on(table).columns(columns).execute()
    }
    // at most one open case per customer or deal; a new attempt opens after the last one ended
    await db.schema
      .createIndex('cases_open_subject_ux')
      .unique()
      .on('cases')
      .column('subject_key')
      .where(sql.ref('ended_on'), 'is', null)
      .execute()
    await db.schema
      .createIndex('resurfaced_losses_trigger_subject_ux')
      .unique()
      .on('resurfaced_losses')
      .columns(['trigger_key', 'subject_key'])
      .execute()
    await seedReasons(db)
  },
}

/** The default taxonomy and phrase mapping; admins edit both from here on. */
async function seedReasons(db: Kysely<unknown>): Promise<void> {
  const at = new Date().toISOString()
  for (const reason of DEFAULT_REASONS) {
    await sql`insert into reasons (code, label, fixable, created_at, updated_at, version)
      values (${reason.code}, ${reason.label}, ${reason.fixable ? 1 : 0}, ${at}, ${at}, 1)`.execute(
      db,
    )
  }
  for (const reason of DEFAULT_REASONS) {
    if (reason.parentCode !== null) {
      await sql`update reasons set parent_id = (select p.id from reasons p where p.code = ${reason.parentCode})
        where code = ${reason.code}`.execute(db)
    }
  }
  for (const entry of DEFAULT_REASON_PHRASES) {
    await sql`insert into reason_phrases (phrase, reason_id, created_at, created_by)
      select ${normalizeReasonText(entry.phrase)}, r.id, ${at}, 'migration' from reasons r
      where r.code = ${entry.code}`.execute(db)
  }
}
