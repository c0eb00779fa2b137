import type { Insertable, Selectable } from 'kysely'
import type {
  AccountOwnershipTable,
  AuditLogTable,
  ContactsTable,
  ContractsTable,
  CustomersTable,
  DealsTable,
  IncidentsTable,
  OrdersTable,
  UsersTable,
  WinBackAttemptsTable,
} from '../schema.js'

/** A stored row of each table, as queries return it (snake_case, like the schema). */
export type CustomerRow = Selectable<CustomersTable>
export type UserRow = Selectable<UsersTable>
export type OrderRow = Selectable<OrdersTable>
export type ContactRow = Selectable<ContactsTable>
export type ContractRow = Selectable<ContractsTable>
export type DealRow = Selectable<DealsTable>
export type IncidentRow = Selectable<IncidentsTable>
export type AccountOwnershipRow = Selectable<AccountOwnershipTable>
export type AuditLogRow = Selectable<AuditLogTable>
export type WinBackAttemptRow = Selectable<WinBackAttemptsTable>

/** A row to insert: ids are generated; nullable columns may be left out. */
export type NewCustomer = Omit<Insertable<CustomersTable>, 'created_at'> & {
  /** defaults to now */
  created_at?: string
}
export type NewOrder = Omit<Insertable<OrdersTable>, 'id'>
export type NewContact = Omit<Insertable<ContactsTable>, 'id'>
export type NewContract = Omit<Insertable<ContractsTable>, 'id'>
export type NewDeal = Omit<Insertable<DealsTable>, 'id'>
export type NewIncident = Omit<Insertable<IncidentsTable>, 'id'>
export type NewWinBackAttempt = Omit<Insertable<WinBackAttemptsTable>, 'id'>
