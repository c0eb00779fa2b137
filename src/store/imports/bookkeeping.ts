import type { CompiledQuery, Kysely } from 'kysely'
import type { RejectedRecord } from '../../domain/records.js'
import type { Database } from '../schema.js'

// Small statements about the import itself, built with Kysely so each dialect gets its own SQL,
// then run on the raw connection that holds the batch's transaction.

/** Counts one batch adds to its import's row. */
export interface CountDelta {
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly rejected: number
}

/** Renews the heartbeat of a running import; touches no row once it is no longer running. */
export function heartbeatQuery(db: Kysely<Database>, importId: number, now: string): CompiledQuery {
  return db
    .updateTable('imports')
    .set({ heartbeat_at: now })
    .where('id', '=', importId)
    .where('status', '=', 'running')
    .compile()
}

/** The imports that are not committed: their rows are invisible and may be taken over. */
export function uncommittedQuery(db: Kysely<Database>): CompiledQuery<{ id: number }> {
  return db.selectFrom('imports').select('id').where('status', '<>', 'committed').compile()
}

/** Adds a batch's counts to its import's row; `read` grows by all four. */
export function addCountsQuery(
  db: Kysely<Database>,
  importId: number,
  delta: CountDelta,
): CompiledQuery {
  const read = delta.inserted + delta.updated + delta.unchanged + delta.rejected
  return db
    .updateTable('imports')
    .set((eb) => ({
      read_count: eb('read_count', '+', read),
      inserted_count: eb('inserted_count', '+', delta.inserted),
      updated_count: eb('updated_count', '+', delta.updated),
      unchanged_count: eb('unchanged_count', '+', delta.unchanged),
      rejected_count: eb('rejected_count', '+', delta.rejected),
    }))
    .where('id', '=', importId)
    .compile()
}

// six columns per rejected row stays far below either engine's parameter limit
const REJECTS_PER_STATEMENT = 1000

/** Inserts rejected records under an import, in statements of at most 1,000 rows. */
export function rejectQueries(
  db: Kysely<Database>,
  importId: number,
  rows: readonly RejectedRecord[],
): CompiledQuery[] {
  const queries: CompiledQuery[] = []
  for (let start = 0; start < rows.length; start += REJECTS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + REJECTS_PER_STATEMENT).map((row) => ({
      import_id: importId,
      line: row.line,
      field: row.field,
      code: row.code,
      message: row.message,
      raw: row.raw,
    }))
    queries.push(db.insertInto('rejected_rows').values(chunk).compile())
  }
  return queries
}

/** Marks a running import committed; touches no row when it is not running. */
export function commitQuery(db: Kysely<Database>, importId: number, now: string): CompiledQuery {
  return db
    .updateTable('imports')
    .set({ status: 'committed', finished_at: now, heartbeat_at: now })
    .where('id', '=', importId)
    .where('status', '=', 'running')
    .compile()
}

/** The counts kept in an import's row. */
export function countsQuery(db: Kysely<Database>, importId: number) {
  return db
    .selectFrom('imports')
    .select([
      'status',
      'read_count',
      'inserted_count',
      'updated_count',
      'unchanged_count',
      'rejected_count',
    ])
    .where('id', '=', importId)
    .compile()
}
