import type { ColumnType, Generated } from 'kysely'
import type {
  CaseEventsTable,
  CaseReasonsTable,
  CaseRepsTable,
  CaseRuleOverridesTable,
  CasesTable,
  FixesTable,
  ReasonPhrasesTable,
  ReasonsTable,
  ResurfacedLossesTable,
  TasksTable,
} from './schema-cases.js'
import type {
  OutboxMessagesTable,
  SuppressionsTable,
  TemplatesTable,
  TouchesTable,
} from './schema-outreach.js'
import type { WinBackModelsTable } from './schema-win-back.js'

/**
 * The tables of one company's Comeback database, as Kysely sees them. The same schema runs on
 * SQLite and PostgreSQL, so it keeps to types both share: dates are `YYYY-MM-DD` text, timestamps
 * ISO 8601 UTC text, booleans 0/1 integers, money integer minor units beside a currency code.
 * Rows written by an import carry its `import_id` and stay invisible until that import is
 * committed: readers go through the `visible_*` views (SPEC: publishing an import).
 */
export interface Database {
  settings: SettingsTable
  users: UsersTable
  customers: CustomersTable
  account_ownership: AccountOwnershipTable
  contacts: ContactsTable
  orders: OrdersTable
  contracts: ContractsTable
  deals: DealsTable
  incidents: IncidentsTable
  imports: ImportsTable
  import_pending_updates: ImportPendingUpdatesTable
  rejected_rows: RejectedRowsTable
  win_back_attempts: WinBackAttemptsTable
  audit_log: AuditLogTable
  analysis_runs: AnalysisRunsTable
  customer_scores: CustomerScoresTable
  deal_scores: DealScoresTable
  sessions: SessionsTable
  login_failures: LoginFailuresTable
  totp_credentials: TotpCredentialsTable
  recovery_codes: RecoveryCodesTable
  reasons: ReasonsTable
  reason_phrases: ReasonPhrasesTable
  cases: CasesTable
  case_reps: CaseRepsTable
  case_reasons: CaseReasonsTable
  case_events: CaseEventsTable
  case_rule_overrides: CaseRuleOverridesTable
  fixes: FixesTable
  resurfaced_losses: ResurfacedLossesTable
  tasks: TasksTable
  win_back_models: WinBackModelsTable
  templates: TemplatesTable
  suppressions: SuppressionsTable
  outbox_messages: OutboxMessagesTable
  touches: TouchesTable
  visible_customers: CustomersTable
  visible_contacts: ContactsTable
  visible_orders: OrdersTable
  visible_contracts: ContractsTable
  visible_deals: DealsTable
  visible_incidents: IncidentsTable
}

type Timestamp = string
type IsoDate = string
type Flag = 0 | 1

/** Business rules an admin edits (thresholds, currency, time zone …), one JSON value per key. */
export interface SettingsTable {
  key: string
  value_json: string
  updated_at: Timestamp
  updated_by: string | null
}

export type UserRole = 'admin' | 'vp' | 'manager' | 'rep' | 'analyst'

export interface UsersTable {
  id: Generated<number>
  email: string
  name: string
  role: UserRole
  /** the user's manager; defines teams */
  manager_id: number | null
  started_on: IsoDate
  /** base commission rate as a fraction (0.05 = 5 %), for bounty multipliers */
  base_commission_rate: ColumnType<number, number | undefined, number>
  active: ColumnType<Flag, Flag | undefined, Flag>
  password_hash: string | null
  created_at: Timestamp
}

/** An account that bought, or the prospect of a deal; `id` is the company's own customer key. */
export interface CustomersTable {
  id: string
  name: string | null
  segment: string | null
  territory: string | null
  owner_id: number | null
  created_at: Timestamp
  import_id: number | null
}

/** Who owned an account when: one row per owner spell, `to_date` null while it lasts. */
export interface AccountOwnershipTable {
  id: Generated<number>
  customer_id: string
  user_id: number
  from_date: IsoDate
  to_date: IsoDate | null
}

export interface ContactsTable {
  id: Generated<number>
  contact_key: string
  customer_id: string
  name: string | null
  email: string | null
  phone: string | null
  postal_address: string | null
  role: string
  has_left: Flag
  lawful_basis: string | null
  basis_source: string | null
  basis_on: IsoDate | null
  consent: Flag
  import_id: number | null
  /** set by a bounce: `old_address` (find the current decision maker); migration 0011 */
  address_flag: ColumnType<string | null, string | null | undefined, string | null>
}

export interface OrdersTable {
  id: Generated<number>
  /** `id:<order id>` or `k:<customer>|<date>|<amount>|<n>` (SPEC: files without an order id) */
  order_key: string
  order_id: string | null
  customer_id: string
  ordered_on: IsoDate
  amount_minor: number
  currency: string
  status: 'placed' | 'cancelled' | 'refunded'
  import_id: number | null
}

export interface ContractsTable {
  id: Generated<number>
  contract_key: string
  customer_id: string
  starts_on: IsoDate
  ends_on: IsoDate
  value_minor: number
  currency: string
  renewed: Flag
  import_id: number | null
}

export interface DealsTable {
  id: Generated<number>
  deal_key: string
  customer_id: string
  name: string | null
  stage: string | null
  status: 'open' | 'won' | 'lost'
  value_minor: number
  currency: string
  recurring: Flag
  created_on: IsoDate | null
  closed_on: IsoDate | null
  lost_reason: string | null
  competitor: string | null
  /** when the prospect next chooses a supplier */
  next_choice_on: IsoDate | null
  owner_id: number | null
  import_id: number | null
}

export interface IncidentsTable {
  id: Generated<number>
  incident_key: string
  customer_id: string
  kind: string
  occurred_on: IsoDate
  cost_minor: number
  currency: string
  description: string | null
  import_id: number | null
}

export type ImportStatus = 'running' | 'committed' | 'failed'

/** One row per import, with its counts; `file_sha256` makes a concurrent second upload a conflict. */
export interface ImportsTable {
  id: Generated<number>
  kind: string
  file_name: string
  file_sha256: string
  status: ImportStatus
  actor: string
  started_at: Timestamp
  heartbeat_at: Timestamp
  finished_at: Timestamp | null
  read_count: number
  inserted_count: number
  updated_count: number
  unchanged_count: number
  rejected_count: number
  rejects_file: string | null
  error: string | null
}

/** Changes to rows that existed before an import, applied in its one publishing transaction. */
export interface ImportPendingUpdatesTable {
  id: Generated<number>
  import_id: number
  table_name: string
  row_key: string
  values_json: string
}

export interface RejectedRowsTable {
  id: Generated<number>
  import_id: number
  line: number
  field: string | null
  code: string
  message: string
  raw: string
}

/** Past win-back attempts (from the demo company or history), before cases existed. */
export interface WinBackAttemptsTable {
  id: Generated<number>
  customer_id: string
  started_on: IsoDate
  ended_on: IsoDate | null
  outcome: 'won_back' | 'not_compatible' | 'let_go' | 'no_response'
  reason_code: string | null
  owner_id: number | null
  notes: string | null
}

/** Append-only: who did what to which object; never personal values (TESTPLAN T20). */
export interface AuditLogTable {
  id: Generated<number>
  at: Timestamp
  actor: string
  via: 'cli' | 'api' | 'job'
  action: string
  object_type: string
  object_id: string | null
  fields_json: string | null
  request_id: string | null
}

/** One signed-in browser; only the sha-256 of its cookie token is kept (migration 0003-auth). */
export interface SessionsTable {
  token_hash: string
  user_id: number
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
  /** when this session passed the second factor; null until then */
  second_factor_at: Timestamp | null
}

/** One failed sign-in, keyed by a hash of the normalised email (the login rate limit). */
export interface LoginFailuresTable {
  id: Generated<number>
  account_key: string
  failed_at: Timestamp
}

/** A user's TOTP secret; `confirmed_at` null while enrolment awaits its first code. */
export interface TotpCredentialsTable {
  user_id: number
  secret_base32: string
  created_at: Timestamp
  confirmed_at: Timestamp | null
  last_used_step: number | null
}

/** One-time recovery codes for the second factor, kept as sha-256 hashes. */
export interface RecoveryCodesTable {
  id: Generated<number>
  user_id: number
  code_hash: string
  used_at: Timestamp | null
}

/** One analyze run: its as-of date, the model it chose and why, fit and validation (JSON). */
export interface AnalysisRunsTable {
  id: Generated<number>
  as_of: IsoDate
  time_unit: 'day' | 'week'
  model_requested: string
  /** null when no model could be fitted and the rules decided alone */
  model: string | null
  params_json: string | null
  fit_json: string | null
  validation_json: string | null
  choice_reason: string
  notes_json: string
  settings_json: string
  currency: string
  customer_count: number
  status_counts_json: string
  created_at: Timestamp
  actor: string
}

/** What one run concluded about one customer: status and its rule, scores, one explanation. */
export interface CustomerScoresTable {
  run_id: number
  customer_id: string
  status: 'active' | 'at_risk' | 'lapsed' | 'lost'
  status_rule: string
  lost_since: IsoDate | null
  p_alive: number | null
  /** expected orders in the won-back horizon (12 months by default) */
  expected_orders: number | null
  expected_next_order: IsoDate | null
  overdue_days: number | null
  first_order_on: IsoDate | null
  last_order_on: IsoDate | null
  purchase_days: number
  historical_value_minor: number
  value_if_won_back_minor: number
  clv_minor: number | null
  win_back_probability: number
  expected_value_minor: number
  explanation: string
}

/** What one run concluded about one lost deal (a failed sale). */
export interface DealScoresTable {
  run_id: number
  deal_id: number
  customer_id: string
  value_if_won_back_minor: number
  win_back_probability: number
  expected_value_minor: number
  explanation: string
}
