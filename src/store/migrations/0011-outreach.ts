import type { Kysely } from 'kysely'
import { SHIPPED_TEMPLATES } from '../../domain/template-defaults.js'
import { addIdColumn, createVisibleView, type StoreMigration } from './store-migration.js'

/**
 * Reaching out (issue 6): versioned templates with the shipped set, suppressions, the outbox and
 * touches; contacts get the flag a bounce sets ("old address — find the current decision maker").
 * A new database gets the shipped texts of the release that creates it; people's edits are new
 * versions under the same key, so an upgrade never overwrites them.
 */
export const migration0011Outreach: StoreMigration = {
  async up(db, dialect) {
    await addIdColumn(db.schema.createTable('templates'), dialect)
      .addColumn('template_key', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('tone', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('subject', 'text')
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('shipped', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addUniqueConstraint('templates_key_version_uq', ['template_key', 'version'])
      .execute()
    await addIdColumn(db.schema.createTable('suppressions'), dialect)
      .addColumn('suppression_key', 'text', (col) => col.notNull().unique())
      .addColumn('email_normalised', 'text')
      .addColumn('contact_id', 'bigint')
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text', (col) => col.notNull())
      .execute()
    await db.schema
      .createIndex('suppressions_email_ix')
      .on('suppressions')
      .column('email_normalised')
      .execute()
    await db.schema
      .createIndex('suppressions_contact_ix')
      .on('suppressions')
      .column('contact_id')
      .execute()
    await createOutbox(db, dialect)
    await createTouches(db, dialect)
    await db.schema.alterTable('contacts').addColumn('address_flag', 'text').execute()
    // PostgreSQL fixed the view's columns when it was made: remake it to show the new one
    await createVisibleView(db, 'contacts')
    await seedShippedTemplates(db)
  },
}

async function createOutbox(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await addIdColumn(db.schema.createTable('outbox_messages'), dialect)
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('contact_id', 'bigint')
    .addColumn('to_address', 'text', (col) => col.notNull())
    .addColumn('to_normalised', 'text', (col) => col.notNull())
    .addColumn('to_name', 'text')
    .addColumn('template_id', 'bigint', (col) => col.notNull().references('templates.id'))
    .addColumn('fields_json', 'text', (col) => col.notNull())
    .addColumn('subject', 'text')
    .addColumn('idempotency_key', 'text', (col) => col.unique())
    .addColumn('from_address', 'text')
    .addColumn('queued_at', 'text', (col) => col.notNull())
    .addColumn('queued_by', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('smtp_message_id', 'text')
    .addColumn('error', 'text')
    .execute()
  // the sender walks the queued messages in id order
  await db.schema
    .createIndex('outbox_status_ix')
    .on('outbox_messages')
    .columns(['status', 'id'])
    .execute()
}

async function createTouches(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await addIdColumn(db.schema.createTable('touches'), dialect)
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('contact_id', 'bigint')
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('outbox_message_id', 'bigint', (col) => col.unique())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .execute()
  await db.schema
    .createIndex('touches_customer_ix')
    .on('touches')
    .columns(['customer_id', 'at'])
    .execute()
}

async function seedShippedTemplates(db: Kysely<unknown>): Promise<void> {
  const at = new Date().toISOString()
  const rows = SHIPPED_TEMPLATES.map((template) => ({
    template_key: template.key,
    version: 1,
    kind: template.kind,
    tone: template.tone,
    name: template.name,
    subject: template.subject,
    body: template.body,
    shipped: 1,
    created_at: at,
    created_by: 'comeback',
  }))
  await (db as Kysely<{ templates: (typeof rows)[number] }>)
    .insertInto('templates')
    .values(rows)
    .execute()
}
