import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, openStore } from '../../app/index.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']
const REP = 'rep@cli-export.test'
const OTHER = 'other@cli-export.test'
const VP = 'vp@cli-export.test'

function comeback(db: string, args: readonly string[]) {
  const run = spawnSync(process.execPath, [...CLI, '--db', db, ...args], { encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** A VP, a rep with 3 accounts (one with a risky name), another rep with 120. */
async function seed(db: string): Promise<void> {
  const store = await openStore(db)
  try {
    await store.migrate()
    await createUser(store, { email: VP, name: 'Vera', role: 'vp', started_on: '2020-01-01' })
    const rep = await createUser(store, {
      email: REP,
      name: 'Rita',
      role: 'rep',
      started_on: '2020-01-01',
    })
    const other = await createUser(store, {
      email: OTHER,
      name: 'Otto',
      role: 'rep',
      started_on: '2020-01-01',
    })
    const account = (id: string, name: string, owner: number | string) => ({
      id,
      name,
      segment: 'smb',
      territory: 'north',
      owner_id: Number(owner),
      created_at: '2024-01-01T00:00:00.000Z',
      import_id: null,
    })
    await store.db
      .insertInto('customers')
      .values([
        account('R-1', 'Acme', rep.id),
        account('R-2', '=cmd|calc', rep.id),
        account('R-3', 'Zed Ltd', rep.id),
        ...Array.from({ length: 120 }, (_, n) => account(`O-${n}`, `Other ${n}`, other.id)),
      ])
      .execute()
  } finally {
    await store.close()
  }
}

describe('comeback export and comeback audit', () => {
  let dir: string
  let db: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'comeback-cli-export-'))
    db = join(dir, 'cli.db')
    await seed(db)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("exports only the acting rep's accounts, spreadsheet-safe, to a file", () => {
    const out = join(dir, 'mine.csv')
    const run = comeback(db, ['--as', REP, 'export', 'customers', '--out', out])
    expect(run.status, run.stderr).toBe(0)
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n')
    expect(lines[0]).toMatch(/^id,name,segment/)
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['R-1', 'R-2', 'R-3'])
    expect(lines[2]).toContain(`'=cmd|calc`)
  })

  it('refuses a rep a bulk export of more than 100 named rows, and lets the VP make it as JSON', () => {
    const refused = comeback(db, ['--as', OTHER, 'export', 'customers'])
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toMatch(/admin, VP or analyst/)
    expect(refused.stdout).toBe('')
    const vp = comeback(db, ['--as', VP, 'export', 'customers', '--json', '--search', 'Other'])
    expect(vp.status, vp.stderr).toBe(0)
    expect((JSON.parse(vp.stdout) as unknown[]).length).toBe(120)
  })

  it('shows the VP those exports and the refusal in the audit log, and refuses a rep', () => {
    const run = comeback(db, ['--as', VP, 'audit', '--json', '--limit', '10'])
    expect(run.status, run.stderr).toBe(0)
    const entries = JSON.parse(run.stdout) as { action: string; via: string; fields: string }[]
    expect(entries.map((entry) => entry.action)).toEqual(['export', 'denied_export', 'export'])
    expect(entries.every((entry) => entry.via === 'cli')).toBe(true)
    expect(entries[0]?.fields).toBe('format:json rows:120 filter:search')
    const exportsOnly = comeback(db, ['--as', VP, 'audit', '--action', 'export', '--csv'])
    expect(exportsOnly.stdout.trimEnd().split('\r\n')).toHaveLength(3)
    const rep = comeback(db, ['--as', REP, 'audit'])
    expect(rep.status).not.toBe(0)
    expect(rep.stderr).toMatch(/may not read audit_log/)
  })
})
