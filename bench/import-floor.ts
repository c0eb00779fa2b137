import { rmSync } from 'node:fs'
import Sqlite from 'better-sqlite3'

const COLUMNS =
  'order_key, order_id, customer_id, ordered_on, amount_minor, currency, status, import_id'
// the orders table and the three indexes an import ends with, as the migrations make them
const TABLE = `create table orders (id integer primary key, order_key text not null, order_id text, customer_id text not null, ordered_on text not null, amount_minor bigint not null, currency text not null, status text not null check (status in ('placed', 'cancelled', 'refunded')), import_id bigint)`
const INDEXES = [
  'create unique index orders_order_key_ux on orders (order_key)',
  'create index orders_customer_ordered_on_ix on orders (customer_id, ordered_on)',
  'create index orders_import_ix on orders (import_id)',
]

/**
 * What SQLite alone needs for the rows an import stored, with no CSV, no JavaScript per row and
 * one transaction: copy every order of `sourcePath` into an empty file with the store's settings
 * (WAL, 16 KiB pages) by `INSERT … SELECT`, then build the three indexes as an import does (two
 * sorter threads, a 32 MiB cache). No import of this schema on this machine can beat this rate.
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
    db.exec(TABLE)
    db.prepare('attach database ? as source').run(sourcePath)
    const rows = Number(db.prepare('select count(*) as n from source.orders').pluck().get())
    const began = performance.now()
    db.pragma('cache_size = -65536')
    db.transaction(() => {
      db.exec(`insert into main.orders (${COLUMNS}) select ${COLUMNS} from source.orders`)
    })()
    const inserted = performance.now()
    db.pragma('cache_size = -32768')
    db.pragma('threads = 2')
    for (const index of INDEXES) {
      db.exec(index)
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
