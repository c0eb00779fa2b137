import { rmSync } from 'node:fs'
import Sqlite from 'better-sqlite3'

// the orders table and its indexes as the imported store has them (every migration applied)
const SCHEMA_OF_ORDERS =
  "select type, sql from sqlite_master where tbl_name = 'orders' and sql is not null"

/** What one SQLite floor measured: its rate, and the seconds it spent writing and indexing. */
export interface Floor {
  readonly rowsPerS: number
  readonly writeS: number
  readonly indexS: number
}

/** An empty orders file a floor writes into, and the store's orders indexes to build afterwards. */
export interface FloorFile {
  readonly db: Sqlite.Database
  /** builds the store's orders indexes as a bulk load does (two sorter threads, a 32 MiB cache) */
  buildIndexes(): void
}

/**
 * Runs `work` on a new file beside `sourcePath` (`.suffix`) with the store's settings (WAL,
 * 16 KiB pages) and the store's orders table, without indexes and foreign key checks (the tables
 * they name are not copied), then removes the file.
 * @example withFloorFile('/tmp/bench.db', 'floor', ({ db, buildIndexes }) => { … })
 */
export function withFloorFile<T>(
  sourcePath: string,
  suffix: string,
  work: (file: FloorFile) => T,
): T {
  const source = new Sqlite(sourcePath, { readonly: true })
  const schema = source.prepare(SCHEMA_OF_ORDERS).all() as { type: string; sql: string }[]
  source.close()
  const path = `${sourcePath}.${suffix}`
  rmSync(path, { force: true })
  const db = new Sqlite(path)
  try {
    db.pragma('page_size = 16384')
    db.pragma('journal_mode = wal')
    db.pragma('synchronous = normal')
    db.pragma('foreign_keys = off')
    for (const { sql } of schema.filter((entry) => entry.type === 'table')) {
      db.exec(sql)
    }
    const buildIndexes = (): void => {
      db.pragma('cache_size = -32768')
      db.pragma('threads = 2')
      for (const { sql } of schema.filter((entry) => entry.type === 'index')) {
        db.exec(sql)
      }
    }
    return work({ db, buildIndexes })
  } finally {
    db.close()
    for (const end of ['', '-wal', '-shm']) {
      rmSync(`${path}${end}`, { force: true })
    }
  }
}

/** A floor's figures from its row count and the milliseconds it spent writing and indexing. */
export function floorOf(rows: number, writeMs: number, indexMs: number): Floor {
  return {
    rowsPerS: Math.round(rows / ((writeMs + indexMs) / 1000)),
    writeS: Math.round(writeMs) / 1000,
    indexS: Math.round(indexMs) / 1000,
  }
}
