import { type Floor, floorOf, withFloorFile } from './floor-file.js'

/**
 * What SQLite alone needs for the rows an import stored, with no CSV, no JavaScript per row and
 * one transaction: copy every order of `sourcePath` into an empty file with the store's settings
 * by `INSERT … SELECT`, then build the store's orders indexes as an import does. No import of this
 * schema on this machine can beat this rate.
 * @example importFloor('/tmp/bench.db') // { rowsPerS: 380000, … }
 */
export function importFloor(sourcePath: string): Floor {
  return withFloorFile(sourcePath, 'floor', ({ db, buildIndexes }) => {
    db.prepare('attach database ? as source').run(sourcePath)
    const rows = Number(db.prepare('select count(*) as n from source.orders').pluck().get())
    const began = performance.now()
    db.pragma('cache_size = -65536')
    db.transaction(() => {
      db.exec('insert into main.orders select * from source.orders')
    })()
    const inserted = performance.now()
    buildIndexes()
    return floorOf(rows, inserted - began, performance.now() - inserted)
  })
}
