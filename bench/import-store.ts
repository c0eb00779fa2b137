import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { OrderRecord } from '../src/domain/records.js'
import { beginImport } from '../src/store/imports/index.js'
import { openStore, type Store } from '../src/store/index.js'
import { createTestPgUrl } from '../src/test-support/pg.js'

/** Options of `benchImportStore`. */
export interface ImportStoreBenchOptions {
  /** order records to write (default 1,000,000) */
  readonly rows?: number
  /** records per `write` call (default 50,000) */
  readonly batchSize?: number
  /** measure SQLite (default true) */
  readonly sqlite?: boolean
  /** measure PostgreSQL (default true; skipped with a reason when no server answers) */
  readonly postgres?: boolean
}

/** One dialect's figures: the write path alone, records generated in memory beforehand per batch. */
export interface ImportStoreFigures {
  readonly rows: number
  readonly rows_per_s: number
  readonly seconds: number
  readonly publish_ms: number
  readonly reimport_rows_per_s: number
  /** CPU seconds of this process for the first import's writes and publish (the machine is shared) */
  readonly cpu_s: number
  readonly reimport_cpu_s: number
  readonly peak_rss_mb: number
}

/** What `benchImportStore` measured; a dialect not measured is null. */
export interface ImportStoreBenchResult {
  readonly sqlite: ImportStoreFigures | null
  readonly postgres: ImportStoreFigures | null
  /** why PostgreSQL was not measured */
  readonly postgres_skipped?: string
}

/**
 * `count` order records from number `start`, as a CSV of order ids would give them: ids in file
 * order, 1 customer per 8 orders spread over the file, dates over three years.
 */
export function generateOrderRecords(start: number, count: number): OrderRecord[] {
  const records: OrderRecord[] = new Array(count)
  for (let index = 0; index < count; index += 1) {
    const n = start + index
    const orderId = `O${String(n).padStart(9, '0')}`
    const day = n % 1095
    records[index] = {
      line: n + 2,
      key: `id:${orderId}`,
      orderId,
      customerId: `C${String((n * 7919) % Math.max(1, Math.floor((start + count) / 8))).padStart(8, '0')}`,
      orderedOn: new Date(Date.UTC(2022, 0, 1 + day)).toISOString().slice(0, 10),
      amountMinor: 500 + ((n * 104729) % 50000),
      currency: 'EUR',
      status: 'placed',
    }
  }
  return records
}

async function writeAll(
  store: Store,
  rows: number,
  batchSize: number,
  sha: string,
): Promise<{ seconds: number; cpuSeconds: number; publishMs: number; peakRss: number }> {
  const session = await beginImport(store, {
    kind: 'orders',
    fileName: 'bench.csv',
    fileSha256: sha,
    actor: 'bench',
  })
  let writeMs = 0
  let cpuMicros = 0
  let peakRss = process.memoryUsage().rss
  for (let start = 0; start < rows; start += batchSize) {
    const records = generateOrderRecords(start, Math.min(batchSize, rows - start))
    const began = performance.now()
    const cpuBefore = process.cpuUsage()
    await session.write(records)
    writeMs += performance.now() - began
    cpuMicros += cpuOf(process.cpuUsage(cpuBefore))
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  const began = performance.now()
  const cpuBefore = process.cpuUsage()
  await session.publish()
  const publishMs = performance.now() - began
  cpuMicros += cpuOf(process.cpuUsage(cpuBefore))
  return { seconds: (writeMs + publishMs) / 1000, cpuSeconds: cpuMicros / 1e6, publishMs, peakRss }
}

function cpuOf(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system
}

async function measure(store: Store, rows: number, batchSize: number): Promise<ImportStoreFigures> {
  await store.migrate()
  const first = await writeAll(store, rows, batchSize, `bench-${Date.now()}-1`)
  const again = await writeAll(store, rows, batchSize, `bench-${Date.now()}-2`)
  return {
    rows,
    rows_per_s: Math.round(rows / first.seconds),
    seconds: Number(first.seconds.toFixed(3)),
    publish_ms: Math.round(first.publishMs),
    reimport_rows_per_s: Math.round(rows / again.seconds),
    cpu_s: Number(first.cpuSeconds.toFixed(3)),
    reimport_cpu_s: Number(again.cpuSeconds.toFixed(3)),
    peak_rss_mb: Math.round(Math.max(first.peakRss, again.peakRss) / 2 ** 20),
  }
}

/**
 * Measures the import write path alone (`beginImport` → `write` batches → `publish`) into an empty
 * SQLite file and an empty PostgreSQL database, then the re-import of the same records, so the
 * full CSV pipeline can be compared with it.
 * @example const result = await benchImportStore({ rows: 1_000_000 })
 */
export async function benchImportStore(
  options: ImportStoreBenchOptions = {},
): Promise<ImportStoreBenchResult> {
  const rows = options.rows ?? 1_000_000
  const batchSize = options.batchSize ?? 50_000
  const sqlite = options.sqlite === false ? null : await measureSqlite(rows, batchSize)
  if (options.postgres === false) {
    return { sqlite, postgres: null, postgres_skipped: 'not asked for' }
  }
  const database = await createTestPgUrl()
  if (database === null) {
    return { sqlite, postgres: null, postgres_skipped: 'no PostgreSQL server answered' }
  }
  const store = await openStore(database.url)
  try {
    return { sqlite, postgres: await measure(store, rows, batchSize) }
  } finally {
    await store.close()
    await database.drop()
  }
}

async function measureSqlite(rows: number, batchSize: number): Promise<ImportStoreFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-bench-'))
  const store = await openStore(join(dir, 'bench.db'))
  try {
    return await measure(store, rows, batchSize)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name)
  return index === -1 ? undefined : process.argv[index + 1]
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchImportStore({
    rows: Number(argument('--rows') ?? 1_000_000),
    batchSize: Number(argument('--batch') ?? 50_000),
    sqlite: !process.argv.includes('--no-sqlite'),
    postgres: !process.argv.includes('--no-postgres'),
  })
  console.log(JSON.stringify(result))
}
