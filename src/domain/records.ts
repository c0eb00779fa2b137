/**
 * The typed records an import produces, one per accepted CSV record, before they reach the store.
 * Dates are `YYYY-MM-DD` in the company's time zone; money is integer minor units plus an ISO 4217
 * code; `line` is the physical line where the record starts in its file.
 */

export type ImportKind = 'orders' | 'customers' | 'contacts' | 'contracts' | 'deals' | 'incidents'

export const IMPORT_KINDS: readonly ImportKind[] = [
  'orders',
  'customers',
  'contacts',
  'contracts',
  'deals',
  'incidents',
]

export type OrderStatus = 'placed' | 'cancelled' | 'refunded'
export type ContactRole = 'decision_maker' | 'buyer' | 'user' | 'other'
export type DealStatus = 'open' | 'won' | 'lost'

/**
 * `key` identifies the order for idempotent re-import: `id:<order id>` when the file has one,
 * otherwise `k:<customer>|<date>|<amountMinor>|<n>` with n counting identical rows in the file (SPEC).
 */
export interface OrderRecord {
  readonly line: number
  readonly key: string
  readonly orderId: string | null
  readonly customerId: string
  readonly orderedOn: string
  readonly amountMinor: number
  readonly currency: string
  readonly status: OrderStatus
}

export interface CustomerRecord {
  readonly line: number
  readonly customerId: string
  readonly name: string | null
  readonly segment: string | null
  readonly territory: string | null
  readonly ownerEmail: string | null
}

export interface ContactRecord {
  readonly line: number
  readonly key: string
  readonly customerId: string
  readonly name: string | null
  readonly email: string | null
  readonly phone: string | null
  readonly postalAddress: string | null
  readonly role: ContactRole
  readonly hasLeft: boolean
  readonly lawfulBasis: string | null
  readonly basisSource: string | null
  readonly basisOn: string | null
  readonly consent: boolean
}

export interface ContractRecord {
  readonly line: number
  readonly key: string
  readonly customerId: string
  readonly startsOn: string
  readonly endsOn: string
  readonly valueMinor: number
  readonly currency: string
  readonly renewed: boolean
}

export interface DealRecord {
  readonly line: number
  readonly key: string
  readonly customerId: string
  readonly name: string | null
  readonly stage: string | null
  readonly status: DealStatus
  readonly valueMinor: number
  readonly currency: string
  readonly recurring: boolean
  readonly createdOn: string | null
  readonly closedOn: string | null
  readonly lostReason: string | null
  readonly competitor: string | null
  readonly nextChoiceOn: string | null
  readonly ownerEmail: string | null
}

export interface IncidentRecord {
  readonly line: number
  readonly key: string
  readonly customerId: string
  readonly kind: string
  readonly occurredOn: string
  readonly costMinor: number
  readonly currency: string
  readonly description: string | null
}

export interface RecordByKind {
  orders: OrderRecord
  customers: CustomerRecord
  contacts: ContactRecord
  contracts: ContractRecord
  deals: DealRecord
  incidents: IncidentRecord
}

/** A record that could not be accepted, reported at the physical line where it starts. */
export interface RejectedRecord {
  readonly line: number
  readonly field: string | null
  readonly code: RejectCode
  readonly message: string
  readonly raw: string
}

export type RejectCode =
  | 'unterminated_quote'
  | 'wrong_field_count'
  | 'invalid_utf8'
  | 'missing_value'
  | 'bad_date'
  | 'bad_amount'
  | 'bad_email'
  | 'bad_value'
  | 'wrong_currency'
  | 'duplicate_key_conflict'

/** What happened to the records of one import; the four outcomes add up to `read`. */
export interface ImportCounts {
  readonly read: number
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly rejected: number
}
