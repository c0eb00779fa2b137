import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../app/index.js'
import { parseIcs } from '../../test-support/ics-parse.js'
import { pdfInfo, pdfText } from '../../test-support/poppler.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']
const run = promisify(execFile)

describe('comeback letter | letters | meeting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-cli-letters-'))
  const db = join(dir, 'cli.db')
  const contacts: Record<string, number> = {}

  async function comeback(args: readonly string[]) {
    try {
      const done = await run(process.execPath, [...CLI, '--db', db, ...args])
      return { status: 0, stdout: done.stdout, stderr: done.stderr }
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string }
      return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr }
    }
  }

  beforeAll(async () => {
    const store = await openStore(db)
    try {
      await store.migrate()
      for (const [id, name, address] of [
        ['C-1', 'Пётр Чайковский', '1 Nevsky Prospect, Saint Petersburg 191186'],
        ['C-2', 'Σωκράτης Παπαδόπουλος', '5 Ermou St, Athens 105 63'],
        ['C-3', 'Nobody Home', null],
      ] as const) {
        await store.db
          .insertInto('customers')
          .values({
            id,
            name: `${id} Ltd`,
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
            contact_key: `${id}-dm`,
            customer_id: id,
            name,
            email: `${id.toLowerCase()}@customer.test`,
            phone: null,
            postal_address: address,
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
        contacts[id] = Number(row.id)
      }
    } finally {
      await store.close()
    }
  }, 60_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes one letter as a US Letter PDF that pdftotext reads back', async () => {
    const out = join(dir, 'one.pdf')
    const result = await comeback([
      'letter',
      'C-1',
      '--template',
      'professional-letter-peace-offering',
      '--size',
      'letter',
      '--reason',
      'late deliveries',
      '--out',
      out,
    ])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const pdf = readFileSync(out)
    expect(pdfInfo(pdf)['Page size']).toContain('(letter)')
    expect(pdfText(pdf)).toContain('Dear Пётр Чайковский,')
  }, 60_000)

  it('merges a batch, reports the customer without an address, and exits 0', async () => {
    const out = join(dir, 'batch.pdf')
    const result = await comeback([
      'letters',
      '--customers',
      'C-1,C-2,C-3',
      '--template',
      'fun-letter-we-screwed-up',
      '--out',
      out,
      '--json',
    ])
    expect(result.status).toBe(0)
    const report = JSON.parse(result.stdout) as {
      letters: number
      skipped: { customerId: string; reason: string }[]
    }
    expect(report.letters).toBe(2)
    expect(report.skipped).toEqual([
      expect.objectContaining({ customerId: 'C-3', reason: 'no_postal_address' }),
    ])
    expect(pdfInfo(readFileSync(out))['Pages']).toBe('2')
  }, 60_000)

  it('creates, moves and cancels a meeting, each .ics with the same UID and a higher SEQUENCE', async () => {
    const first = join(dir, 'm0.ics')
    const created = await comeback([
      'meeting',
      'create',
      'C-2',
      '--title',
      'Coffee\r\nATTENDEE:mailto:evil@example.com',
      '--start',
      '2026-12-01T10:00:00Z',
      '--end',
      '2026-12-01T11:00:00Z',
      '--attendee',
      String(contacts['C-2']),
      '--out',
      first,
      '--json',
    ])
    expect(created.status).toBe(0)
    const id = String((JSON.parse(created.stdout) as { id: number }).id)
    const moved = join(dir, 'm1.ics')
    expect(
      (
        await comeback([
          'meeting',
          'update',
          id,
          '--location',
          'Athens',
          '--if-sequence',
          '0',
          '--out',
          moved,
        ])
      ).status,
    ).toBe(0)
    const cancelled = join(dir, 'm2.ics')
    expect((await comeback(['meeting', 'cancel', id, '--out', cancelled])).status).toBe(0)
    const read = (file: string) => {
      const lines = parseIcs(readFileSync(file, 'utf8'))
      const get = (name: string) => lines.find((line) => line.name === name)?.value
      return {
        method: get('METHOD'),
        uid: get('UID'),
        sequence: get('SEQUENCE'),
        attendees: lines.filter((line) => line.name === 'ATTENDEE').length,
      }
    }
    const [a, b, c] = [read(first), read(moved), read(cancelled)]
    expect([a.method, b.method, c.method]).toEqual(['REQUEST', 'REQUEST', 'CANCEL'])
    expect([a.sequence, b.sequence, c.sequence]).toEqual(['0', '1', '2'])
    expect(new Set([a.uid, b.uid, c.uid]).size).toBe(1)
    expect(a.attendees).toBe(1)
    const again = await comeback(['meeting', 'update', id, '--title', 'Again'])
    expect(again.status).not.toBe(0)
    expect(again.stderr).toContain('is cancelled')
  }, 300_000)
})
