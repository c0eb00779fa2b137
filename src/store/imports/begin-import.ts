import type { Kysely } from 'kysely'
import { ConflictError } from '../../domain/errors.js'
import type { ImportKind } from '../../domain/records.js'
import { isUniqueViolation } from '../queries/queryable.js'
import type { Database } from '../schema.js'
import type { Store } from '../store.js'
import { type ImportSession, StoreImportSession } from './import-session.js'
import { postgresRun, sqliteAll, withPostgresTransaction, withSqliteHandle } from './raw-query.js'

/** What starts an import: the kind of file, its name and SHA-256, and who runs it. */
export interface BeginImportInput<TKind extends ImportKind> {
  readonly kind: TKind
  readonly fileName: string
  /** hex SHA-256 of the file's bytes: a second running import of the same file is refused */
  readonly fileSha256: string
  readonly actor: string
}

/**
 * Starts an import: a `running` row in `imports` whose id every row it writes carries, invisible
 * until `publish`. Owner emails in customer and deal records resolve to users by email (any case);
 * an email no user has leaves the owner empty.
 * @throws ConflictError when an import of the same kind and file is already running (TESTPLAN T2)
 * @example
 * const session = await beginImport(store, { kind: 'orders', fileName: 'orders.csv', fileSha256, actor: 'cli:ann' })
 * await session.write(records)
 * const counts = await session.publish()
 */
export async function beginImport<TKind extends ImportKind>(
  store: Store,
  input: BeginImportInput<TKind>,
): Promise<ImportSession<TKind>> {
  try {
    const id =
      store.dialect === 'sqlite'
        ? await beginOnSqlite(store, input)
        : await beginOnPostgres(store, input)
    return new StoreImportSession(store, id, input.kind)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw alreadyRunning(input, null, error)
    }
    throw error
  }
}

function runningQuery(db: Kysely<Database>, input: BeginImportInput<ImportKind>) {
  return db
    .selectFrom('imports')
    .select('id')
    .where('kind', '=', input.kind)
    .where('file_sha256', '=', input.fileSha256)
    .where('status', '=', 'running')
    .compile()
}

function insertQuery(db: Kysely<Database>, input: BeginImportInput<ImportKind>) {
  const now = new Date().toISOString()
  return db
    .insertInto('imports')
    .values({
      kind: input.kind,
      file_name: input.fileName,
      file_sha256: input.fileSha256,
      status: 'running',
      actor: input.actor,
      started_at: now,
      heartbeat_at: now,
      read_count: 0,
      inserted_count: 0,
      updated_count: 0,
      unchanged_count: 0,
      rejected_count: 0,
    })
    .returning('id')
    .compile()
}

// one synchronous immediate transaction: never holds the write lock across an await, so other
// connections of the same process waiting for it cannot stall the thread that would release it
async function beginOnSqlite(store: Store, input: BeginImportInput<ImportKind>): Promise<number> {
  return withSqliteHandle(store, (handle) =>
    handle
      .transaction(() => {
        const running = sqliteAll(handle, runningQuery(store.db, input))[0]
        if (running !== undefined) {
          throw alreadyRunning(input, running.id)
        }
        const inserted = sqliteAll(handle, insertQuery(store.db, input))[0]
        return Number(inserted?.id)
      })
      .immediate(),
  )
}

async function beginOnPostgres(store: Store, input: BeginImportInput<ImportKind>): Promise<number> {
  return withPostgresTransaction(store, async (client) => {
    // one start at a time per kind and file; the partial unique index backs this up
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [
      `${input.kind}:${input.fileSha256}`,
    ])
    const running = (await postgresRun(client, runningQuery(store.db, input))).rows[0]
    if (running !== undefined) {
      throw alreadyRunning(input, running.id)
    }
    const inserted = (await postgresRun(client, insertQuery(store.db, input))).rows[0]
    return Number(inserted?.id)
  })
}

function alreadyRunning(
  input: BeginImportInput<ImportKind>,
  runningId: number | null,
  cause?: unknown,
): ConflictError {
  const which = runningId === null ? 'an import' : `import ${runningId}`
  return new ConflictError(
    `${which} of this ${input.kind} file (${input.fileName}) is already running`,
    cause === undefined ? {} : { cause },
  )
}
