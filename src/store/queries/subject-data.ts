import { sql } from 'kysely'
import { dbOf, type Queryable } from './queryable.js'

/** A row as the database gave it, for an access export. */
export type SubjectRow = Record<string, unknown>

// not the subject's data: views repeat tables; the log holds no personal values and is read
// through its own route; the privacy tables hold hashes
const SKIPPED = new Set(['audit_log', 'erased_fingerprints', 'privacy_key'])

/**
 * Every row of every table that names customer `customerId` (a `customer_id` column, or the
 * customer row itself), plus the rows hanging off its contacts and cases: suppressions of its
 * contacts, the events of its cases. Tables are found by looking, so a table added later is
 * included without a change here (GDPR Art. 15: all of a subject's data).
 */
export async function readSubjectData(
  target: Queryable,
  customerId: string,
): Promise<Record<string, SubjectRow[]>> {
  const db = dbOf(target)
  const found: Record<string, SubjectRow[]> = {}
  for (const table of await db.introspection.getTables()) {
    if (table.isView || SKIPPED.has(table.name)) {
      continue
    }
    const has = (name: string) => table.columns.some((col) => col.name === name)
    // a customer's own rows, and rows of their cases (events, written plans) that name only the case
    const where =
      table.name === 'customers'
        ? sql`${sql.ref('id')} = ${customerId}`
        : has('customer_id')
          ? sql`${sql.ref('customer_id')} = ${customerId}`
          : has('case_id')
            ? sql`${sql.ref('case_id')} in (select id from cases where customer_id = ${customerId})`
            : null
    if (where === null) {
      continue
    }
    const rows =
      await sql<SubjectRow>`select * from ${sql.table(table.name)} where ${where}`.execute(db)
    found[table.name] = rows.rows
  }
  const contactIds = (found['contacts'] ?? []).map((row) => Number(row['id']))
  const emails = (found['contacts'] ?? [])
    .map((row) => row['email'])
    .filter((email): email is string => typeof email === 'string')
    .map((email) => email.trim().toLowerCase())
  found['suppressions'] = await db
    .selectFrom('suppressions')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('contact_id', 'in', [...contactIds, -1]),
        eb('email_normalised', 'in', [...emails, '']),
      ]),
    )
    .execute()
  return found
}
