import type { Insertable, Selectable } from 'kysely'
import type { MeetingsTable } from '../schema-letters.js'
import { lettersDb } from './letters.js'
import { nowTimestamp, type Queryable } from './queryable.js'

export type MeetingRow = Selectable<MeetingsTable>
export type NewMeeting = Omit<
  Insertable<MeetingsTable>,
  'id' | 'sequence' | 'status' | 'created_at' | 'updated_at'
>

/** What a change of a meeting may set. */
export interface MeetingChanges {
  readonly title?: string
  readonly location?: string | null
  readonly starts_at?: string
  readonly ends_at?: string
  readonly attendees_json?: string
  readonly status?: 'scheduled' | 'cancelled'
}

/** Stores a new meeting at SEQUENCE 0, scheduled. */
export async function insertMeeting(target: Queryable, meeting: NewMeeting): Promise<MeetingRow> {
  const now = nowTimestamp()
  return lettersDb(target)
    .insertInto('meetings')
    .values({ ...meeting, sequence: 0, status: 'scheduled', created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** One meeting, or undefined. */
export async function getMeeting(target: Queryable, id: number): Promise<MeetingRow | undefined> {
  return lettersDb(target)
    .selectFrom('meetings')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

/** A customer's meetings, soonest first. */
export async function listMeetings(target: Queryable, customerId: string): Promise<MeetingRow[]> {
  return lettersDb(target)
    .selectFrom('meetings')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute()
}

/**
 * Applies `changes` and raises SEQUENCE by one, only while the meeting is still at
 * `expectedSequence` and scheduled: two concurrent changes can never both land on the same
 * SEQUENCE (RFC 5545 §3.8.7.4 wants it raised once per revision). Returns the row, or undefined
 * when someone else changed or cancelled it first.
 */
export async function reviseMeeting(
  target: Queryable,
  revision: { id: number; expectedSequence: number; changes: MeetingChanges },
): Promise<MeetingRow | undefined> {
  return lettersDb(target)
    .updateTable('meetings')
    .set({
      ...revision.changes,
      sequence: revision.expectedSequence + 1,
      updated_at: nowTimestamp(),
    })
    .where('id', '=', revision.id)
    .where('sequence', '=', revision.expectedSequence)
    .where('status', '=', 'scheduled')
    .returningAll()
    .executeTakeFirst()
}
