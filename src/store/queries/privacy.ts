import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { PrivacyCutoffs } from '../../domain/privacy.js'
import type { Database } from '../schema.js'
import type { PrivacyTables } from '../schema-privacy.js'
import { dbOf, type Queryable } from './queryable.js'

/**
 * Privacy's queries: the lawful-basis rule in SQL (the same rule as `outreachRefusal` in
 * `domain/privacy.ts`), the erasure log and the keyed hashes of erased people.
 */

/** The database with migration 0019's tables, on the same connection or transaction. */
export function privacyDb(target: Queryable): Kysely<Database & PrivacyTables> {
  return dbOf(target).withTables<PrivacyTables>()
}

// the customer's newest order: any visible order, whatever its status, is a sign of the relationship
const lastOrderOf = (customer: RawBuilder<unknown>) =>
  sql`(select max(o.ordered_on) from visible_orders o where o.customer_id = ${customer})`

/**
 * Whether the contact row `alias` was last evidenced (the later of its basis date and its
 * customer's newest order) before `cutoff`; false when neither date is known.
 */
export function lastEvidenceBefore(
  alias: string,
  cutoff: string | RawBuilder<string>,
): RawBuilder<boolean> {
  const basisOn = sql.ref(`${alias}.basis_on`)
  const lastOrder = lastOrderOf(sql.ref(`${alias}.customer_id`))
  return sql<boolean>`((${basisOn} is not null or ${lastOrder} is not null) and coalesce(${basisOn}, '') < ${cutoff} and coalesce(${lastOrder}, '') < ${cutoff})`
}

/**
 * Whether the contact row `alias` may be written to at `cutoffs`: a lawful basis, consent when
 * the basis is consent, within retention, and within CASL's implied-consent window unless the
 * basis is express consent.
 */
export function lawfulContact(alias: string, cutoffs: PrivacyCutoffs): RawBuilder<boolean> {
  const basis = sql`lower(trim(${sql.ref(`${alias}.lawful_basis`)}))`
  const consent = sql.ref(`${alias}.consent`)
  // one look at the evidence, against the cutoff that binds: retention for express consent, the
  // later of the two for any other basis (past retention is also past the implied window then)
  const otherBasis =
    [cutoffs.impliedBefore, cutoffs.retainedBefore].sort()[1] ?? cutoffs.impliedBefore
  const cutoff = sql<string>`(case when ${basis} = 'consent' then ${cutoffs.retainedBefore} else ${otherBasis} end)`
  return sql<boolean>`(${basis} is not null and ${basis} <> '' and (${basis} <> 'consent' or ${consent} = 1) and not ${lastEvidenceBefore(alias, cutoff)})`
}

/** What the lawful-basis rule reads about one contact. */
export interface ContactBasisRow {
  readonly lawfulBasis: string | null
  readonly consent: boolean
  readonly basisOn: string | null
  readonly lastOrderOn: string | null
}

/** The basis facts of contact `contactId`, or undefined when there is no such contact. */
export async function readContactBasis(
  target: Queryable,
  contactId: number,
): Promise<ContactBasisRow | undefined> {
  const row = await dbOf(target)
    .selectFrom('contacts as c')
    .select([
      'c.lawful_basis',
      'c.consent',
      'c.basis_on',
      sql<string | null>`${lastOrderOf(sql.ref('c.customer_id'))}`.as('last_order_on'),
    ])
    .where('c.id', '=', contactId)
    .executeTakeFirst()
  return row === undefined
    ? undefined
    : {
        lawfulBasis: row.lawful_basis,
        consent: Number(row.consent) === 1,
        basisOn: row.basis_on,
        lastOrderOn: row.last_order_on,
      }
}

/**
 * Fails a queued message whose contact may not be written to at `cutoffs`, in one conditional
 * UPDATE (it stays queued when the contact is lawful after all). Returns whether it was failed.
 */
export async function failUnlawfulOutboxMessage(
  target: Queryable,
  change: {
    readonly id: number
    readonly at: string
    readonly cutoffs: PrivacyCutoffs
    readonly error: string
  },
): Promise<boolean> {
  const result = await dbOf(target)
    .updateTable('outbox_messages')
    .set({ status: 'failed', finished_at: change.at, error: change.error })
    .where('id', '=', change.id)
    .where('status', '=', 'queued')
    .where('contact_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('contacts as c')
            .select('c.id')
            .whereRef('c.id', '=', 'outbox_messages.contact_id')
            .where(lawfulContact('c', change.cutoffs)),
        ),
      ),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * The contacts past retention at `cutoffs` that still hold personal values (the purge's work),
 * up to `limit`, in id order.
 */
export async function contactsPastRetention(
  target: Queryable,
  page: { readonly cutoffs: PrivacyCutoffs; readonly limit: number },
): Promise<{ id: number; customerId: string }[]> {
  const rows = await dbOf(target)
    .selectFrom('contacts as c')
    .select(['c.id', 'c.customer_id'])
    .where(lastEvidenceBefore('c', page.cutoffs.retainedBefore))
    .where((eb) =>
      eb.or([
        eb('c.name', 'is not', null),
        eb('c.email', 'is not', null),
        eb('c.phone', 'is not', null),
        eb('c.postal_address', 'is not', null),
      ]),
    )
    .orderBy('c.id')
    .limit(page.limit)
    .execute()
  return rows.map((row) => ({ id: Number(row.id), customerId: row.customer_id }))
}

/**
 * The customers among `customerIds` with at least one contact and none that is within retention
 * (so none a campaign could reach).
 */
export async function customersPastRetention(
  target: Queryable,
  customerIds: readonly string[],
  cutoffs: PrivacyCutoffs,
): Promise<Set<string>> {
  const found = new Set<string>()
  for (let start = 0; start < customerIds.length; start += 500) {
    const rows = await dbOf(target)
      .selectFrom('visible_contacts as c')
      .select('c.customer_id')
      .where('c.customer_id', 'in', customerIds.slice(start, start + 500))
      .groupBy('c.customer_id')
      .having(
        sql<boolean>`sum(case when ${lastEvidenceBefore('c', cutoffs.retainedBefore)} then 0 else 1 end) = 0`,
      )
      .execute()
    for (const row of rows) {
      found.add(row.customer_id)
    }
  }
  return found
}

/** The database's key for erased people's hashes (made by migration 0019). */
export async function readPrivacyKey(target: Queryable): Promise<Buffer> {
  const row = await privacyDb(target)
    .selectFrom('privacy_key')
    .select('secret_hex')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return Buffer.from(row.secret_hex, 'hex')
}

/** Records an erasure and returns its id. */
export async function insertErasure(
  target: Queryable,
  row: {
    customerId: string
    scope: 'customer' | 'contacts'
    at: string
    actor: string
    counts: Record<string, number>
  },
): Promise<number> {
  const inserted = await privacyDb(target)
    .insertInto('erasures')
    .values({
      customer_id: row.customerId,
      scope: row.scope,
      erased_at: row.at,
      actor: row.actor,
      counts_json: JSON.stringify(row.counts),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(inserted.id)
}

/** Keeps fingerprints of an erasure; one already kept is left as it is. */
export async function insertFingerprints(
  target: Queryable,
  rows: readonly { fingerprint: string; kind: string; erasureId: number; at: string }[],
): Promise<void> {
  for (const row of rows) {
    await privacyDb(target)
      .insertInto('erased_fingerprints')
      .values({
        fingerprint: row.fingerprint,
        kind: row.kind,
        erasure_id: row.erasureId,
        created_at: row.at,
      })
      .onConflict((conflict) => conflict.column('fingerprint').doNothing())
      .execute()
  }
}

/** The fingerprints among `fingerprints` that belong to erased people. */
export async function knownFingerprints(
  target: Queryable,
  fingerprints: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>()
  for (let start = 0; start < fingerprints.length; start += 500) {
    const rows = await privacyDb(target)
      .selectFrom('erased_fingerprints')
      .select('fingerprint')
      .where('fingerprint', 'in', fingerprints.slice(start, start + 500))
      .execute()
    for (const row of rows) {
      found.add(row.fingerprint)
    }
  }
  return found
}

/** The customer ids that were ever erased as a whole (not contacts purged for retention). */
export async function erasedCustomerIds(target: Queryable): Promise<string[]> {
  const rows = await privacyDb(target)
    .selectFrom('erasures')
    .select('customer_id')
    .distinct()
    .where('scope', '=', 'customer')
    .execute()
  return rows.map((row) => row.customer_id)
}

/** Stores what an erasure changed, counted by table. */
export async function setErasureCounts(
  target: Queryable,
  erasureId: number,
  counts: Record<string, number>,
): Promise<void> {
  await privacyDb(target)
    .updateTable('erasures')
    .set({ counts_json: JSON.stringify(counts) })
    .where('id', '=', erasureId)
    .execute()
}
