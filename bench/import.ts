import { spawnSync } from 'node:child_process'
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CsvRecordSplitter } from '../src/ingest/index.js'
import { createTestPgUrl } from '../src/test-support/pg.js'
import { postgresCopyFloor, sqliteBindFloor } from './driver-floor.js'
import { importFloor } from './import-floor.js'

const HERE = dirname(fileURLToPath(import.meta.url))

/** What one child import measured. */
interface ChildFigures {
  readonly seconds: number
  readonly cpuSeconds: number
  /** the main thread alone: writing (parsing runs in the worker) */
  readonly mainCpuSeconds: number
  /** the PostgreSQL server processes of the database (0 for SQLite) */
  readonly serverCpuSeconds: number
  readonly read: number
  readonly inserted: number
  readonly unchanged: number
  readonly maxRssMb: number
}

/**
 * Writes an orders CSV of `rows` rows (order id, customer, ISO date, amount, currency, status), in
 * blocks, so ten million rows take seconds and little memory.
 */
export function writeOrdersCsv(path: string, rows: number): number {
  const file = openSync(path, 'w')
  let bytes = 0
  try {
    bytes += writeSync(file, 'order_id,customer_id,ordered_on,amount,currency,status\n')
    const days = Array.from({ length: 1095 }, (_, day) =>
      new Date(Date.UTC(2022, 0, 1 + day)).toISOString().slice(0, 10),
    )
    const block = 100_000
    for (let start = 0; start < rows; start += block) {
      const lines: string[] = []
      for (let n = start; n < Math.min(rows, start + block); n++) {
        const day = days[n % 1095]
        const customer = (n * 7919) % Math.max(1, Math.floor(rows / 8))
        const amount = ((500 + ((n * 104729) % 50000)) / 100).toFixed(2)
        lines.push(
          `O${n},C${customer},${day},${amount},USD,${n % 20 === 0 ? 'cancelled' : 'placed'}\n`,
        )
      }
      bytes += writeSync(file, lines.join(''))
    }
  } finally {
    closeSync(file)
  }
  return bytes
}

/** runs one import in a child process, so its peak RSS is its own (worker thread included) */
function importInChild(args: { db: string; path: string; mode: 'import' | 'parse' }): ChildFigures {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(HERE, 'import-child.ts'), args.mode, args.db, args.path],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  )
  const last = result.stdout.trim().split('\n').pop() ?? ''
  if (result.status !== 0 || last === '') {
    throw new Error(`bench import child failed (${result.status}): ${result.stderr.slice(-2000)}`)
  }
  return JSON.parse(last) as ChildFigures
}

/**
 * Splits, parses and imports a generated orders CSV of `rows` rows (default 10,000,000) into an empty SQLite file,
 * again (the re-import changes nothing), and into PostgreSQL when a server answers; also times the
 * parse alone (worker thread, no store). Peak RSS is the importing child process's own.
 * @example const figures = await benchImport({ rows: 1_000_000 })
 */
export async function benchImport(
  options: { rows?: number; postgres?: boolean } = {},
): Promise<Record<string, number>> {
  const rows = options.rows ?? 10_000_000
  const folder = mkdtempSync(join(tmpdir(), 'comeback-bench-import-'))
  try {
    const path = join(folder, 'orders.csv')
    const fileBytes = writeOrdersCsv(path, rows)
    const db = join(folder, 'bench.db')
    const splitSeconds = await timeSplit(path)
    const parse = importInChild({ db, path, mode: 'parse' })
    const first = importInChild({ db, path, mode: 'import' })
    const again = importInChild({ db, path, mode: 'import' })
    const floor = importFloor(db)
    const bindFloor = sqliteBindFloor(db)
    // CPU µs per row beside the rates: the machine is shared, so wall time says little alone
    const perRow = (cpuSeconds: number): number => round((cpuSeconds * 1e6) / rows)
    const figures: Record<string, number> = {
      import_rows: rows,
      import_file_mb: round(fileBytes / 1024 / 1024),
      import_split_rows_per_s: Math.round(rows / splitSeconds.wall),
      import_split_cpu_us_per_row: perRow(splitSeconds.cpu),
      import_parse_rows_per_s: Math.round(rows / parse.seconds),
      import_parse_cpu_s: round(parse.cpuSeconds),
      import_parse_worker_cpu_us_per_row: perRow(parse.cpuSeconds - parse.mainCpuSeconds),
      import_sqlite_rows_per_s: Math.round(rows / first.seconds),
      import_sqlite_cpu_s: round(first.cpuSeconds),
      import_sqlite_cpu_us_per_row: perRow(first.cpuSeconds),
      import_sqlite_main_cpu_us_per_row: perRow(first.mainCpuSeconds),
      import_sqlite_peak_rss_mb: Math.round(first.maxRssMb),
      reimport_sqlite_rows_per_s: Math.round(rows / again.seconds),
      reimport_sqlite_cpu_s: round(again.cpuSeconds),
      reimport_sqlite_main_cpu_us_per_row: perRow(again.mainCpuSeconds),
      // SQLite alone storing the same rows and building the same indexes: the ceiling for any import
      import_sqlite_engine_floor_rows_per_s: floor.rowsPerS,
      import_sqlite_engine_floor_insert_s: floor.writeS,
      import_sqlite_engine_floor_index_s: floor.indexS,
      // the same rows bound from JavaScript by 64-row INSERTs, indexes built after: the ceiling for
      // any import that feeds SQLite through the driver, whatever its parser
      import_sqlite_bind_floor_rows_per_s: bindFloor.rowsPerS,
      import_sqlite_bind_floor_insert_s: bindFloor.writeS,
    }
    checkCounts(first, rows, 'inserted')
    checkCounts(again, rows, 'unchanged')
    if (options.postgres === false) {
      return figures
    }
    const pg = await createTestPgUrl()
    if (pg === null) {
      process.stderr.write('bench: import_postgres_rows_per_s skipped: no PostgreSQL server\n')
      return figures
    }
    const floorPg = await createTestPgUrl()
    try {
      const onPg = importInChild({ db: pg.url, path, mode: 'import' })
      checkCounts(onPg, rows, 'inserted')
      // the same rows streamed as COPY text with no JavaScript per row, indexes built after
      const copyFloor = floorPg === null ? null : await postgresCopyFloor(floorPg.url, db)
      return {
        ...figures,
        import_postgres_rows_per_s: Math.round(rows / onPg.seconds),
        import_postgres_cpu_s: round(onPg.cpuSeconds),
        import_postgres_main_cpu_us_per_row: perRow(onPg.mainCpuSeconds),
        import_postgres_server_cpu_us_per_row: perRow(onPg.serverCpuSeconds),
        ...(copyFloor === null
          ? {}
          : {
              import_postgres_copy_floor_rows_per_s: copyFloor.rowsPerS,
              import_postgres_copy_floor_copy_s: copyFloor.writeS,
              import_postgres_copy_floor_index_s: copyFloor.indexS,
            }),
      }
    } finally {
      await pg.drop()
      await floorPg?.drop()
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** wall and CPU seconds to split the file into records on this thread, reading included, fields unused */
async function timeSplit(path: string): Promise<{ wall: number; cpu: number }> {
  let records = 0
  const splitter = new CsvRecordSplitter({
    header: () => undefined,
    record: () => {
      records++
      return undefined
    },
    reject: () => undefined,
  })
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    splitter.push(chunk as Buffer)
  }
  splitter.end()
  const { user, system } = process.cpuUsage(cpuBefore)
  const wall = records > 0 ? (performance.now() - started) / 1000 : Number.NaN
  return { wall, cpu: (user + system) / 1e6 }
}

function checkCounts(figures: ChildFigures, rows: number, outcome: 'inserted' | 'unchanged'): void {
  if (figures.read !== rows || figures[outcome] !== rows) {
    throw new Error(`bench import: expected ${rows} ${outcome}, got ${JSON.stringify(figures)}`)
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--rows')
  const rows = at === -1 ? undefined : Number(process.argv[at + 1])
  const postgres = !process.argv.includes('--no-postgres')
  console.log(
    JSON.stringify(await benchImport(rows === undefined ? { postgres } : { rows, postgres })),
  )
}
