import { rmSync } from 'node:fs'
import Sqlite from 'better-sqlite3'

// the orders table and its indexes as the imported store has them (every migration applied)
const SCHEMA_OF_ORDERS =
  "select type, sql from source.sqlite_master where tbl_name = 'orders' and sql is not null order by type = 'index'"

/**
 * What SQLite alone needs for the rows an import stored, with no CSV, no JavaScript per row and
 * one transaction: copy every order of `sourcePath` into an empty file with the store's settings
 * (WAL, 16 KiB pages) by `INSERT … SELECT`, then build the store's orders indexes as an import does
 * (two sorter threads, a 32 MiB cache). No import of this schema on this machine can beat this rate.
 * @example importFloor('/tmp/bench.db') // { rowsPerS: 380000, … }
 */
export function importFloor(sourcePath: string): {
  rowsPerS: number
  insertS: number
  indexS: number
} {
  const path = `${sourcePath}.floor`
  rmSync(path, { force: true })
  const db = new Sqlite(path)
  try {
    db.pragma('page_size = 16384')
    db.pragma('journal_mode = wal')
    db.pragma('synchronous = normal')
    db.prepare('attach database ? as source').run(sourcePath)
    const schema = db.prepare(SCHEMA_OF_ORDERS).all() as { type: string; sql: string }[]
    // the tables its foreign keys name are not copied: they are not checked here
    db.pragma('foreign_keys = off')
    for (const { sql } of schema.filter((entry) => entry.type === 'table')) {
      db.exec(sql)
    }
    const rows = Number(db.prepare('select count(*) as n from source.orders').pluck().get())
    const began = performance.now()
    db.pragma('cache_size = -65536')
    db.transaction(() => {
      db.exec('insert into main.orders select * from source.orders')
    })()
    const inserted = performance.now()
    db.pragma('cache_size = -32768')
    db.pragma('threads = 2')
    for (const { sql } of schema.filter((entry) => entry.type === 'index')) {
      db.exec(sql)
    }
    const indexed = performance.now()
    return {
      rowsPerS: Math.round(rows / ((indexed - began) / 1000)),
      insertS: Math.round(inserted - began) / 1000,
      indexS: Math.round(indexed - inserted) / 1000,
    }
  } finally {
    db.close()
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(`${path}${suffix}`, { force: true })
    }
  }
}
