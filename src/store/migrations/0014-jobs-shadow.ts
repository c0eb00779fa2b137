import { type Kysely, sql } from 'kysely'
import { addIdColumn, type StoreDialect, type StoreMigration } from './store-migration.js'

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

// frozen here rather than imported, so this migration means the same thing forever
const JOB_STATUSES = ['queued', 'running', 'done', 'failed']
const VALUE_KINDS = ['case_study', 'article', 'check_in', 'referral']
const SEEDED_AT = '2026-11-23T00:00:00.000Z'

/**
 * Stored background jobs and the shadow portfolio (issue 6 items 6–7, SPEC "Background work"):
 * `jobs` holds each job once per idempotency key, claimed by one conditional UPDATE on its status
 * and lease; `shadow_content` is the library of value-adding touches; `shadow_touches` records one
 * planned touch per subject and due date (its key unique), so the cadence job can rerun freely.
 * It also adds the shadow touches' email templates, in both tones, to the shipped set.
 */
export const migration0014JobsShadow: StoreMigration = {
  async up(db, dialect) {
    await createJobs(db, dialect)
    await createContent(db, dialect)
    await createShadowTouches(db, dialect)
    await seedShadowTemplates(db)
  },
}

async function createJobs(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('jobs'), dialect)
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('idempotency_key', 'text', (col) => col.notNull().unique())
    .addColumn('payload_json', 'text', (col) => col.notNull())
    .addColumn('run_after', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(oneOf('status', JOB_STATUSES)))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (col) => col.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('result_json', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .execute()
  // the worker looks for queued jobs that are due, and running ones whose lease ran out
  await db.schema
    .createIndex('jobs_status_run_after_ix')
    .on('jobs')
    .columns(['status', 'run_after'])
    .execute()
}

async function createContent(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('shadow_content'), dialect)
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('value_kind', 'text', (col) => col.notNull().check(oneOf('value_kind', VALUE_KINDS)))
    .addColumn('segment', 'text')
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .execute()
}

async function createShadowTouches(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await addIdColumn(db.schema.createTable('shadow_touches'), dialect)
    // `shadow:<subject key>:<due day>` or `radar:<deal id>:<choice day>`: one touch each
    .addColumn('touch_key', 'text', (col) => col.notNull().unique())
    .addColumn('subject_key', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('due_on', 'text', (col) => col.notNull())
    .addColumn('value_kind', 'text', (col) => col.notNull().check(oneOf('value_kind', VALUE_KINDS)))
    .addColumn('content_id', 'bigint')
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('outbox_message_id', 'bigint')
    .addColumn('task_id', 'bigint')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('shadow_touches_subject_ix')
    .on('shadow_touches')
    .columns(['subject_key', 'due_on'])
    .execute()
}

// the unsubscribe link and postal address are added to every email at send (template-defaults.ts)
const SIGN_OFF = '\n\nBest wishes,\n{{owner}}'

// what each value-adding touch says; `{{offer}}` carries the content item ("title — url")
const TEXTS: readonly {
  kind: string
  professional: [string, string]
  fun: [string, string]
}[] = [
  {
    kind: 'case_study',
    professional: [
      'A case study that may interest {{customer}}',
      'Dear {{contact}},\n\nno sales pitch: we thought this case study could be useful to {{customer}}:\n\n{{offer}}',
    ],
    fun: [
      'We wrote this up and thought of you',
      'Hi {{contact}},\n\nthis one made us think of {{customer}} — a short case study, no strings:\n\n{{offer}}',
    ],
  },
  {
    kind: 'article',
    professional: [
      'Worth a read for {{customer}}',
      'Dear {{contact}},\n\nan article we found worth passing on:\n\n{{offer}}',
    ],
    fun: [
      'Coffee-break reading for {{customer}}',
      'Hi {{contact}},\n\ngood reads are for sharing:\n\n{{offer}}',
    ],
  },
  {
    kind: 'check_in',
    professional: [
      'How are things at {{customer}}?',
      'Dear {{contact}},\n\njust checking in: how are things going at {{customer}}? If there is anything we can help with, reply to this email.{{offer}}',
    ],
    fun: [
      'Just saying hello',
      'Hi {{contact}},\n\nno agenda, just a hello from us. How is life at {{customer}}?{{offer}}',
    ],
  },
  {
    kind: 'referral',
    professional: [
      'An introduction that may help {{customer}}',
      'Dear {{contact}},\n\nwe know people who could be useful to {{customer}} and would be glad to introduce you:\n\n{{offer}}',
    ],
    fun: [
      'Someone you should meet',
      'Hi {{contact}},\n\nwe like connecting good people. Here is someone {{customer}} might like to know:\n\n{{offer}}',
    ],
  },
]

async function seedShadowTemplates(db: Kysely<unknown>): Promise<void> {
  const rows = TEXTS.flatMap((text) =>
    (['professional', 'fun'] as const).map((tone) => ({
      template_key: `${tone}-email-shadow-${text.kind.replace('_', '-')}`,
      version: 1,
      kind: 'email',
      tone,
      name: `Shadow portfolio: ${text.kind.replace('_', ' ')} (${tone})`,
      subject: text[tone][0],
      body: `${text[tone][1]}${SIGN_OFF}`,
      shipped: 1,
      created_at: SEEDED_AT,
      created_by: 'comeback',
    })),
  )
  await (db as Kysely<{ templates: (typeof rows)[number] }>)
    .insertInto('templates')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['template_key', 'version']).doNothing())
    .execute()
}
