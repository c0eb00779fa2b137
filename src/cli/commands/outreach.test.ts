import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../app/index.js'
import { testSendingConfig } from '../../app/outreach/__fixtures__/outreach-world.js'
import { type SmtpSink, startSmtpSink } from '../../app/outreach/__fixtures__/smtp-sink.js'
import { SHIPPED_TEMPLATES } from '../../domain/template-defaults.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']
const run = promisify(execFile)

describe('comeback template | outbox | suppress', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-cli-outreach-'))
  const db = join(dir, 'cli.db')
  let sink: SmtpSink
  let contactId = 0
  let env: NodeJS.ProcessEnv = {}

  // async, not spawnSync: the SMTP sink answers the child from this process's event loop
  async function comeback(args: readonly string[]) {
    try {
      const done = await run(process.execPath, [...CLI, '--db', db, ...args], { env })
      return { status: 0, stdout: done.stdout, stderr: done.stderr }
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string }
      return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr }
    }
  }

  beforeAll(async () => {
    sink = await startSmtpSink()
    const config = testSendingConfig(sink.url)
    env = {
      ...process.env,
      COMEBACK_SMTP_URL: sink.url,
      COMEBACK_PUBLIC_URL: config.publicUrl,
      COMEBACK_MAIL_FROM: config.fromAddress,
      COMEBACK_POSTAL_ADDRESS: config.postalAddress,
      COMEBACK_UNSUBSCRIBE_SECRET: config.unsubscribeSecret,
    }
    const store = await openStore(db)
    try {
      await store.migrate()
      await store.db
        .insertInto('customers')
        .values({
          id: 'C-1',
          name: 'Cli Ltd',
          segment: null,
          territory: null,
          owner_id: null,
          created_at: new Date().toISOString(),
          import_id: null,
        })
        .execute()
      const row = await store.db
        .insertInto('contacts')
        .values({
          contact_key: 'K-1',
          customer_id: 'C-1',
          name: 'Cleo',
          email: 'cleo@cli.test',
          phone: null,
          postal_address: null,
          role: 'decision_maker',
          has_left: 0,
          lawful_basis: 'legitimate_interest',
          basis_source: null,
          basis_on: null,
          consent: 0,
          import_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      contactId = Number(row.id)
    } finally {
      await store.close()
    }
  })
  afterAll(async () => {
    await sink.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lists and previews the shipped templates', async () => {
    const list = await comeback(['template', 'list', '--json'])
    expect(list.status).toBe(0)
    const keys = (JSON.parse(list.stdout) as { key: string }[]).map((row) => row.key)
    // the product's own set, and the shadow portfolio's touches: 4 value kinds in 2 tones
    expect(keys).toEqual(expect.arrayContaining(SHIPPED_TEMPLATES.map((one) => one.key)))
    expect(keys.filter((key) => key.includes('-email-shadow-'))).toHaveLength(8)
    expect(keys).toHaveLength(SHIPPED_TEMPLATES.length + 8)
    const preview = await comeback([
      'template',
      'preview',
      'fun-email-appreciation-day',
      '--offer',
      'a free upgrade',
    ])
    expect(preview.stdout).toContain('Subject: Today is lost customer appreciation day')
    expect(preview.stdout).toContain('a free upgrade')
  }, 120_000)

  it('queues, sends once, and stops at a suppression', async () => {
    const queued = await comeback([
      'outbox',
      'queue',
      '--contact',
      String(contactId),
      '--template',
      'professional-email-what-changed',
    ])
    expect(queued.stdout).toContain('queued: message')
    const first = await comeback(['outbox', 'send', '--json'])
    expect(first.stderr).toBe('')
    expect(JSON.parse(first.stdout)).toMatchObject({ sent: 1, failed: 0 })
    const again = await comeback(['outbox', 'send', '--json'])
    expect(JSON.parse(again.stdout)).toMatchObject({ sent: 0 })
    expect(sink.messages).toHaveLength(1)
    const added = await comeback(['suppress', 'add', 'CLEO@cli.test'])
    expect(added.stdout).toContain('suppressed (do_not_contact)')
    const refused = await comeback([
      'outbox',
      'queue',
      '--contact',
      String(contactId),
      '--template',
      'professional-email-what-changed',
    ])
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toContain('suppressed')
    const smoke = await comeback(['outbox', 'test', '--to', 'cleo@cli.test'])
    expect(smoke.status).not.toBe(0)
    expect(smoke.stderr).toContain('is suppressed (do_not_contact): no email was sent')
    const list = await comeback(['suppress', 'list', '--json'])
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ email: 'cleo@cli.test' })])
  }, 300_000)
})
