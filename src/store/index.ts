// the store's public surface: other layers import only from here (STYLE 2.2)
export type {
  BatchOutcome,
  BeginImportInput,
  ImportSession,
  RecoverImportsOptions,
} from './imports/index.js'
export { beginImport, DEFAULT_STALE_AFTER_MS, recoverImports } from './imports/index.js'
export { MIGRATIONS } from './migrations/index.js'
export type { StoreDialect, StoreMigration } from './migrations/store-migration.js'
export { addIdColumn, createVisibleView } from './migrations/store-migration.js'
// the win-back program's tables (outreach, make-goods, plans, keep, privacy, jobs) have their own file
export * from './program-surface.js'
export type { OwnershipSpell } from './queries/account-ownership.js'
export { ownershipHistory, setAccountOwner } from './queries/account-ownership.js'
export type {
  ContractEnd,
  LostDealRow,
  OrderDayRow,
  OrderSpan,
} from './queries/analysis.js'
export {
  readDeals,
  readLatestContracts,
  readOrderSpan,
  streamOrderDays,
} from './queries/analysis.js'
export type {
  CustomerScoreRow,
  DealScoreRow,
  LostCustomerScore,
  LostDealScore,
  NewAnalysisRun,
} from './queries/analysis-runs.js'
export {
  readLatestAnalysisRun,
  readLostCustomerScores,
  readLostDealScores,
  writeAnalysisRun,
} from './queries/analysis-runs.js'
export type { AuditEntry, AuditLogFilter } from './queries/audit.js'
export { appendAudit, auditTrail, readAuditLog } from './queries/audit.js'
export {
  insertContacts,
  insertContracts,
  insertCustomers,
  insertDeals,
  insertIncidents,
  insertOrders,
  insertWinBackAttempts,
} from './queries/bulk-insert.js'
export type { CaseChanges, CaseFilter, CaseRow, NewCase } from './queries/cases.js'
export {
  countCasesOf,
  getCaseRow,
  insertCase,
  listCaseRows,
  readCustomerNames,
  readPastAttempts,
  updateCaseVersioned,
} from './queries/cases.js'
export type {
  CaseEventRow,
  CaseReasonLine,
  CaseRepLine,
  CaseRuleOverrideRow,
  NewCaseEvent,
} from './queries/cases-details.js'
export {
  insertCaseEvent,
  insertRuleOverride,
  listCaseEvents,
  listCaseReasons,
  listCaseReps,
  listRuleOverrides,
  setCaseReasons,
  setCaseReps,
} from './queries/cases-details.js'
export type {
  CaseLossLine,
  CustomerBasics,
  LatestStatus,
  LostDealLine,
} from './queries/cases-losses.js'
export {
  ownerOnDate,
  readCaseLosses,
  readCustomerBasics,
  readLatestStatuses,
  readLostDeals,
  revenueInYearBefore,
} from './queries/cases-losses.js'
export type { CustomerDetail, OrderSummary } from './queries/customer-detail.js'
export { getCustomer } from './queries/customer-detail.js'
export type { MonthlyOrders, ScoreHistoryRow } from './queries/customer-history.js'
export { readMonthlyOrders, readScoreHistory } from './queries/customer-history.js'
export type {
  CustomerListItem,
  CustomerListOptions,
  CustomerPage,
  CustomerSort,
  CustomerSortKey,
} from './queries/customers.js'
export { listCustomers } from './queries/customers.js'
export type { FixRow, NewFix, NewResurfaced, ResurfacedRow } from './queries/fixes.js'
export {
  insertFix,
  insertResurfaced,
  listFixes,
  listResurfaced,
  readWinBackFlags,
  setResurfacedTask,
} from './queries/fixes.js'
export type { ImportRun, RejectedRowLine } from './queries/import-runs.js'
export {
  findImportSince,
  getImportRun,
  latestImportId,
  listImportRuns,
  readRejectedRows,
} from './queries/import-runs.js'
export type {
  ListedStatus,
  LostDrive,
  LostKey,
  LostListFilter,
  LostSort,
  LostSortColumn,
} from './queries/lost-list.js'
export { countLostCustomers, readLostCustomerKeys } from './queries/lost-list.js'
export type { CustomerNameRow } from './queries/lost-list-names.js'
export { readCustomerNamesChunk } from './queries/lost-list-names.js'
export type { LostRow } from './queries/lost-list-rows.js'
export { readLostCustomerRows, readLostDealRows } from './queries/lost-list-rows.js'
export type { Queryable } from './queries/queryable.js'
export { inTransaction, isForeignKeyViolation, isUniqueViolation } from './queries/queryable.js'
export type { NewReason, ReasonPhraseRow, ReasonRow } from './queries/reasons.js'
export {
  deleteReasonPhrase,
  findReasonByCode,
  insertReason,
  listReasonPhrases,
  listReasons,
  updateReason,
  upsertReasonPhrase,
} from './queries/reasons.js'
export type {
  AccountOwnershipRow,
  AuditLogRow,
  ContactRow,
  ContractRow,
  CustomerRow,
  DealRow,
  IncidentRow,
  NewContact,
  NewContract,
  NewCustomer,
  NewDeal,
  NewIncident,
  NewOrder,
  NewWinBackAttempt,
  OrderRow,
  UserRow,
  WinBackAttemptRow,
} from './queries/rows.js'
export type {
  CaseReasonFigure,
  DataVersion,
  DealSummaryRow,
  RunStatusCounts,
  ScoreSummaryRow,
} from './queries/run-summary.js'
export {
  readCaseReasonCodes,
  readCaseReasonCustomers,
  readCaseReasonFigures,
  readDataVersion,
  readDealSummary,
  readRunOnOrBefore,
  readScoreSummaryChunk,
  readUserNames,
} from './queries/run-summary.js'
export type { SessionRow, SessionWithUser, UserAccountChange } from './queries/sessions.js'
export {
  claimTotpStep,
  clearLoginFailures,
  confirmTotp,
  consumeRecoveryCode,
  countUnusedRecoveryCodes,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  findTotpCredential,
  insertLoginFailure,
  insertSession,
  listLoginFailures,
  replaceSession,
  saveTotpSecret,
  touchSession,
  updateUserAccount,
} from './queries/sessions.js'
export {
  getSetting,
  listSettings,
  readSettingForUpdate,
  replaceSetting,
  setSetting,
} from './queries/settings.js'
export type { StoreStats } from './queries/stats.js'
export { stats } from './queries/stats.js'
export type { NewTask, TaskFilter, TaskRow } from './queries/tasks.js'
export { completeTask, getTask, insertTask, listTasks } from './queries/tasks.js'
export type { NewUser, UserFilter } from './queries/users.js'
export { createUser, findUserByEmail, getUser, listUsers } from './queries/users.js'
export type {
  CustomerWinBackBasis,
  EndedCaseLine,
  IncidentTotals,
  SubjectReasonLine,
  WinBackUpdate,
} from './queries/win-back.js'
export {
  insertWinBackModel,
  readCustomerWinBackBasis,
  readDealWinBackBasis,
  readEndedCases,
  readIncidentTotals,
  readSubjectReasons,
  readWinBackModel,
  updateCustomerWinBack,
  updateDealWinBack,
} from './queries/win-back.js'
export type {
  AccountOwnershipTable,
  AnalysisRunsTable,
  AuditLogTable,
  ContactsTable,
  ContractsTable,
  CustomerScoresTable,
  CustomersTable,
  Database,
  DealScoresTable,
  DealsTable,
  ImportPendingUpdatesTable,
  ImportStatus,
  ImportsTable,
  IncidentsTable,
  OrdersTable,
  RejectedRowsTable,
  SettingsTable,
  UserRole,
  UsersTable,
  WinBackAttemptsTable,
} from './schema.js'
export type {
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
export type { StoreDriver } from './store.js'
export { DEFAULT_DATABASE_PATH, openStore, Store } from './store.js'
