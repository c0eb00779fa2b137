import { type Kysely, sql } from 'kysely'
import { addIdColumn, type StoreDialect, type StoreMigration } from './store-migration.js'

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

// frozen here rather than imported, so this migration means the same thing forever
const STATUSES = ['draft', 'scheduled', 'running', 'done']

/**
 * Campaigns over a saved segment with a random holdout (issue 6 part 2, SPEC §5): a campaign keeps
 * the lost-list filters it was made from; its members are frozen at creation, one row per subject
 * (unique per campaign), each in the treated arm or the holdout.
 */
export const migration0013Campaigns: StoreMigration = {
  async up(db, dialect) {
    await createCampaigns(db, dialect)
    await createMembers(db, dialect)
  },
}

async function createCampaigns(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('campaigns'), dialect)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('template_key', 'text', (col) => col.notNull())
    .addColumn('segment_json', 'text', (col) => col.notNull())
    .addColumn('holdout_share', 'double precision', (col) =>
      col.notNull().check(sql`holdout_share >= 0 and holdout_share <= 1`),
    )
    .addColumn('scheduled_on', 'text')
    .addColumn('status', 'text', (col) => col.notNull().check(oneOf('status', STATUSES)))
    .addColumn('excluded_json', 'text', (col) => col.notNull())
    .addColumn('created_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('launched_at', 'text')
    .execute()
}

async function createMembers(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('campaign_members'), dialect)
    .addColumn('campaign_id', 'bigint', (col) => col.notNull().references('campaigns.id'))
    .addColumn('subject_kind', 'text', (col) =>
      col.notNull().check(oneOf('subject_kind', ['customer', 'deal'])),
    )
    .addColumn('subject_id', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('arm', 'text', (col) => col.notNull().check(oneOf('arm', ['treated', 'holdout'])))
    .addColumn('contact_id', 'bigint')
    .addColumn('outbox_message_id', 'bigint')
    // why a treated member got no message: no_contact, unreachable
    .addColumn('skipped', 'text')
    .addUniqueConstraint('campaign_members_subject_uq', [
      'campaign_id',
      'subject_kind',
      'subject_id',
    ])
    .execute()
  await db.schema
    .createIndex('campaign_members_customer_ix')
    .on('campaign_members')
    .column('customer_id')
    .execute()
}
