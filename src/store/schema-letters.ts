import type { Generated } from 'kysely'

/**
 * The tables of letters and meeting invites (migration 0015-letters-invites), in the conventions
 * of `schema.ts`. Queries reach them through `lettersDb`, which adds them to `Database`.
 */

type Timestamp = string

/** One letter produced for one contact (the PDF itself is not kept: it is made again on demand). */
export interface LettersTable {
  id: Generated<number>
  customer_id: string
  contact_id: number
  /** the template version it was rendered from */
  template_id: number
  page_size: string
  campaign_id: number | null
  campaign_member_id: number | null
  created_at: Timestamp
  created_by: string
}

/** A meeting with a customer and its calendar identity: one UID for life, SEQUENCE per change. */
export interface MeetingsTable {
  id: Generated<number>
  uid: string
  sequence: number
  status: string
  customer_id: string
  case_id: number | null
  title: string
  location: string | null
  starts_at: Timestamp
  ends_at: Timestamp
  organiser_user_id: number | null
  organiser_name: string
  organiser_email: string
  attendees_json: string
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
}

/** The tables migration 0015 adds (a type alias: `withTables` needs an index-compatible type). */
export type LettersTables = {
  letters: LettersTable
  meetings: MeetingsTable
}
