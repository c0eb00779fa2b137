import type { Insertable, Selectable } from 'kysely'
import type { TemplatesTable } from '../schema-outreach.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** One stored template version. */
export type TemplateRow = Selectable<TemplatesTable>

/** What a template version needs; its time is added here. */
export type NewTemplateVersion = Omit<Insertable<TemplatesTable>, 'id' | 'created_at'>

/**
 * The newest version of every template (or of one kind), shipped first, then by name.
 * @example const emails = await listLatestTemplates(store, 'email')
 */
export async function listLatestTemplates(
  target: Queryable,
  kind?: string,
): Promise<TemplateRow[]> {
  const db = dbOf(target)
  let query = db
    .selectFrom('templates as t')
    .selectAll('t')
    .where(({ eb, selectFrom }) =>
      eb(
        't.version',
        '=',
        selectFrom('templates as newer')
          .select(({ fn }) => fn.max('newer.version').as('v'))
          .whereRef('newer.template_key', '=', 't.template_key'),
      ),
    )
  if (kind !== undefined) {
    query = query.where('t.kind', '=', kind)
  }
  return query.orderBy('t.shipped', 'desc').orderBy('t.name').orderBy('t.id').execute()
}

/** One template version by its id, or undefined. */
export async function getTemplateById(
  target: Queryable,
  id: number,
): Promise<TemplateRow | undefined> {
  return dbOf(target).selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The newest version of the template with `key`, or undefined. */
export async function getLatestTemplate(
  target: Queryable,
  key: string,
): Promise<TemplateRow | undefined> {
  return dbOf(target)
    .selectFrom('templates')
    .selectAll()
    .where('template_key', '=', key)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Adds one version. Two writers adding the same (key, version) collide on the unique constraint,
 * which the caller turns into a conflict.
 */
export async function insertTemplateVersion(
  target: Queryable,
  row: NewTemplateVersion,
): Promise<TemplateRow> {
  return dbOf(target)
    .insertInto('templates')
    .values({ ...row, created_at: nowTimestamp() })
    .returningAll()
    .executeTakeFirstOrThrow()
}
