import type {
  ContactRecord,
  ContractRecord,
  CustomerRecord,
  DealRecord,
  ImportKind,
  IncidentRecord,
  OrderRecord,
  RecordByKind,
} from '../../domain/records.js'
import type { Cell } from './cells.js'

/** The tables an import writes rows into, one per import kind. */
export type ImportedTable =
  | 'orders'
  | 'customers'
  | 'contacts'
  | 'contracts'
  | 'deals'
  | 'incidents'

/**
 * How the records of one import kind map onto their table: the key column an import matches on,
 * the content columns it compares and updates, and how a record turns into those cells.
 */
export interface RecordTable<TKind extends ImportKind> {
  readonly kind: TKind
  readonly table: ImportedTable
  readonly keyColumn: string
  /** compared with the stored row; an update rewrites exactly these */
  readonly contentColumns: readonly string[]
  /** written when a row is created, never compared or updated (`customers.created_at`) */
  readonly insertOnlyColumns: readonly string[]
  keyOf(record: RecordByKind[TKind]): string
  /** the customer the record belongs to, created when unknown; null for customer records */
  customerOf(record: RecordByKind[TKind]): string | null
  ownerEmailOf(record: RecordByKind[TKind]): string | null
  /** the content cells, in `contentColumns` order, with the owner email already resolved */
  contentOf(record: RecordByKind[TKind], ownerId: number | null): Cell[]
  /**
   * Whether a second record with this key in the same import could carry other content: false for
   * orders keyed without an order id, whose key already holds customer, date, amount and count.
   */
  canConflict(record: RecordByKind[TKind]): boolean
}

const flag = (value: boolean): number => (value ? 1 : 0)
const always = (): boolean => true
const noOwner = (): null => null

const ORDERS: RecordTable<'orders'> = {
  kind: 'orders',
  table: 'orders',
  keyColumn: 'order_key',
  contentColumns: ['order_id', 'customer_id', 'ordered_on', 'amount_minor', 'currency', 'status'],
  insertOnlyColumns: [],
  keyOf: (record: OrderRecord) => record.key,
  customerOf: (record: OrderRecord) => record.customerId,
  ownerEmailOf: noOwner,
  contentOf: (record: OrderRecord) => [
    record.orderId,
    record.customerId,
    record.orderedOn,
    record.amountMinor,
    record.currency,
    record.status,
  ],
  canConflict: (record: OrderRecord) => record.orderId !== null,
}

const CUSTOMERS: RecordTable<'customers'> = {
  kind: 'customers',
  table: 'customers',
  keyColumn: 'id',
  contentColumns: ['name', 'segment', 'territory', 'owner_id'],
  insertOnlyColumns: ['created_at'],
  keyOf: (record: CustomerRecord) => record.customerId,
  customerOf: noOwner,
  ownerEmailOf: (record: CustomerRecord) => record.ownerEmail,
  contentOf: (record: CustomerRecord, ownerId) => [
    record.name,
    record.segment,
    record.territory,
    ownerId,
  ],
  canConflict: always,
}

const CONTACTS: RecordTable<'contacts'> = {
  kind: 'contacts',
  table: 'contacts',
  keyColumn: 'contact_key',
  contentColumns: [
    'customer_id',
    'name',
    'email',
    'phone',
    'postal_address',
    'role',
    'has_left',
    'lawful_basis',
    'basis_source',
    'basis_on',
    'consent',
  ],
  insertOnlyColumns: [],
  keyOf: (record: ContactRecord) => record.key,
  customerOf: (record: ContactRecord) => record.customerId,
  ownerEmailOf: noOwner,
  contentOf: (record: ContactRecord) => [
    record.customerId,
    record.name,
    record.email,
    record.phone,
    record.postalAddress,
    record.role,
    flag(record.hasLeft),
    record.lawfulBasis,
    record.basisSource,
    record.basisOn,
    flag(record.consent),
  ],
  canConflict: always,
}

const CONTRACTS: RecordTable<'contracts'> = {
  kind: 'contracts',
  table: 'contracts',
  keyColumn: 'contract_key',
  contentColumns: ['customer_id', 'starts_on', 'ends_on', 'value_minor', 'currency', 'renewed'],
  insertOnlyColumns: [],
  keyOf: (record: ContractRecord) => record.key,
  customerOf: (record: ContractRecord) => record.customerId,
  ownerEmailOf: noOwner,
  contentOf: (record: ContractRecord) => [
    record.customerId,
    record.startsOn,
    record.endsOn,
    record.valueMinor,
    record.currency,
    flag(record.renewed),
  ],
  canConflict: always,
}

const DEALS: RecordTable<'deals'> = {
  kind: 'deals',
  table: 'deals',
  keyColumn: 'deal_key',
  contentColumns: [
    'customer_id',
    'name',
    'stage',
    'status',
    'value_minor',
    'currency',
    'recurring',
    'created_on',
    'closed_on',
    'lost_reason',
    'competitor',
    'next_choice_on',
    'owner_id',
  ],
  insertOnlyColumns: [],
  keyOf: (record: DealRecord) => record.key,
  customerOf: (record: DealRecord) => record.customerId,
  ownerEmailOf: (record: DealRecord) => record.ownerEmail,
  contentOf: (record: DealRecord, ownerId) => [
    record.customerId,
    record.name,
    record.stage,
    record.status,
    record.valueMinor,
    record.currency,
    flag(record.recurring),
    record.createdOn,
    record.closedOn,
    record.lostReason,
    record.competitor,
    record.nextChoiceOn,
    ownerId,
  ],
  canConflict: always,
}

const INCIDENTS: RecordTable<'incidents'> = {
  kind: 'incidents',
  table: 'incidents',
  keyColumn: 'incident_key',
  contentColumns: ['customer_id', 'kind', 'occurred_on', 'cost_minor', 'currency', 'description'],
  insertOnlyColumns: [],
  keyOf: (record: IncidentRecord) => record.key,
  customerOf: (record: IncidentRecord) => record.customerId,
  ownerEmailOf: noOwner,
  contentOf: (record: IncidentRecord) => [
    record.customerId,
    record.kind,
    record.occurredOn,
    record.costMinor,
    record.currency,
    record.description,
  ],
  canConflict: always,
}

/** The table mapping of every import kind. */
export const RECORD_TABLES: { readonly [TKind in ImportKind]: RecordTable<TKind> } = {
  orders: ORDERS,
  customers: CUSTOMERS,
  contacts: CONTACTS,
  contracts: CONTRACTS,
  deals: DEALS,
  incidents: INCIDENTS,
}

/** Every table an import writes, customers first: the others reference them. */
export const IMPORTED_TABLES: readonly ImportedTable[] = [
  'customers',
  'orders',
  'contacts',
  'contracts',
  'deals',
  'incidents',
]
