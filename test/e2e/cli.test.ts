import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const AS_OF = '2025-06-30'

interface Run {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the CLI from source, as `comeback …` would, with a clean environment for its settings. */
function comeback(args: readonly string[], env: Record<string, string> = {}): Run {
  const { COMEBACK_DB: _db, COMEBACK_USER: _user, ...inherited } = process.env
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function stderrLines(run: Run): string[] {
  return run.stderr.split('\n').filter((line) => line.trim() !== '')
}

/** A minimal RFC 4180 reader, independent of the code under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"'
        index++
      } else if (char === '"') {
        quoted = false
      } else {
        cell += char
      }
    } else if (char === '"') {
      quoted = true
    } else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\n') {
      row.push(cell.replace(/\r$/, ''))
      rows.push(row)
      row = []
      cell = ''
    } else {
      cell += char
    }
  }
  return rows
}

function expectOneCleanErrorLine(run: Run): void {
  const lines = stderrLines(run)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^comeback: /)
  expect(run.stderr).not.toMatch(/\n\s+at /)
}

describe('the comeback CLI, end to end on a SQLite file', () => {
  let folder = ''
  let db = ''

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'comeback-cli-'))
    db = join(folder, 'demo.db')
  })

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true })
  })

  it('prints help for the program and for a subcommand, exit code 0', () => {
    const help = comeback(['--help'])
    expect(help.status).toBe(0)
    for (const command of ['start', 'customers', 'stats', 'demo', 'user', 'db']) {
      expect(help.stdout).toContain(command)
    }
    const subcommand = comeback(['customers', 'list', '--help'])
    expect(subcommand.status).toBe(0)
    expect(subcommand.stdout).toMatch(/^Usage: comeback customers list /)
  })

  it('loads the demo company with its truth file, and stats counts what it loaded', () => {
    const truthFile = join(folder, 'truth.jsonl')
    const demo = comeback([
      '--db',
      db,
      'demo',
      '--seed',
      '1',
      '--customers',
      '300',
      '--as-of',
      AS_OF,
      '--truth',
      truthFile,
      '--json',
    ])
    expect(demo.stderr).toBe('')
    expect(demo.status).toBe(0)
    const loaded = JSON.parse(demo.stdout) as { counts: Record<string, number>; asOf: string }
    expect(loaded.asOf).toBe(AS_OF)
    const stats = comeback(['--db', db, 'stats', '--json'])
    expect(stats.status).toBe(0)
    const counts = JSON.parse(stats.stdout) as Record<string, number>
    for (const table of ['customers', 'orders', 'deals', 'incidents', 'contacts', 'users']) {
      expect(counts[table]).toBeGreaterThan(0)
      expect(counts[table]).toBe(loaded.counts[table])
    }
    const truth = readFileSync(truthFile, 'utf8').trimEnd().split('\n')
    expect(truth).toHaveLength(counts['customers'] ?? -1)
    expect(JSON.parse(truth[0] ?? '')).toHaveProperty('probabilityWinBack')
  })

  it('lists customers as JSON that parses, filtered by segment', () => {
    const run = comeback([
      '--db',
      db,
      'customers',
      'list',
      '--segment',
      'Enterprise',
      '--limit',
      '7',
      '--json',
    ])
    expect(run.status).toBe(0)
    const rows = JSON.parse(run.stdout) as { id: string; segment: string; order_count: number }[]
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThanOrEqual(7)
    expect(rows.every((row) => row.segment === 'Enterprise' && typeof row.id === 'string')).toBe(
      true,
    )
  })

  it('writes formula-safe CSV: a risky name gets a leading quote mark, numbers stay numbers', () => {
    const handle = new Sqlite(db)
    handle
      .prepare(
        'insert into customers (id, name, segment, territory, created_at) values (?, ?, ?, ?, ?)',
      )
      .run(
        'ZZ-RISK',
        '=HYPERLINK("http://evil.example","x")',
        '@SUM(A1)',
        ' +1555',
        '2025-01-01T00:00:00Z',
      )
    handle.close()
    const run = comeback(['--db', db, 'customers', 'list', '--search', 'ZZ-RISK', '--csv'])
    expect(run.status).toBe(0)
    const [header, row] = parseCsv(run.stdout)
    expect(header?.[0]).toBe('id')
    expect(row).toEqual([
      'ZZ-RISK',
      '\'=HYPERLINK("http://evil.example","x")',
      "'@SUM(A1)",
      "' +1555",
      '',
      '0',
      '',
      '',
      '0',
    ])
    const cells = parseCsv(
      comeback(['--db', db, 'customers', 'list', '--limit', '200', '--csv']).stdout,
    ).flat()
    const risky = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell))
    expect(risky).toEqual([])
  })

  it('adds a user as the local admin and audits it under local-admin via cli', () => {
    const add = comeback([
      '--db',
      db,
      'user',
      'add',
      '--email',
      'New.Rep@Example.com',
      '--name',
      'New Rep',
      '--role',
      'rep',
      '--started-on',
      '2025-06-01',
      '--json',
    ])
    expect(add.status).toBe(0)
    expect(JSON.parse(add.stdout)).toMatchObject({ email: 'new.rep@example.com', role: 'rep' })
    const list = comeback(['--db', db, 'user', 'list', '--json'])
    const users = JSON.parse(list.stdout) as { email: string }[]
    expect(users.map((user) => user.email)).toContain('new.rep@example.com')
    const handle = new Sqlite(db, { readonly: true })
    const entry = handle
      .prepare("select actor, via from audit_log where action = 'create' and object_type = 'user'")
      .get()
    handle.close()
    expect(entry).toEqual({ actor: 'local-admin', via: 'cli' })
  })

  it('acts as a named user with --as, who sees only their own accounts', () => {
    const rep = comeback(['--db', db, '--as', 'new.rep@example.com', 'customers', 'list', '--json'])
    expect(rep.status).toBe(0)
    expect(JSON.parse(rep.stdout)).toEqual([])
    const denied = comeback([
      '--db',
      db,
      '--as',
      'new.rep@example.com',
      'user',
      'add',
      '--email',
      'x@example.com',
      '--name',
      'X',
      '--role',
      'rep',
    ])
    expect(denied.status).toBe(3)
    expectOneCleanErrorLine(denied)
  })

  it('answers an unknown command with exit code 2 and one line on stderr', () => {
    const run = comeback(['--db', db, 'frobnicate'])
    expect(run.status).toBe(2)
    expectOneCleanErrorLine(run)
  })

  it('answers bad input, an unknown user, a missing customer and a second demo with their exit codes', () => {
    const badLimit = comeback(['--db', db, 'customers', 'list', '--limit', 'lots'])
    expect(badLimit.status).toBe(2)
    expectOneCleanErrorLine(badLimit)
    const stranger = comeback(['--db', db, 'stats'], { COMEBACK_USER: 'nobody@example.com' })
    expect(stranger.status).toBe(3)
    expectOneCleanErrorLine(stranger)
    const missing = comeback(['--db', db, 'customers', 'show', 'NO-SUCH-ID'])
    expect(missing.status).toBe(4)
    expectOneCleanErrorLine(missing)
    const again = comeback(['--db', db, 'demo', '--customers', '10'])
    expect(again.status).toBe(5)
    expectOneCleanErrorLine(again)
  })

  it('refuses a database path that is a directory or lies in a missing directory, without a stack trace', () => {
    for (const bad of [folder, join(folder, 'no', 'such', 'dir', 'x.db')]) {
      const run = comeback(['--db', bad, 'stats'])
      expect(run.status).toBe(8)
      expectOneCleanErrorLine(run)
      expect(run.stderr).toContain(bad)
    }
  })

  it('starts on a fresh database from COMEBACK_DB: creates it, loads the demo, says where the data is', () => {
    const fresh = join(folder, 'fresh.db')
    // --no-serve: summarise and exit instead of serving until Ctrl-C (test/e2e/start.test.ts serves)
    const run = comeback(['start', '--no-serve'], { COMEBACK_DB: fresh })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(fresh)
    const stats = JSON.parse(comeback(['stats', '--json'], { COMEBACK_DB: fresh }).stdout) as {
      customers: number
    }
    expect(stats.customers).toBeGreaterThan(3000)
    const second = comeback(['start', '--no-serve'], { COMEBACK_DB: fresh })
    expect(second.status).toBe(0)
    expect(second.stdout).toContain('already has customers')
  })
})
