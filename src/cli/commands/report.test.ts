import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../app/index.js'
import {
  HISTORY_TODAY,
  historySpec,
  type WrittenHistory,
  writeHistory,
} from '../../app/program-figures/__fixtures__/program-history.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']

function comeback(db: string, args: readonly string[]) {
  const run = spawnSync(process.execPath, [...CLI, '--db', db, ...args], { encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('comeback report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-report-'))
  const db = join(dir, 'report.db')
  let written: WrittenHistory

  beforeAll(async () => {
    const store = await openStore(db)
    try {
      await store.migrate()
      written = await writeHistory(store, historySpec({ segments: ['=Retail', 'Wholesale'] }))
    } finally {
      await store.close()
    }
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("prints the headline figures against the seeds' bands, and groups with --by", () => {
    const run = comeback(db, ['report', '--to', HISTORY_TODAY, '--by', 'segment'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const ended = written.spec.cases.filter(
      (row) =>
        row.stage !== 'identified' &&
        (row.endedOn ?? '') >= '2023-07-01' &&
        (row.endedOn ?? '') <= HISTORY_TODAY,
    )
    const won = ended.filter((row) => row.stage === 'won_back').length
    expect(run.stdout).toMatch(
      new RegExp(`win-back rate\\s+[\\d.]+ % \\(${won}/${ended.length}\\)`),
    )
    expect(run.stdout).toContain('20 %–40 % (seed 001)')
    expect(run.stdout).toContain('by segment')
    expect(run.stdout).toContain('=Retail')
  }, 120_000)

  // each run starts the CLI through tsx, seconds apiece on a busy machine
  const SLOW = 120_000

  it(
    'prints the figures as JSON',
    () => {
      const json = comeback(db, ['report', '--to', HISTORY_TODAY, '--json'])
      expect(json.status).toBe(0)
      const figures = JSON.parse(json.stdout) as { from: string; to: string }
      expect([figures.from, figures.to]).toEqual(['2023-07-01', HISTORY_TODAY])
    },
    SLOW,
  )

  it(
    'prints spreadsheet-safe CSV, and refuses an unknown breakdown naming the option',
    () => {
      const csv = comeback(db, ['report', '--to', HISTORY_TODAY, '--csv', '--by', 'segment'])
      expect(csv.status).toBe(0)
      expect(csv.stdout).toContain("\r\nsegment,'=Retail,")
      const bad = comeback(db, ['report', '--by', 'customer'])
      expect(bad.status).not.toBe(0)
      expect(bad.stderr).toContain('--by must be one of manager, rep, reason, segment')
    },
    SLOW,
  )
})
