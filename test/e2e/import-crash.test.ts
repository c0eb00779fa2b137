import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { importFile, openStore, recoverAbandonedImports } from '../../src/app/index.js'
import { generateBadOrdersCsv, seededRandom } from '../../src/test-support/bad-csv.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const folder = mkdtempSync(join(tmpdir(), 'comeback-import-crash-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const { CI_LONG: ciLong } = process.env
const KILLS = ciLong === '1' ? 20 : 4
const ROWS = ciLong === '1' ? 1_000_000 : 200_000

/** starts `comeback import orders FILE` from source; resolves with its exit code or signal */
function startImport(db: string, path: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/run.ts', '--db', db, 'import', 'orders', path, '--json'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  const exited = new Promise<{ code: number | null; stdout: string }>((done) => {
    child.on('exit', (code) => done({ code, stdout }))
  })
  return { child, exited }
}

function visibleOrders(db: string): {
  count: number
  distinct: number
  integrity: string
  staged: number
} {
  const handle = new Sqlite(db, { readonly: true })
  try {
    const count = handle.prepare('select count(*) as n from visible_orders').get() as { n: number }
    const all = handle.prepare('select count(*) as n from orders').get() as { n: number }
    const distinct = handle
      .prepare('select count(distinct order_key) as n from visible_orders')
      .get() as { n: number }
    const integrity = handle.pragma('integrity_check', { simple: true }) as string
    return { count: count.n, distinct: distinct.n, integrity, staged: all.n - count.n }
  } finally {
    handle.close()
  }
}

/** rows written by an unpublished import: in the table but not in the visible view */
function stagedRows(db: string): number {
  const handle = new Sqlite(db, { readonly: true })
  try {
    const all = handle.prepare('select count(*) as n from orders').get() as { n: number }
    const visible = handle.prepare('select count(*) as n from visible_orders').get() as {
      n: number
    }
    return all.n - visible.n
  } finally {
    handle.close()
  }
}

async function waitForStagedRows(db: string, exited: Promise<unknown>): Promise<void> {
  let done = false
  void exited.then(() => {
    done = true
  })
  while (!done && stagedRows(db) === 0) {
    await new Promise((wait) => setTimeout(wait, 10))
  }
}

describe('kill -9 in the middle of an import (T3)', () => {
  it('leaves the visible orders exactly as before or fully imported, and a re-run has no duplicates', async () => {
    const db = join(folder, 'crash.db')
    const seed = generateBadOrdersCsv({
      rows: 1000,
      seed: 3,
      damageRate: 0,
      firstOrder: 10_000_000,
    })
    const seedPath = join(folder, 'seed.csv')
    writeFileSync(seedPath, seed.bytes)
    const store = await openStore(db)
    await store.migrate()
    await importFile(store, { kind: 'orders', path: seedPath, actor: 'test' })
    const before = visibleOrders(db).count
    const big = generateBadOrdersCsv({ rows: ROWS, seed: 4, damageRate: 0 })
    const path = join(folder, 'big.csv')
    writeFileSync(path, big.bytes)
    const added = big.truth.validKeys.length
    const random = seededRandom(99)
    let killedMidWrite = 0
    for (let kill = 0; kill < KILLS; kill++) {
      const run = startImport(db, path)
      // most kills wait until rows are written but unpublished, then a moment; some are blind
      if (kill % 4 !== 3) {
        await waitForStagedRows(db, run.exited)
        await new Promise((wait) => setTimeout(wait, random() * 150))
      } else {
        await new Promise((wait) => setTimeout(wait, random() * 4000))
      }
      run.child.kill('SIGKILL')
      await run.exited
      const seen = visibleOrders(db)
      expect([before, before + added]).toContain(seen.count)
      expect(seen.integrity).toBe('ok')
      killedMidWrite += seen.staged > 0 ? 1 : 0
      // a restart: no import can be alive now, so every running one is abandoned
      await recoverAbandonedImports(store, { staleAfterMs: 0 })
    }
    // at least one kill must have landed while rows were written but not yet published
    expect(killedMidWrite).toBeGreaterThan(0)
    const last = await startImport(db, path).exited
    expect(last.code).toBe(0)
    const final = visibleOrders(db)
    expect(final.count).toBe(before + added)
    expect(final.distinct).toBe(final.count)
    expect(final.integrity).toBe('ok')
    const running = await store.db
      .selectFrom('imports')
      .select('id')
      .where('status', '=', 'running')
      .execute()
    expect(running).toEqual([])
    await store.close()
  }, 600_000)
})
