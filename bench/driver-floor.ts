import { once } from 'node:events'
import { createReadStream, createWriteStream, rmSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import Sqlite from 'better-sqlite3'
import { from as copyFrom } from 'pg-copy-streams'
import { openStore } from '../src/app/index.js'
import { copyLine } from '../src/store/imports/postgres-copy.js'
import { RECORD_TABLES } from '../src/store/imports/record-tables.js'
import { insertColumns, SQLITE_ROWS_PER_INSERT } from '../src/store/imports/sql-text.js'
import { type Floor, floorOf, withFloorFile } from './floor-file.js'

// the columns an import writes into a new order, in its order, its import's id last
const COLUMN_NAMES = [...insertColumns(RECORD_TABLES.orders), 'import_id']
const COLUMNS = COLUMN_NAMES.join(', ')
const WIDTH = COLUMN_NAMES.length
const ROWS_PER_READ = 16_384

/**
 * What the SQLite driver alone allows: the orders an import stored in `sourcePath`, read back into
 * JavaScript arrays (untimed), bound and inserted into an empty orders table with the store's
 * settings by the import's multi-row `INSERT`s (timed), then the store's orders indexes built as
 * a bulk load does. No parsing, no planning, no bookkeeping: an import that feeds SQLite from
 * JavaScript can be no faster than this on this machine, whatever its parser.
 * @example sqliteBindFloor('/tmp/bench.db') // { rowsPerS: 340000, … }
 */
export function sqliteBindFloor(sourcePath: string): Floor {
  const source = new Sqlite(sourcePath, { readonly: true })
  try {
    return withFloorFile(sourcePath, 'bind-floor', ({ db, buildIndexes }) => {
      const row = `(${Array(WIDTH).fill('?').join(', ')})`
      const insert = db.prepare(
        `insert into orders (${COLUMNS}) values ${Array(SQLITE_ROWS_PER_INSERT).fill(row).join(', ')}`,
      )
      const read = source
        .prepare(
          `select ${COLUMNS}, id from orders where id > ? order by id limit ${ROWS_PER_READ}`,
        )
        .raw()
      const values = new Array<unknown>(WIDTH * SQLITE_ROWS_PER_INSERT)
      let rows = 0
      let writeMs = 0
      for (let after = 0; ; ) {
        const block = read.all(after) as unknown[][]
        // whole statements only: a last partial one would need a second statement, as in the import
        const whole = block.length - (block.length % SQLITE_ROWS_PER_INSERT)
        if (whole === 0) {
          break
        }
        const began = performance.now()
        db.transaction(() => {
          for (let start = 0; start < whole; start += SQLITE_ROWS_PER_INSERT) {
            for (let index = 0; index < SQLITE_ROWS_PER_INSERT; index += 1) {
              const cells = block[start + index] ?? []
              for (let column = 0; column < WIDTH; column += 1) {
                values[index * WIDTH + column] = cells[column]
              }
            }
            insert.run(values)
          }
        })()
        writeMs += performance.now() - began
        rows += whole
        after = Number(block[whole - 1]?.[WIDTH])
      }
      const began = performance.now()
      buildIndexes()
      return floorOf(rows, writeMs, performance.now() - began)
    })
  } finally {
    source.close()
  }
}

/**
 * What the PostgreSQL server alone allows: the orders of `sourcePath` written once as COPY text
 * (untimed), streamed byte for byte into the orders table of a migrated store at `url` with its
 * secondary indexes dropped and foreign key triggers off (timed), then those indexes rebuilt
 * (timed), as a bulk load does. No JavaScript runs per row while timed.
 * @example await postgresCopyFloor(url, '/tmp/bench.db') // { rowsPerS: 600000, … }
 */
export async function postgresCopyFloor(url: string, sourcePath: string): Promise<Floor> {
  const copyPath = `${sourcePath}.copy`
  const rows = await writeCopyText(sourcePath, copyPath)
  const store = await openStore(url)
  try {
    await store.migrate()
    const client = await store.pgPool().connect()
    try {
      const indexes = await client.query(
        "select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'orders' and indexname not like '%pkey'",
      )
      for (const { indexname } of indexes.rows as { indexname: string }[]) {
        await client.query(`drop index "${indexname}"`)
      }
      await client.query('set session_replication_role = replica')
      const began = performance.now()
      await pipeline(
        createReadStream(copyPath, { highWaterMark: 1024 * 1024 }),
        client.query(copyFrom(`copy orders (${COLUMNS}) from stdin`)),
      )
      const copied = performance.now()
      for (const { indexdef } of indexes.rows as { indexdef: string }[]) {
        await client.query(indexdef)
      }
      return floorOf(rows, copied - began, performance.now() - copied)
    } finally {
      client.release()
    }
  } finally {
    await store.close()
    rmSync(copyPath, { force: true })
  }
}

/** Writes the stored orders of `sourcePath` as COPY text, import id null; returns how many. */
async function writeCopyText(sourcePath: string, copyPath: string): Promise<number> {
  const source = new Sqlite(sourcePath, { readonly: true })
  const out = createWriteStream(copyPath)
  let rows = 0
  try {
    const read = source.prepare(`select ${COLUMNS} from orders`).raw()
    let lines: string[] = []
    for (const cells of read.iterate() as IterableIterator<(string | number | null)[]>) {
      cells[WIDTH - 1] = null
      lines.push(copyLine(cells))
      rows += 1
      if (lines.length === ROWS_PER_READ) {
        const flowing = out.write(lines.join(''))
        lines = []
        if (!flowing) {
          await once(out, 'drain')
        }
      }
    }
    out.write(lines.join(''))
  } finally {
    source.close()
    out.end()
    await once(out, 'finish')
  }
  return rows
}
