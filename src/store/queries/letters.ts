import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database } from '../schema.js'
import type { LettersTable, LettersTables } from '../schema-letters.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/** The database with migration 0015's tables, on the same connection or transaction. */
export function lettersDb(target: Queryable): Kysely<Database & LettersTables> {
  return dbOf(target).withTables<LettersTables>()
}

export type LetterRow = Selectable<LettersTable>
export type NewLetter = Omit<Insertable<LettersTable>, 'id' | 'created_at'>

/** Logs one letter produced; returns its id. */
export async function insertLetter(target: Queryable, letter: NewLetter): Promise<number> {
  const row = await lettersDb(target)
    .insertInto('letters')
    .values({ ...letter, created_at: nowTimestamp() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** The letters of one campaign, oldest first. */
export async function listCampaignLetters(
  target: Queryable,
  campaignId: number,
): Promise<LetterRow[]> {
  return lettersDb(target)
    .selectFrom('letters')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .execute()
}

/** A contact as letters and invites need it: postal address, email, and the account's owner. */
export interface CustomerContactLine {
  readonly contactId: number
  readonly customerId: string
  readonly customerName: string | null
  readonly ownerId: number | null
  readonly ownerName: string | null
  readonly name: string | null
  readonly email: string | null
  readonly postalAddress: string | null
  readonly role: string
  readonly hasLeft: boolean
  readonly lawfulBasis: string | null
  readonly consent: boolean
}

// a few hundred ids a statement keeps under SQLite's and PostgreSQL's bound-parameter limits
const CHUNK = 500

/** The contacts (visible rows) of `customerIds`, decision makers first, then by id. */
export async function readCustomerContacts(
  target: Queryable,
  customerIds: readonly string[],
): Promise<CustomerContactLine[]> {
  const lines: CustomerContactLine[] = []
  for (let start = 0; start < customerIds.length; start += CHUNK) {
    const rows = await dbOf(target)
      .selectFrom('visible_contacts as c')
      .innerJoin('visible_customers as cu', 'cu.id', 'c.customer_id')
      .leftJoin('users as u', 'u.id', 'cu.owner_id')
      .select([
        'c.id',
        'c.customer_id',
        'cu.name as customer_name',
        'cu.owner_id',
        'u.name as owner_name',
        'c.name',
        'c.email',
        'c.postal_address',
        'c.role',
        'c.has_left',
        'c.lawful_basis',
        'c.consent',
      ])
      .where('c.customer_id', 'in', customerIds.slice(start, start + CHUNK))
      .orderBy('c.id')
      .execute()
    for (const row of rows) {
      lines.push({
        contactId: Number(row.id),
        customerId: row.customer_id,
        customerName: row.customer_name,
        ownerId: row.owner_id === null ? null : Number(row.owner_id),
        ownerName: row.owner_name,
        name: row.name,
        email: row.email,
        postalAddress: row.postal_address,
        role: row.role,
        hasLeft: Number(row.has_left) === 1,
        lawfulBasis: row.lawful_basis,
        consent: Number(row.consent) === 1,
      })
    }
  }
  const rank = (line: CustomerContactLine) => (line.role === 'decision_maker' ? 0 : 1)
  return lines.sort((a, b) => rank(a) - rank(b) || a.contactId - b.contactId)
}
