import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { importFile, openStore, type Store } from '../../src/app/index.js'
import { generateBadOrdersCsv } from '../../src/test-support/bad-csv.js'
import { oracleSplitCsv } from '../../src/test-support/csv-oracle.js'
import { createTestPgUrl } from '../../src/test-support/pg.js'

const { CI_LONG: ciLong } = process.env
const LONG = ciLong === '1'
const ROWS = 50_000
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const folder = mkdtempSync(join(tmpdir(), 'comeback-import-'))
const testPg = await createTestPgUrl()

afterAll(async () => {
  rmSync(folder, { recursive: true, force: true })
  await testPg?.drop()
})

const sha256 = (keys: readonly string[]): string =>
  createHash('sha256')
    .update([...keys].sort().join('\n'))
    .digest('hex')

async function storedKeys(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('visible_orders').select('order_key').execute()
  return rows.map((row) => row.order_key)
}

const DIALECTS: { name: string; url: () => string }[] = [
  { name: 'SQLite', url: () => join(folder, `import-${Math.random().toString(36).slice(2)}.db`) },
  ...(testPg === null ? [] : [{ name: 'PostgreSQL', url: () => testPg.url }]),
]

describe.each(DIALECTS)('importing a damaged orders file on $name', ({ url }) => {
  const { bytes, truth } = generateBadOrdersCsv({ rows: ROWS, seed: 42, crlf: true, bom: true })
  const path = join(folder, `orders-${Math.random().toString(36).slice(2)}.csv`)
  writeFileSync(path, bytes)
  let store: Store

  it('accounts for every record, keeps every valid key, and reports each bad row at its start line (T1)', async () => {
    store = await openStore(url())
    await store.migrate()
    const result = await importFile(store, { kind: 'orders', path, actor: 'test' })
    const oracle = oracleSplitCsv(bytes)
    expect(result.read).toBe(oracle.records.length + oracle.rejects.length)
    expect(result.inserted + result.updated + result.unchanged + result.rejected).toBe(result.read)
    expect(result).toMatchObject({
      inserted: truth.validKeys.length,
      updated: 0,
      unchanged: truth.repeats,
      rejected: truth.rejects.length,
    })
    const badLines = new Set(truth.rejects.map((reject) => reject.line))
    const oracleKeys = new Set(
      oracle.records
        .filter((record) => !badLines.has(record.line))
        .map((record) => `id:${record.fields[0]}`),
    )
    const keys = await storedKeys(store)
    expect(sha256(keys)).toBe(sha256([...oracleKeys]))
    expect(sha256(keys)).toBe(sha256(truth.validKeys))
    const rejected = await store.db
      .selectFrom('rejected_rows')
      .select(['line', 'field', 'code', 'message'])
      .where('import_id', '=', result.importId)
      .orderBy('line')
      .execute()
    expect(rejected.map((row) => ({ line: Number(row.line), code: row.code }))).toEqual(
      truth.rejects,
    )
    for (const row of rejected) {
      expect(row.message).not.toBe('')
      if (!['unterminated_quote', 'wrong_field_count', 'invalid_utf8'].includes(row.code)) {
        expect(row.field).not.toBeNull()
      }
    }
    const report = readFileSync(result.rejectsFile ?? '', 'utf8')
    const reportLines = oracleSplitCsv(new TextEncoder().encode(report))
    expect(reportLines.header).toEqual(['line', 'field', 'code', 'message', 'raw'])
    const reportedLines = reportLines.records.map((record) => Number(record.fields[0]))
    expect(reportedLines.sort((a, b) => a - b)).toEqual(
      [...truth.rejects.map((reject) => reject.line)].sort((a, b) => a - b),
    )
  })

  it('changes nothing when the same file comes again (T2)', async () => {
    const again = await importFile(store, { kind: 'orders', path, actor: 'test' })
    expect(again).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: truth.validKeys.length + truth.repeats,
      rejected: truth.rejects.length,
    })
    expect(new Set(await storedKeys(store)).size).toBe(truth.validKeys.length)
  })

  it('updates exactly the 10 edited rows and inserts only the new rows of a superset (T2)', async () => {
    // latin1 keeps every byte as it is, invalid UTF-8 included
    const lines = Buffer.from(bytes).toString('latin1').split('\r\n')
    const idCounts = new Map<string, number>()
    for (const line of lines) {
      const id = line.split(',')[0] ?? ''
      idCounts.set(id, (idCounts.get(id) ?? 0) + 1)
    }
    const valid = new Set(truth.validKeys)
    const edited = new Set<string>()
    for (let at = 1; at < lines.length && edited.size < 10; at += 997) {
      const cells = (lines[at] ?? '').split(',')
      const id = cells[0] ?? ''
      if (cells.length === 7 && valid.has(`id:${id}`) && idCounts.get(id) === 1) {
        cells[3] = (Number(cells[3]) + 0.01).toFixed(2)
        lines[at] = cells.join(',')
        edited.add(id)
      }
    }
    expect(edited.size).toBe(10)
    const editedPath = join(folder, 'edited.csv')
    writeFileSync(editedPath, Buffer.from(lines.join('\r\n'), 'latin1'))
    const result = await importFile(store, { kind: 'orders', path: editedPath, actor: 'test' })
    expect(result).toMatchObject({ inserted: 0, updated: 10 })

    const bigger = generateBadOrdersCsv({ rows: ROWS + 500, seed: 42, crlf: true, bom: true })
    const supersetPath = join(folder, 'superset.csv')
    writeFileSync(supersetPath, bigger.bytes)
    const superset = await importFile(store, { kind: 'orders', path: supersetPath, actor: 'test' })
    expect(superset.inserted).toBe(bigger.truth.validKeys.length - truth.validKeys.length)
    expect(superset.updated).toBe(10)
    await store.close()
  })
})

describe.each(DIALECTS)('an import that fails midway on $name', ({ url }) => {
  it('publishes nothing of it when the file turns out to need --date-format after batches were written', async () => {
    const store = await openStore(url())
    await store.migrate()
    const before = (await storedKeys(store)).length
    const rows = Array.from({ length: 40_000 }, (_, i) => `F${i},C${i % 300},25/01/2024,${i}.00`)
    const path = join(folder, `late-mixed-${Math.random().toString(36).slice(2)}.csv`)
    writeFileSync(
      path,
      `order_id,customer,date,amount\n${rows.join('\n')}\nF-last,C1,01/25/2024,1.00\n`,
    )
    await expect(importFile(store, { kind: 'orders', path, actor: 'test' })).rejects.toThrow(
      /late-mixed-.*day-first in some rows/,
    )
    expect((await storedKeys(store)).length).toBe(before)
    const failed = await store.db
      .selectFrom('imports')
      .select(['status', 'error'])
      .where('file_name', 'like', 'late-mixed-%')
      .execute()
    expect(failed).toHaveLength(1)
    expect(failed[0]?.status).toBe('failed')
    await store.close()
  })
})

describe.runIf(LONG)('importing a 1,000,000-row damaged file (T1, CI_LONG)', () => {
  it('loses no valid row and reports the importing process its wall time and peak memory', async () => {
    const { bytes, truth } = generateBadOrdersCsv({ rows: 1_000_000, seed: 1, crlf: false })
    const path = join(folder, 'million.csv')
    const db = join(folder, 'million.db')
    writeFileSync(path, bytes)
    // the import runs in its own process, so its peak RSS is not this test's (oracle, generator)
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench/import-child.ts'), 'import', db, path],
      { cwd: ROOT, encoding: 'utf8' },
    )
    expect(child.stderr).toBe('')
    const figures = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
      seconds: number
      read: number
      inserted: number
      maxRssMb: number
    }
    const oracle = oracleSplitCsv(bytes)
    expect(figures.read).toBe(oracle.records.length + oracle.rejects.length)
    expect(figures.inserted).toBe(truth.validKeys.length)
    const store = await openStore(db)
    expect(sha256(await storedKeys(store))).toBe(sha256(truth.validKeys))
    const rejected = await store.db
      .selectFrom('rejected_rows')
      .select(['line', 'code'])
      .orderBy('line')
      .execute()
    expect(rejected.map((row) => ({ line: Number(row.line), code: row.code }))).toEqual(
      truth.rejects,
    )
    await store.close()
    console.log(
      `T1 1M rows: import ${figures.seconds.toFixed(1)} s wall, peak RSS ${figures.maxRssMb.toFixed(0)} MB (importing process)`,
    )
  }, 900_000)
})
