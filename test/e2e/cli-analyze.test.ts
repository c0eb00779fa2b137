import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/main.js'
import { openStore } from '../../src/store/index.js'
import { FIXTURE_AS_OF, seedFixtureCompany } from '../../src/test-support/analysis-fixtures.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const directory = mkdtempSync(path.join(tmpdir(), 'comeback-cli-analyze-'))
const database = path.join(directory, 'cli.db')

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  try {
    const code = await main(['node', 'comeback', ...args])
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
    process.exitCode = undefined
  }
}

beforeAll(async () => {
  const store = await openStore(database)
  await store.migrate()
  await seedFixtureCompany(store)
  await store.close()
})
afterAll(() => rmSync(directory, { recursive: true, force: true }))

describe('comeback analyze, lost and fit', () => {
  it('says there is no analysis yet before the first run', async () => {
    const result = await run(['--db', database, 'lost', '--json'])
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/no analysis yet/)
  })

  it('analyzes the stored orders and prints the run as JSON', async () => {
    const result = await run(['--db', database, 'analyze', '--as-of', FIXTURE_AS_OF, '--json'])
    expect(result.code).toBe(0)
    const run_ = JSON.parse(result.stdout)
    expect(run_).toMatchObject({ asOf: FIXTURE_AS_OF, timeUnit: 'week', modelRequested: 'auto' })
    expect(run_.statusCounts.lost).toBeGreaterThan(0)
  })

  it('lists the lost with every field the lost list promises, as JSON and CSV', async () => {
    const json = await run(['--db', database, 'lost', '--top', '3', '--json'])
    expect(json.code).toBe(0)
    const rows = JSON.parse(json.stdout)
    expect(rows).toHaveLength(3)
    for (const key of [
      'id',
      'kind',
      'name',
      'status',
      'pAlive',
      'expectedNextOrder',
      'overdueDays',
      'historicalValue',
      'valueIfWonBack',
      'winBackProbability',
      'expectedValue',
      'explanation',
      'currency',
      'reasons',
      'reasonFixed',
    ]) {
      expect(rows[0]).toHaveProperty(key)
    }
    expect(Array.isArray(rows[0].reasons)).toBe(true)
    const csv = await run(['--db', database, 'lost', '--csv'])
    expect(csv.stdout.split('\n')[0]).toMatch(/^id,kind,name,status,/)
  })

  it('rejects a bad model, time unit or date with exit code 2', async () => {
    const magic = await run(['--db', database, 'analyze', '--model', 'magic'])
    expect(magic.code).toBe(2)
    expect((await run(['--db', database, 'analyze', '--time-unit', 'month'])).code).toBe(2)
    expect((await run(['--db', database, 'analyze', '--as-of', '2024-13-01'])).code).toBe(2)
  })

  it('fits a summary file without a database and prints the published names', async () => {
    const summary = path.resolve(repoRoot, '../shared/data/cdnow/cdnow_customers_summary.csv')
    const result = await run(['fit', '--summary', summary, '--model', 'bgnbd', '--json'])
    expect(result.code).toBe(0)
    const fit = JSON.parse(result.stdout)
    expect(Object.keys(fit.params)).toEqual(['r', 'alpha', 'a', 'b'])
    expect(fit).toMatchObject({ model: 'bgnbd', converged: true, n: 2357 })
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 0)
  })
})
