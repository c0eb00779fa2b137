import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../app/index.js'
import { testSendingConfig } from '../../app/outreach/__fixtures__/outreach-world.js'
import { type SmtpSink, startSmtpSink } from '../../app/outreach/__fixtures__/smtp-sink.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']
const run = promisify(execFile)

// issue 6 item 8 (`send test`), item 7 (`touch`), TESTPLAN T23–T24 (`privacy`), through the CLI
describe('comeback send test | touch | privacy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-cli-privacy-'))
  const db = join(dir, 'cli.db')
  let sink: SmtpSink
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
          id: 'C-9',
          name: 'Privacy Cli Ltd',
          segment: null,
          territory: null,
          owner_id: null,
          created_at: new Date().toISOString(),
          import_id: null,
        })
        .execute()
      await store.db
        .insertInto('contacts')
        .values({
          contact_key: 'K-9',
          customer_id: 'C-9',
          name: 'Priya Cliwright',
          email: 'priya@cli-privacy.test',
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
        .execute()
    } finally {
      await store.close()
    }
  })
  afterAll(async () => {
    await sink.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('send test: one sample through the real path, with the one-click headers; suppressed fails', async () => {
    const sent = await comeback(['send', 'test', '--to', 'smoke@cli-privacy.test'])
    expect(sent.stderr).toBe('')
    expect(sent.status).toBe(0)
    expect(sent.stdout).toMatch(/^sent: message \d+ to smoke@cli-privacy\.test\n$/)
    const [message, ...others] = sink.messages
    expect(others).toHaveLength(0)
    expect(message?.rcptTo).toEqual(['smoke@cli-privacy.test'])
    const parsed = await simpleParser(message?.raw ?? '')
    // the raw header line: mailparser also reads List-* headers into objects
    const line = (key: string) =>
      parsed.headerLines.find((header) => header.key === key)?.line.replace(/\r?\n[ \t]+/g, ' ') ??
      ''
    const unsubscribe = line('list-unsubscribe')
    expect(unsubscribe).toMatch(/<https:\/\/comeback\.test\/u\/[^>]+>/)
    expect(unsubscribe).toMatch(/<mailto:winback@sender\.test\?subject=unsubscribe>/)
    expect(line('list-unsubscribe-post')).toMatch(
      /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/i,
    )
    const body = parsed.text ?? ''
    expect(body).toContain('1 Harbour Street, Springfield 12345')
    expect(body).toMatch(/https:\/\/comeback\.test\/u\/\S+/)
    // the old name of the command still works
    const alias = await comeback(['outbox', 'test', '--to', 'alias@cli-privacy.test'])
    expect(alias.status).toBe(0)
    expect(sink.messages).toHaveLength(2)

    await comeback(['suppress', 'add', 'Smoke@cli-privacy.test'])
    const refused = await comeback(['send', 'test', '--to', 'smoke@cli-privacy.test'])
    expect(refused.status).not.toBe(0)
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
    expect(refused.stderr).toContain(
      'smoke@cli-privacy.test is suppressed (do_not_contact): no email was sent',
    )
    expect(sink.messages).toHaveLength(2)
  }, 300_000)

  it('touch records on the timeline; privacy export, erase and purge', async () => {
    const touched = await comeback([
      'touch',
      'C-9',
      '--channel',
      'call',
      '--note',
      'spoke',
      '--json',
    ])
    expect(touched.status).toBe(0)
    expect(JSON.parse(touched.stdout)).toMatchObject({ customerId: 'C-9', channel: 'call' })
    const bad = await comeback(['touch', 'C-9', '--channel', 'pigeon'])
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toContain('--channel must be one of call, meeting, gift, letter, email')

    const exported = await comeback(['privacy', 'export', 'C-9'])
    expect(exported.status).toBe(0)
    const data = JSON.parse(exported.stdout) as { tables: Record<string, unknown[]> }
    expect(data.tables['contacts']).toEqual([
      expect.objectContaining({ email: 'priya@cli-privacy.test' }),
    ])
    expect(data.tables['touches']).toHaveLength(1)

    const erased = await comeback(['privacy', 'erase', 'C-9', '--json'])
    expect(erased.status).toBe(0)
    expect(JSON.parse(erased.stdout)).toMatchObject({ customerId: 'C-9', contacts: 1 })
    const after = await comeback(['privacy', 'export', 'C-9'])
    expect(after.stdout).not.toContain('priya')
    expect(after.stdout).not.toContain('Privacy Cli Ltd')

    const purge = await comeback(['privacy', 'purge', '--json'])
    expect(JSON.parse(purge.stdout)).toMatchObject({ purged: 0, dryRun: false })
  }, 300_000)
})
