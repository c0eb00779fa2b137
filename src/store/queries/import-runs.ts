import type { Selectable } from 'kysely'
import type { ImportsTable, RejectedRowsTable } from '../schema.js'
import { dbOf, type Queryable } from './queryable.js'

/** One import as the imports table holds it (its counts grow batch by batch while it runs). */
export type ImportRun = Selectable<ImportsTable> & { readonly id: number }

const withNumbers = (row: Selectable<ImportsTable>): ImportRun => ({
  ...row,
  id: Number(row.id),
  read_count: Number(row.read_count),
  inserted_count: Number(row.inserted_count),
  updated_count: Number(row.updated_count),
  unchanged_count: Number(row.unchanged_count),
  rejected_count: Number(row.rejected_count),
})

/**
 * The newest imports first, `limit` of them, older than `beforeId` when given (the next page).
 * @example const recent = await listImportRuns(store, { limit: 50 })
 */
export async function listImportRuns(
  target: Queryable,
  options: { readonly limit: number; readonly beforeId?: number },
): Promise<ImportRun[]> {
  let query = dbOf(target).selectFrom('imports').selectAll()
  if (options.beforeId !== undefined) {
    query = query.where('id', '<', options.beforeId)
  }
  const rows = await query.orderBy('id', 'desc').limit(options.limit).execute()
  return rows.map(withNumbers)
}

/**
 * One import by id, or undefined.
 * @example const run = await getImportRun(store, 12)
 */
export async function getImportRun(target: Queryable, id: number): Promise<ImportRun | undefined> {
  const row = await dbOf(target)
    .selectFrom('imports')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row === undefined ? undefined : withNumbers(row)
}

/** A rejected row as stored, without its import id. */
export type RejectedRowLine = Omit<Selectable<RejectedRowsTable>, 'import_id'>

/**
 * Up to `limit` rejected rows of an import after the given (line, id), by start line: the
 * rejected-rows report is read in steps, so a large one never sits in memory.
 * @example const rows = await readRejectedRows(store, { importId: 12, after: null, limit: 5000 })
 */
export async function readRejectedRows(
  target: Queryable,
  page: {
    readonly importId: number
    readonly after: { readonly line: number; readonly id: number } | null
    readonly limit: number
  },
): Promise<RejectedRowLine[]> {
  let query = dbOf(target)
    .selectFrom('rejected_rows')
    .select(['id', 'line', 'field', 'code', 'message', 'raw'])
    .where('import_id', '=', page.importId)
  const after = page.after
  if (after !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('line', '>', after.line),
        eb.and([eb('line', '=', after.line), eb('id', '>', after.id)]),
      ]),
    )
  }
  const rows = await query.orderBy('line').orderBy('id').limit(page.limit).execute()
  return rows.map((row) => ({ ...row, id: Number(row.id), line: Number(row.line) }))
}

/** The newest import's id, or 0 when there is none. */
export async function latestImportId(target: Queryable): Promise<number> {
  const row = await dbOf(target)
    .selectFrom('imports')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return row?.id === null || row?.id === undefined ? 0 : Number(row.id)
}

/**
 * The first import after `afterId` of this kind, file (by SHA-256) and actor: how the server
 * finds the id of an import it just started.
 * @example const id = await findImportSince(store, { afterId, kind: 'orders', sha256, actor })
 */
export async function findImportSince(
  target: Queryable,
  find: { afterId: number; kind: string; sha256: string; actor: string },
): Promise<number | undefined> {
  const row = await dbOf(target)
    .selectFrom('imports')
    .select('id')
    .where('id', '>', find.afterId)
    .where('kind', '=', find.kind)
    .where('file_sha256', '=', find.sha256)
    .where('actor', '=', find.actor)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? undefined : Number(row.id)
}
