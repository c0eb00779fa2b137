import type { Insertable, Selectable } from 'kysely'
import type { PrivacyCutoffs } from '../../domain/privacy.js'
import type { OutboxMessagesTable } from '../schema-outreach.js'
import { campaignDb } from './campaigns.js'
import { lawfulContact } from './privacy.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/**
 * The outbox's state changes, each one conditional UPDATE on the status it expects (TESTPLAN T8):
 * two senders can never both claim a message, and a late answer never overwrites a recovery.
 */

/** One stored outbox message. */
export type OutboxRow = Selectable<OutboxMessagesTable>

/** What queueing a message stores; it starts `queued`. */
export type NewOutboxMessage = Omit<
  Insertable<OutboxMessagesTable>,
  'id' | 'status' | 'queued_at' | 'claimed_at' | 'finished_at' | 'smtp_message_id' | 'error'
>

/**
 * Queues a message and returns its id. A second message with the same `idempotency_key` queues
 * nothing: the first one's id comes back with `created: false`.
 */
export async function insertOutboxMessage(
  target: Queryable,
  message: NewOutboxMessage,
): Promise<{ id: number; created: boolean }> {
  const db = dbOf(target)
  const row = await db
    .insertInto('outbox_messages')
    .values({ ...message, status: 'queued', queued_at: nowTimestamp() })
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (row !== undefined) {
    return { id: Number(row.id), created: true }
  }
  const existing = await db
    .selectFrom('outbox_messages')
    .select('id')
    .where('idempotency_key', '=', message.idempotency_key ?? '')
    .executeTakeFirstOrThrow()
  return { id: Number(existing.id), created: false }
}

/** The ids of up to `limit` queued messages, oldest first. */
export async function nextQueuedIds(target: Queryable, limit: number): Promise<number[]> {
  const rows = await dbOf(target)
    .selectFrom('outbox_messages')
    .select('id')
    .where('status', '=', 'queued')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((row) => Number(row.id))
}

/**
 * Claims a queued message for sending, in one statement that also checks suppression and the
 * lawful basis (issue 6 part 5: "in the same step as the send"; TESTPLAN T22): it moves to
 * `sending` only when it is still queued, neither its address nor its contact is suppressed, and
 * its contact (if any) may be written to at `lawfulAt`. Returns whether this caller holds it now.
 */
export async function claimOutboxMessage(
  target: Queryable,
  claim: {
    readonly id: number
    readonly fromAddress: string
    readonly at: string
    /** the lawful-basis windows' cutoffs at the moment of sending */
    readonly lawfulAt: PrivacyCutoffs
  },
): Promise<boolean> {
  const update = dbOf(target)
    .updateTable('outbox_messages')
    .set({ status: 'sending', claimed_at: claim.at, from_address: claim.fromAddress })
    .where('id', '=', claim.id)
    .where('status', '=', 'queued')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('suppressions as s')
            .select('s.id')
            .where(({ eb, or, ref }) =>
              or([
                eb('s.email_normalised', '=', ref('outbox_messages.to_normalised')),
                eb('s.contact_id', '=', ref('outbox_messages.contact_id')),
              ]),
            ),
        ),
      ),
    )
    .where(({ or, eb, exists, selectFrom }) =>
      or([
        eb('outbox_messages.contact_id', 'is', null),
        exists(
          selectFrom('contacts as lc')
            .select('lc.id')
            .whereRef('lc.id', '=', 'outbox_messages.contact_id')
            .where(lawfulContact('lc', claim.lawfulAt)),
        ),
      ]),
    )
  const result = await update.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Moves a message from `from` to `to` with the given details; false when it was not in `from`. */
export async function moveOutboxMessage(
  target: Queryable,
  change: {
    readonly id: number
    readonly from: string
    readonly to: string
    readonly at: string
    readonly smtpMessageId?: string | null
    readonly error?: string | null
  },
): Promise<boolean> {
  const result = await dbOf(target)
    .updateTable('outbox_messages')
    .set({
      status: change.to,
      finished_at: change.at,
      smtp_message_id: change.smtpMessageId ?? null,
      error: change.error ?? null,
    })
    .where('id', '=', change.id)
    .where('status', '=', change.from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Turns messages left `sending` since before `claimedBefore` into `unknown`: the sender died
 * between the claim and recording the SMTP answer, so the message may or may not have gone.
 * Returns how many. They are never queued again by this (TESTPLAN T8).
 */
export async function markStaleSendingUnknown(
  target: Queryable,
  claimedBefore: string,
): Promise<number> {
  const result = await dbOf(target)
    .updateTable('outbox_messages')
    .set({
      status: 'unknown',
      finished_at: nowTimestamp(),
      error: 'the sender stopped before the SMTP server answered: check before sending again',
    })
    .where('status', '=', 'sending')
    .where('claimed_at', '<=', claimedBefore)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** One message by id, or undefined. */
export async function getOutboxMessage(
  target: Queryable,
  id: number,
): Promise<OutboxRow | undefined> {
  return dbOf(target)
    .selectFrom('outbox_messages')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Messages newest first, optionally of one status or customer, a page at a time. */
export async function listOutboxMessages(
  target: Queryable,
  filter: {
    readonly status?: string
    /** only messages to customers these users own (null or absent: every customer) */
    readonly ownerIds?: readonly number[] | null
    /** only the messages one campaign's launch queued */
    readonly campaignId?: number
    readonly limit: number
    readonly offset: number
  },
): Promise<OutboxRow[]> {
  let query = dbOf(target).selectFrom('outbox_messages').selectAll()
  if (filter.status !== undefined) {
    query = query.where('status', '=', filter.status)
  }
  const campaignId = filter.campaignId
  if (campaignId !== undefined) {
    query = query.where('id', 'in', () =>
      campaignDb(target)
        .selectFrom('campaign_members')
        .select('outbox_message_id')
        .where('campaign_id', '=', campaignId)
        .where('outbox_message_id', 'is not', null),
    )
  }
  const owners = filter.ownerIds
  if (owners !== undefined && owners !== null) {
    query = query.where('customer_id', 'in', (eb) =>
      eb
        .selectFrom('customers')
        .select('customers.id')
        .where('customers.owner_id', 'in', [...owners, -1]),
    )
  }
  return query.orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute()
}

/** How many messages are in each status. */
export async function countOutboxByStatus(target: Queryable): Promise<Record<string, number>> {
  const rows = await dbOf(target)
    .selectFrom('outbox_messages')
    .select(({ fn }) => ['status', fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute()
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]))
}

/** Who a message to one contact goes to, with what its merge fields and access checks need. */
export interface OutreachRecipient {
  readonly contactId: number
  readonly customerId: string
  readonly customerName: string | null
  readonly ownerId: number | null
  readonly ownerName: string | null
  readonly name: string | null
  readonly email: string | null
  readonly hasLeft: boolean
  readonly lawfulBasis: string | null
  readonly consent: boolean
  readonly addressFlag: string | null
}

/** The contact `contactId` (visible rows only) with its customer and owner, or undefined. */
export async function readOutreachRecipient(
  target: Queryable,
  contactId: number,
): Promise<OutreachRecipient | undefined> {
  const row = await dbOf(target)
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
      'c.has_left',
      'c.lawful_basis',
      'c.consent',
      'c.address_flag',
    ])
    .where('c.id', '=', contactId)
    .executeTakeFirst()
  if (row === undefined) {
    return undefined
  }
  return {
    contactId: Number(row.id),
    customerId: row.customer_id,
    customerName: row.customer_name,
    ownerId: row.owner_id === null ? null : Number(row.owner_id),
    ownerName: row.owner_name,
    name: row.name,
    email: row.email,
    hasLeft: Number(row.has_left) === 1,
    lawfulBasis: row.lawful_basis,
    consent: Number(row.consent) === 1,
    addressFlag: row.address_flag,
  }
}
