import { type Kysely, sql } from 'kysely'
import type { Database } from '../schema.js'
import { campaignDb } from './campaigns.js'
import { makeGoodDb } from './make-goods.js'
import { planDb } from './plans.js'
import { dbOf, type Queryable } from './queryable.js'

/**
 * The writes of erasure (GDPR Art. 17, TESTPLAN T23) and of the retention purge (T24): personal
 * values nulled or replaced, the rows themselves kept so orders, cases and figures still add up.
 * Every function takes the caller's transaction.
 */

/** What stands in for an erased value where a column may not be empty. */
export const ERASED = '[erased]'

/** One contact's personal values, read before they are erased (to fingerprint and sweep them). */
export interface ContactPii {
  readonly id: number
  readonly customerId: string
  readonly contactKey: string
  readonly name: string | null
  readonly email: string | null
  readonly phone: string | null
  readonly postalAddress: string | null
}

/** The personal values of the given contacts, or of every contact of `customerId`. */
export async function readContactPii(
  target: Queryable,
  who: { readonly contactIds?: readonly number[]; readonly customerId?: string },
): Promise<ContactPii[]> {
  let query = dbOf(target)
    .selectFrom('contacts')
    .select(['id', 'customer_id', 'contact_key', 'name', 'email', 'phone', 'postal_address'])
  if (who.customerId !== undefined) {
    query = query.where('customer_id', '=', who.customerId)
  }
  if (who.contactIds !== undefined) {
    query = query.where('id', 'in', [...who.contactIds, -1])
  }
  const rows = await query.orderBy('id').execute()
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: row.customer_id,
    contactKey: row.contact_key,
    name: row.name,
    email: row.email,
    phone: row.phone,
    postalAddress: row.postal_address,
  }))
}

const countOf = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows)

/**
 * Empties the contacts' personal values and basis records; the key becomes `erased:<id>` (a
 * file's key may hold the address). Queued messages to them are stopped, sent ones keep no
 * address, name, merge values or subject, and touches with them keep no note.
 */
export async function anonymiseContacts(
  trx: Kysely<Database>,
  contactIds: readonly number[],
  at: string,
): Promise<Record<string, number>> {
  if (contactIds.length === 0) {
    return { contacts: 0, outbox_messages: 0, touches: 0 }
  }
  const ids = [...contactIds]
  const contacts = await trx
    .updateTable('contacts')
    .set({
      name: null,
      email: null,
      phone: null,
      postal_address: null,
      basis_source: null,
      address_flag: null,
      contact_key: sql<string>`'erased:' || cast(id as text)`,
    })
    .where('id', 'in', ids)
    .executeTakeFirst()
  await trx
    .updateTable('outbox_messages')
    .set({ status: 'suppressed', finished_at: at, error: 'erased before it was sent' })
    .where('contact_id', 'in', ids)
    .where('status', '=', 'queued')
    .execute()
  const outbox = await trx
    .updateTable('outbox_messages')
    .set(scrubbedMessage)
    .where('contact_id', 'in', ids)
    .executeTakeFirst()
  const touches = await trx
    .updateTable('touches')
    .set({ note: null })
    .where('contact_id', 'in', ids)
    .executeTakeFirst()
  return {
    contacts: countOf(contacts),
    outbox_messages: countOf(outbox),
    touches: countOf(touches),
  }
}

const scrubbedMessage = {
  to_address: ERASED,
  to_normalised: ERASED,
  to_name: null,
  fields_json: '{}',
  subject: null,
} as const

/**
 * Empties what one customer's own rows say in words: its name, its messages and touch notes,
 * its cases' notes and the customer's words, the notes of those cases' events, its deals' names,
 * past attempts' notes and make-goods' descriptions.
 */
export async function scrubCustomerWords(
  trx: Kysely<Database>,
  customerId: string,
  at: string,
): Promise<Record<string, number>> {
  const customers = await trx
    .updateTable('customers')
    .set({ name: null })
    .where('id', '=', customerId)
    .executeTakeFirst()
  await trx
    .updateTable('outbox_messages')
    .set({ status: 'suppressed', finished_at: at, error: 'erased before it was sent' })
    .where('customer_id', '=', customerId)
    .where('status', '=', 'queued')
    .execute()
  const outbox = await trx
    .updateTable('outbox_messages')
    .set(scrubbedMessage)
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  const touches = await trx
    .updateTable('touches')
    .set({ note: null })
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  const { cases, events } = await scrubCaseWords(trx, customerId)
  const deals = await trx
    .updateTable('deals')
    .set({ name: null })
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  const attempts = await trx
    .updateTable('win_back_attempts')
    .set({ notes: null })
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  const makeGoods = await makeGoodDb(trx)
    .updateTable('make_goods')
    .set({ description: null, reason: null, decision_note: null })
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  return {
    customers: countOf(customers),
    outbox_messages: countOf(outbox),
    touches: countOf(touches),
    cases,
    case_events: events,
    deals: countOf(deals),
    win_back_attempts: countOf(attempts),
    make_goods: countOf(makeGoods),
  }
}

/** Empties a customer's cases' notes and the customer's words, and their events' notes. */
async function scrubCaseWords(
  trx: Kysely<Database>,
  customerId: string,
): Promise<{ cases: number; events: number }> {
  const cases = await trx
    .updateTable('cases')
    .set({
      research_notes: null,
      customer_words: null,
      customer_cost_note: null,
      remedy: null,
      plan_summary: null,
      ending_note: null,
      reason_note: null,
    })
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  const events = await trx
    .updateTable('case_events')
    .set({ note: null, data_json: null })
    .where('case_id', 'in', (eb) =>
      eb.selectFrom('cases').select('cases.id').where('cases.customer_id', '=', customerId),
    )
    .executeTakeFirst()
  await scrubPlanNames(trx, customerId)
  return { cases: countOf(cases), events: countOf(events) }
}

/**
 * Empties the customer's side of their cases' written plans: who signed for them, and the named
 * contact on each condition they owe (plans name the case, not the customer, so the sweep by
 * `customer_id` does not reach them).
 */
async function scrubPlanNames(trx: Kysely<Database>, customerId: string): Promise<void> {
  const db = planDb(trx)
  const theirCases = db
    .selectFrom('cases')
    .select('cases.id')
    .where('cases.customer_id', '=', customerId)
  await db
    .updateTable('plans')
    .set({ their_signer: null })
    .where('case_id', 'in', theirCases)
    .execute()
  await db
    .updateTable('plan_conditions')
    .set({ contact_name: null })
    .where('case_id', 'in', theirCases)
    .execute()
}

/**
 * Rewrites the suppressions of the given addresses to hold a fingerprint instead: the rows (and
 * so the suppression of the contacts they name) stay, the address goes.
 */
export async function rekeySuppressions(
  trx: Kysely<Database>,
  byEmail: ReadonlyMap<string, string>,
): Promise<number> {
  let changed = 0
  for (const [email, fingerprint] of byEmail) {
    const result = await trx
      .updateTable('suppressions')
      .set({
        email_normalised: null,
        suppression_key: sql<string>`${`fp:${fingerprint}:`} || kind || ':' || cast(id as text)`,
      })
      .where('email_normalised', '=', email)
      .executeTakeFirst()
    changed += countOf(result)
  }
  return changed
}

// never swept: the append-only log (it holds no personal values, TESTPLAN T20), the migrations'
// own tables, the privacy tables (hashes only), and tables of the company's own people and texts
// and of orders (keys, dates and amounts; orders are kept, SPEC T23)
const UNSWEPT = new Set([
  'audit_log',
  'users',
  'sessions',
  'settings',
  'templates',
  'orders',
  'kysely_migration',
  'kysely_migration_lock',
  'erased_fingerprints',
  'privacy_key',
  'erasures',
])

/** What to sweep: values identifying on their own, and each customer's other values. */
export interface SweepTarget {
  /** addresses and phone numbers: one person's wherever they appear */
  readonly everywhere: readonly string[]
  /**
   * per customer id, its names and postal addresses: swept only in that customer's rows (a
   * `customer_id` column) and in rows of other tables that name the customer's id or one of the
   * values above (reject reports, job payloads) — another person of the same name is left alone
   */
  readonly byCustomer: ReadonlyMap<string, readonly string[]>
}

/**
 * Replaces the values (case-insensitively) with `[erased]` in every text column of every table:
 * the net under the targeted writes above, for notes, titles, reject reports and tables added
 * later. Returns how many cells changed.
 */
export async function sweepValues(trx: Kysely<Database>, target: SweepTarget): Promise<number> {
  const everywhere = usable(target.everywhere)
  let changed = 0
  for (const table of await trx.introspection.getTables()) {
    if (table.isView || UNSWEPT.has(table.name)) {
      continue
    }
    const linked = table.columns.some((column) => column.name === 'customer_id')
    for (const column of table.columns) {
      if (!/char|text|clob/i.test(column.dataType)) {
        continue
      }
      const cell = { table: table.name, column: column.name }
      if (everywhere.length > 0) {
        changed += await sweepColumn(trx, { ...cell, find: everywhere, replace: everywhere })
      }
      for (const [customerId, values] of target.byCustomer) {
        const own = usable([...values, ...target.everywhere])
        if (own.length === 0) {
          continue
        }
        changed += linked
          ? await sweepColumn(trx, { ...cell, find: own, replace: own, customerId })
          : await sweepColumn(trx, { ...cell, find: [customerId, ...everywhere], replace: own })
      }
    }
  }
  return changed
}

// a value shorter than 4 characters would match inside too many unrelated words
function usable(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value.length >= 4))]
}

async function sweepColumn(
  trx: Kysely<Database>,
  target: {
    table: string
    column: string
    find: readonly string[]
    replace: readonly string[]
    customerId?: string
  },
): Promise<number> {
  if (target.find.length === 0) {
    return 0
  }
  const ref = sql.ref(target.column)
  const like = sql.join(
    target.find.map(
      (value) => sql`lower(${ref}) like ${`%${escapeLike(value.toLowerCase())}%`} escape '\\'`,
    ),
    sql` or `,
  )
  const scope =
    target.customerId === undefined
      ? sql`1 = 1`
      : sql`${sql.ref('customer_id')} = ${target.customerId}`
  const found = await sql<{
    value: string
  }>`select distinct ${ref} as value from ${sql.table(target.table)} where ${scope} and (${like})`.execute(
    trx,
  )
  const pattern = new RegExp(target.replace.map(escapeRegExp).join('|'), 'gi')
  let changed = 0
  for (const { value } of found.rows) {
    const replaced = value.replace(pattern, ERASED)
    if (replaced !== value) {
      const result =
        await sql`update ${sql.table(target.table)} set ${ref} = ${replaced} where ${scope} and ${ref} = ${value}`.execute(
          trx,
        )
      changed += Number(result.numAffectedRows ?? 0n)
    }
  }
  return changed
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}

/** Marks campaign members of the erased contacts as skipped for that reason. */
export async function forgetCampaignContacts(
  trx: Kysely<Database>,
  contactIds: readonly number[],
): Promise<void> {
  if (contactIds.length === 0) {
    return
  }
  await campaignDb(trx)
    .updateTable('campaign_members')
    .set({ skipped: 'erased' })
    .where('contact_id', 'in', [...contactIds])
    .where('outbox_message_id', 'is', null)
    .execute()
}
