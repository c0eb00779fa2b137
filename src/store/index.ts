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
export type { BountyRuleColumns, BountyRuleRow } from './queries/bounties.js'
export {
  getBountyRule,
  insertBountyRule,
  listBountyRules,
  updateBaseCommissionRate,
  updateBountyRule,
} from './queries/bounties.js'
export {
  insertContacts,
  insertContracts,
  insertCustomers,
  insertDeals,
  insertIncidents,
  insertOrders,
  insertWinBackAttempts,
} from './queries/bulk-insert.js'
export {
  type CampaignMemberDetail,
  getCampaignMember,
  listCampaignMemberDetails,
} from './queries/campaign-member-details.js'
export { armOutcomes, decisionMakersOf, letGoCustomers } from './queries/campaign-outcomes.js'
export {
  type ArmOutcome,
  type CampaignMemberRow,
  type CampaignRow,
  campaignDb,
  getCampaign,
  insertCampaign,
  insertCampaignMembers,
  listCampaignMembers,
  listCampaigns,
  type NewCampaign,
  type NewCampaignMember,
  recordMemberOutreach,
  setCampaignStatus,
} from './queries/campaigns.js'
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
export type { EarningRow, NewEarning, WonCaseRow, WonOrderRow } from './queries/earnings.js'
export {
  insertEarnings,
  listEarnings,
  lockEarnings,
  readCaseEarnings,
  readLeaderboard,
  readOrdersSince,
  readWonCases,
} from './queries/earnings.js'
export type { ContactPii, SweepTarget } from './queries/erasure.js'
export {
  anonymiseContacts,
  ERASED,
  forgetCampaignContacts,
  readContactPii,
  rekeySuppressions,
  scrubCustomerWords,
  sweepValues,
} from './queries/erasure.js'
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
export {
  claimableJobIds,
  claimJob,
  dueScheduledCampaignIds,
  endJob,
  failExhaustedJobs,
  getJob,
  insertJob,
  type JobEnd,
  type JobRow,
  jobsShadowDb,
  listJobs,
  type NewJob,
  requeueJob,
} from './queries/jobs.js'
export {
  type AlertFilter,
  type AlertRow,
  acknowledgeAlert,
  getAlert,
  insertAlert,
  insertKeepPlan,
  type KeepPlanFilter,
  type KeepPlanRow,
  keepDb,
  type LetGoFacts,
  listAlerts,
  listKeepPlans,
  type NewAlert,
  type NewKeepPlan,
  readIncidentsSince,
  readKeepScoreHistory,
  readLatestScoreOf,
  readLetGoFacts,
  readRunAsOf,
  readWonCustomerCases,
  type WatchedIncident,
  type WatchedScore,
  type WonCaseLine,
} from './queries/keep.js'
export {
  decideLetGo,
  type LetGoDecisionRow,
  listLetGoDecisions,
  markedLetGo,
  type NewLetGoDecision,
  readCustomerOwners,
} from './queries/let-go.js'
export type { CustomerContactLine, LetterRow, NewLetter } from './queries/letters.js'
export {
  insertLetter,
  lettersDb,
  listCampaignLetters,
  readCustomerContacts,
} from './queries/letters.js'
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
export type {
  DamageLine,
  MakeGoodPayoutRow,
  MakeGoodRow,
  NewMakeGood,
} from './queries/make-goods.js'
export {
  decideMakeGood,
  getMakeGood,
  insertMakeGood,
  insertMakeGoodPayout,
  listMakeGoodPayouts,
  listMakeGoods,
  makeGoodDb,
  readCustomerIncidents,
  readValueIfWonBack,
} from './queries/make-goods.js'
export type { MeetingChanges, MeetingRow, NewMeeting } from './queries/meetings.js'
export { getMeeting, insertMeeting, listMeetings, reviseMeeting } from './queries/meetings.js'
export type {
  NewOutboxMessage,
  OutboxRow,
  OutreachRecipient,
} from './queries/outbox.js'
export {
  claimOutboxMessage,
  countOutboxByStatus,
  getOutboxMessage,
  insertOutboxMessage,
  listOutboxMessages,
  markStaleSendingUnknown,
  moveOutboxMessage,
  nextQueuedIds,
  readOutreachRecipient,
} from './queries/outbox.js'
export {
  conditionIdOfTaskKey,
  deleteConditionTask,
  planConditionTaskKey,
  syncConditionTask,
} from './queries/plan-tasks.js'
export {
  agreePlanVersion,
  bumpPlan,
  completePlanCondition,
  deletePlanCondition,
  deletePlanExtra,
  getPlanCondition,
  getPlanOfCase,
  insertPlan,
  insertPlanCondition,
  insertPlanExtra,
  listPlanConditions,
  listPlanExtras,
  type NewPlanCondition,
  type PlanConditionChanges,
  type PlanConditionRow,
  type PlanExtraRow,
  type PlanRow,
  planDb,
  updatePlanCondition,
} from './queries/plans.js'
export type { ContactBasisRow } from './queries/privacy.js'
export {
  contactsPastRetention,
  customersPastRetention,
  erasedCustomerIds,
  failUnlawfulOutboxMessage,
  insertErasure,
  insertFingerprints,
  knownFingerprints,
  lawfulContact,
  privacyDb,
  readContactBasis,
  readPrivacyKey,
  setErasureCounts,
} from './queries/privacy.js'
export {
  type CaseFact,
  type ChurnCount,
  type ClosedDealGroup,
  type CustomerCountGroup,
  type FigurePeriod,
  type FigurePerson,
  readCampaignsLaunched,
  readCaseFacts,
  readChurnCounts,
  readClosedDealGroups,
  readEarningsByCase,
  readFigurePeople,
  readFigureRunOnOrBefore,
  readLostAgainAfterWin,
  readPayoutsByCase,
  readPriceConcessionsByCase,
  readRevenueSinceWin,
} from './queries/program-figures.js'
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
export {
  campaignMemberCustomer,
  contactOfCustomer,
  insertRecordedTouch,
} from './queries/recorded-touches.js'
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
export {
  getShadowContent,
  hasShadowTouch,
  insertShadowContent,
  insertShadowTouch,
  listShadowContent,
  listShadowTouchesOf,
  type NewShadowContent,
  type NewShadowTouch,
  readLastTouchAt,
  readOpenCaseSubjects,
  readOutboxStatuses,
  readPresentContacts,
  readShadowCandidates,
  readShadowHistory,
  readSuppressedKeys,
  retireShadowContent,
  type ShadowCandidateRow,
  type ShadowContactRow,
  type ShadowContentRow,
  type ShadowTouchRow,
} from './queries/shadow.js'
export type { StoreStats } from './queries/stats.js'
export { stats } from './queries/stats.js'
export type { SubjectRow } from './queries/subject-data.js'
export { readSubjectData } from './queries/subject-data.js'
export type { NewSuppression, SuppressionRow } from './queries/suppressions.js'
export {
  findSuppressions,
  flagContactsByEmail,
  insertSuppression,
  listSuppressions,
} from './queries/suppressions.js'
export type { NewTask, TaskFilter, TaskRow } from './queries/tasks.js'
export { completeTask, getTask, insertTask, listTasks } from './queries/tasks.js'
export type { NewTemplateVersion, TemplateRow } from './queries/templates.js'
export {
  getLatestTemplate,
  getTemplateById,
  insertTemplateVersion,
  listLatestTemplates,
} from './queries/templates.js'
export type { NewTouch, TouchRow } from './queries/touches.js'
export { insertTouch, listTouches } from './queries/touches.js'
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
export type { CampaignTables } from './schema-campaigns.js'
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
export type { JobsShadowTables } from './schema-jobs-shadow.js'
export type { KeepTables } from './schema-keep.js'
export type { LettersTables } from './schema-letters.js'
export type { MakeGoodTables } from './schema-make-goods.js'
export type { PlanTables } from './schema-plans.js'
export type { PrivacyTables } from './schema-privacy.js'
export type { StoreDriver } from './store.js'
export { DEFAULT_DATABASE_PATH, openStore, Store } from './store.js'
