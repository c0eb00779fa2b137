import { type Kysely, sql } from 'kysely'
import { addIdColumn, type StoreDialect, type StoreMigration } from './store-migration.js'

// frozen here rather than imported, so this migration means the same thing forever
const MEETING_STATUSES = ['scheduled', 'cancelled']

/**
 * Letters and meeting invites (issue 6 item 4, SPEC §5 "letters come out as PDF; meetings as
 * calendar invites"): each letter produced is logged (customer, contact, template version, the
 * campaign member it went to); a meeting keeps its iCalendar UID for life and a SEQUENCE that each
 * change of time or place raises (RFC 5545 §3.8.7.4), so calendars update rather than duplicate.
 */
export const migration0015LettersInvites: StoreMigration = {
  async up(db, dialect) {
    await createLetters(db, dialect)
    await createMeetings(db, dialect)
  },
}

async function createLetters(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('letters'), dialect)
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('contact_id', 'bigint', (col) => col.notNull())
    .addColumn('template_id', 'bigint', (col) => col.notNull())
    .addColumn('page_size', 'text', (col) =>
      col.notNull().check(sql`page_size in ('A4', 'LETTER')`),
    )
    .addColumn('campaign_id', 'bigint')
    .addColumn('campaign_member_id', 'bigint')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('letters_customer_ix').on('letters').column('customer_id').execute()
  await db.schema.createIndex('letters_campaign_ix').on('letters').column('campaign_id').execute()
}

async function createMeetings(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('meetings'), dialect)
    .addColumn('uid', 'text', (col) => col.notNull().unique())
    .addColumn('sequence', 'integer', (col) => col.notNull().check(sql`sequence >= 0`))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .check(sql`status in (${sql.join(MEETING_STATUSES.map((status) => sql.lit(status)))})`),
    )
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('case_id', 'bigint')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('location', 'text')
    .addColumn('starts_at', 'text', (col) => col.notNull())
    .addColumn('ends_at', 'text', (col) => col.notNull())
    .addColumn('organiser_user_id', 'bigint')
    .addColumn('organiser_name', 'text', (col) => col.notNull())
    .addColumn('organiser_email', 'text', (col) => col.notNull())
    // [{ contactId, name, email }]: who was invited, as it was when they were
    .addColumn('attendees_json', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('meetings_customer_ix').on('meetings').column('customer_id').execute()
}
