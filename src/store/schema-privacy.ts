import type { Generated } from 'kysely'

/**
 * The tables of privacy (migration 0019-privacy), in the conventions of `schema.ts`. Queries reach
 * them through `privacyDb`, which adds them to `Database`. None of them holds personal values:
 * an erased person is remembered only as keyed hashes (HMAC-SHA-256) of what identified them.
 */

type Timestamp = string

/** One erasure (GDPR Art. 17) of a customer: who did it, when, and what changed, counted. */
export interface ErasuresTable {
  id: Generated<number>
  /** the company's customer key, kept as orders keep it (an account key, not a person's value) */
  customer_id: string
  /** `customer` (an erasure request: the account's people and words) or `contacts` (a purge) */
  scope: string
  erased_at: Timestamp
  actor: string
  /** how many rows each table had changed, as JSON: `{"contacts": 2, …}` */
  counts_json: string
}

/** A keyed hash of something that identified an erased person, so a re-import is recognised. */
export interface ErasedFingerprintsTable {
  /** `HMAC-SHA-256(key, "<kind>:<normalised value>")` in hex */
  fingerprint: string
  /** `email`, `phone` or `contact_key` */
  kind: string
  erasure_id: number
  created_at: Timestamp
}

/** The database's own key for those hashes: one row, made when the migration runs. */
export interface PrivacyKeyTable {
  id: number
  secret_hex: string
}

/** The tables migration 0019 adds (a type alias: `withTables` needs an index-compatible type). */
export type PrivacyTables = {
  erasures: ErasuresTable
  erased_fingerprints: ErasedFingerprintsTable
  privacy_key: PrivacyKeyTable
}
