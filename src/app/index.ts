// the app layer's public surface: cli and server import only from here (STYLE 2.2)

export type {
  CustomerDetail,
  CustomerListItem,
  CustomerListOptions,
  CustomerPage,
  CustomerSort,
  StoreStats,
  UserRow,
} from '../store/index.js'
export {
  appendAudit,
  createUser,
  findUserByEmail,
  listUsers,
  openStore,
  Store,
} from '../store/index.js'
export type { AnalysisFreshness } from './analysis-freshness.js'
export { analysisFreshness } from './analysis-freshness.js'
export {
  getAnalysisSettings,
  setAnalysisSetting,
  settingNames,
} from './analysis-settings.js'
export type { AnalyzeOptions, AnalyzeResult, FitSummary } from './analyze.js'
export { analyze } from './analyze.js'
export type { RequestedModel, TimeUnit } from './analyze-models.js'
export { REQUESTED_MODELS } from './analyze-models.js'
export type { AuditLogItem, AuditLogPage, AuditLogQuery } from './audit-log.js'
export { isoInstant, readAuditLogAs } from './audit-log.js'
export type { AuditContext } from './auth/audit.js'
export { auditAuth } from './auth/audit.js'
export {
  assertMayAccess,
  getCustomerAs,
  listCustomersAs,
  listUsersAs,
  statsAs,
} from './auth/authorized-reads.js'
export { RateLimitedError, SecondFactorRequiredError } from './auth/errors.js'
export { LOGIN_LIMIT } from './auth/login-limit.js'
export { hashPassword, PASSWORD_LENGTH, verifyPassword } from './auth/password.js'
export type { SecondFactorOptions } from './auth/second-factor.js'
export {
  confirmTotpEnrolment,
  passSecondFactor,
  startTotpEnrolment,
} from './auth/second-factor.js'
export type {
  AuthenticatedSession,
  SecondFactorState,
  SessionSettings,
  SessionUser,
} from './auth/session-user.js'
export { DEFAULT_SESSION_SETTINGS } from './auth/session-user.js'
export { authenticateSession, signOut } from './auth/sessions.js'
export type { SignedIn, SignInInput } from './auth/sign-in.js'
export { signIn } from './auth/sign-in.js'
export { csrfTokenFor } from './auth/tokens.js'
export type { UserAccessChange } from './auth/user-admin.js'
export { changeUserAccess, setUserPassword, unlockAccount } from './auth/user-admin.js'
export type {
  AccrualResult,
  BountyLedger,
  BountyRuleView,
  EarningView,
  LeaderboardLine,
  LedgerPerson,
} from './bounties/index.js'
export {
  accrueEarnings,
  addBountyRule,
  afterOrdersImported,
  bountyLeaderboard,
  bountyLedger,
  changeBountyRule,
  listBountyRuleViews,
  setBaseCommissionRate,
  statementCsv,
} from './bounties/index.js'
export type { MemberOutcomeKind } from './campaigns/campaign-members.js'
export { listCampaignMembersAs, recordMemberOutcome } from './campaigns/campaign-members.js'
export type {
  CampaignResults,
  CampaignSegment,
  CampaignView,
  CreateCampaignInput,
  CreatedCampaign,
  LaunchOutcome,
} from './campaigns/index.js'
export {
  campaignResults,
  createCampaign,
  getCampaignAs,
  launchCampaign,
  listCampaignsAs,
} from './campaigns/index.js'
export type { AllowedMove } from './cases/allowed-moves.js'
export type { AssignCaseInput } from './cases/assign-case.js'
export { assignCase } from './cases/assign-case.js'
export type { CaseDetail, CaseTimelineEntry, OpenQuestion } from './cases/case-detail.js'
export { getCaseAs } from './cases/case-detail.js'
export type { CasePageOptions } from './cases/case-page.js'
export { pageCases } from './cases/case-page.js'
export { getCaseRuleSettings, setCaseRuleSettings } from './cases/case-rule-settings.js'
export type { CaseActor } from './cases/case-support.js'
export type { CasePerson, CaseSummary } from './cases/case-view.js'
export type { GoldenLessons, LessonOptions, LessonRow } from './cases/golden-lessons.js'
export { companyCurrency, goldenLessons } from './cases/golden-lessons.js'
export type { PastAttemptImport } from './cases/import-past-attempts.js'
export { importPastAttempts } from './cases/import-past-attempts.js'
export type { CaseListOptions } from './cases/list-cases.js'
export { listCasesAs, listOverdueStepsAs } from './cases/list-cases.js'
export type { CaseChangeInput } from './cases/move-case.js'
export { moveCase, restCase, updateCase } from './cases/move-case.js'
export type { CaseAnswers, CaseFindingInput } from './cases/move-facts.js'
export { recordNewDecisionMaker } from './cases/new-decision-maker.js'
export type { OpenCaseInput } from './cases/open-case.js'
export { openCase } from './cases/open-case.js'
export type { ImportedReasonMapping, ReasonPhraseView } from './cases/reason-phrases.js'
export {
  importedReasonMappings,
  listReasonPhraseViews,
  loadReasonMapper,
  mapReasonPhrase,
  unmapReasonPhrase,
} from './cases/reason-phrases.js'
export type { ReasonView } from './cases/reasons.js'
export { addReason, listReasonViews, mergeReasons, renameReason } from './cases/reasons.js'
export type { FixResult, FixView, RecordFixInput } from './cases/record-fix.js'
export { listFixViews, recordFix } from './cases/record-fix.js'
export { resumeRestedCases } from './cases/resume-rested-cases.js'
export type { ResurfacedItem } from './cases/resurface.js'
export type { ResurfacedIds } from './cases/resurfaced-ids.js'
export { resurfacedIds } from './cases/resurfaced-ids.js'
export type { CaseSubject } from './cases/subject-loss.js'
export type { ReasonFixedView, TaskView } from './cases/tasks.js'
export { completeTaskAs, listReasonFixedAs, listTasksAs } from './cases/tasks.js'
export type { CustomerOverview, CustomerScore } from './customer-overview.js'
export { getCustomerOverviewAs } from './customer-overview.js'
export type { ChurnFigure, DashboardFigures } from './dashboard-as.js'
export { dashboardAs } from './dashboard-as.js'
export { DEMO_SIGN_IN_ROLES } from './demo/demo-sign-in-people.js'
export type { DemoCompany, DemoTruth } from './demo/demo-types.js'
export type { DemoOptions } from './demo/generate-demo-company.js'
export {
  DEFAULT_DEMO_CUSTOMERS,
  DEFAULT_DEMO_SEED,
  generateDemoCompany,
} from './demo/generate-demo-company.js'
export { truthJsonLines } from './demo/truth-json-lines.js'
export { demoTotpCode, giveDemoSignIns, usableDemoSignIns } from './demo-sign-ins.js'
export type { DemoSignIn } from './demo-sign-ins-file.js'
export {
  DEMO_SIGN_INS_SUFFIX,
  demoSignInsFileFor,
  readDemoSignInsFile,
  writeDemoSignInsFile,
} from './demo-sign-ins-file.js'
export type { CustomerExportQuery } from './export-customers.js'
export { exportCustomersAs } from './export-customers.js'
export type { ExportFile, ExportFormat, ExportOptions } from './export-file.js'
export { DEFAULT_MAX_PII_ROWS } from './export-file.js'
export type { LostExportQuery } from './export-lost.js'
export { exportLostAs, MAX_LOST_EXPORT_ROWS } from './export-lost.js'
export type { FitFileModel, FitFileOptions, FitFileResult, FitValidation } from './fit-file.js'
export { FIT_FILE_MODELS, fitFile } from './fit-file.js'
export type { ImportFileOptions, ImportFileResult, ImportProgress } from './import-file.js'
export { importFile } from './import-file.js'
export { CLI_IMPORT_STALE_AFTER_MS, recoverAbandonedImports } from './import-recover.js'
// stored jobs and the background worker; the shadow portfolio (issue 6 items 6–7)
export * from './jobs/index.js'
export {
  type AlertView,
  acknowledgeAlertAs,
  afterAnalysis,
  afterIncidentsRecorded,
  type CustomerKeep,
  dismissLetGo,
  getKeepSettings,
  getLetGoRule,
  type KeepPlanView,
  type KeepSettingsChange,
  keepPlanOf,
  type LetGoOutcome,
  type LetGoSuggestion,
  letGoSuggestions,
  listAlertsAs,
  markLetGo,
  type RelapseReport,
  type RelapseTally,
  raiseAlert,
  relapsedCustomers,
  relapseReport,
  setKeepSettings,
  type WatchResult,
  type WinOutcome,
  watchAnalysis,
  watchLatestRun,
  watchReasons,
} from './keep/index.js'
export type { LostList, LostListRow } from './list-lost.js'
export { listLost } from './list-lost.js'
export type { DemoLoadCounts, DemoLoadResult } from './load-demo.js'
export { loadDemoCompany } from './load-demo.js'
export type {
  LostListItem,
  LostListPage,
  LostListQuery,
  LostListSort,
  LostListSortKey,
} from './lost-list-as.js'
export { listLostAs } from './lost-list-as.js'
export type { LostListWarmer, LostListWarmOptions } from './lost-list-warm.js'
export { keepLostListWarm, warmLostList } from './lost-list-warm.js'
export type {
  MakeGoodAdvice,
  MakeGoodDecision,
  MakeGoodProposal,
  MakeGoodReportFilter,
  MakeGoodSettings,
  MakeGoodSettingsChange,
  MakeGoodView,
} from './make-goods/index.js'
export {
  decideMakeGood,
  getMakeGoodSettings,
  listCaseMakeGoods,
  listMakeGoodsAs,
  proposeMakeGood,
  setMakeGoodSettings,
  suggestMakeGoodFor,
} from './make-goods/index.js'
export type { InviteConfig } from './outreach/invites.js'
export {
  cancelMeeting,
  createMeeting,
  meetingInvite,
  updateMeeting,
} from './outreach/invites.js'
export type { LetterBatchOptions } from './outreach/letter-batches.js'
export { campaignLetters, customerLetters, MAX_LETTER_LIST } from './outreach/letter-batches.js'
export type { LetterSkip, LetterSkipReason } from './outreach/letter-recipients.js'
export type { LetterBatch, LetterPdf, LetterRequest, LetterSize } from './outreach/letters.js'
export { letterForCustomer } from './outreach/letters.js'
export type { MeetingChange, MeetingInput } from './outreach/meeting-input.js'
export type { MeetingView } from './outreach/meeting-view.js'
export { listMeetingsAs } from './outreach/meetings-list.js'
export type { OutboxMessageView } from './outreach/outbox-list.js'
export { listOutboxAs } from './outreach/outbox-list.js'
export type { OutreachConfig, SendingConfig } from './outreach/outreach-config.js'
export { outreachConfigFromEnv, requireSendingConfig } from './outreach/outreach-config.js'
export type { TemplatePreview } from './outreach/preview.js'
export { previewTemplateAs } from './outreach/preview.js'
export { previewDraftAs, type TemplateDraft } from './outreach/preview-draft.js'
export type { MessageFacts, QueueEmailInput } from './outreach/queue-email.js'
export { queueEmail } from './outreach/queue-email.js'
export { SEND_NOW_LIMIT, sendQueuedNow } from './outreach/send-now.js'
export type { OutboxRunResult, SendOutboxOptions, SendOutcome } from './outreach/send-outbox.js'
export { DEFAULT_STALE_SENDING_MS, sendOutbox } from './outreach/send-outbox.js'
export { sendTestEmail } from './outreach/send-test.js'
export type { SuppressionTarget, SuppressionView } from './outreach/suppress.js'
export { addSuppression, listSuppressionsAs, recordBounce } from './outreach/suppress.js'
export type { TemplateInput, TemplateView } from './outreach/templates.js'
export {
  createTemplate,
  getTemplateAs,
  listTemplatesAs,
  updateTemplate,
} from './outreach/templates.js'
export { isKnownUnsubscribeToken, unsubscribeByToken } from './outreach/unsubscribe.js'
export { readableOwners } from './owner-scope.js'
export { freezeAnswer, isFrozenAnswer } from './page-cache.js'
// the written plan of a case and its printable agreement (issue 7 item 2)
export type {
  AgreementPaper,
  PlanAgreement,
  PlanAgreementFile,
  PlanConditionInput,
  PlanConditionView,
  PlanExtraInput,
  PlanExtraView,
  PlanStatus,
  PlanView,
} from './plans/index.js'
export {
  addPlanCondition,
  addPlanExtra,
  agreePlan,
  COMPANY_NAME_SETTING,
  changePlanCondition,
  changePlanSummary,
  completePlanConditionAs,
  getPlanAs,
  planAgreementPdf,
  removePlanCondition,
  removePlanExtra,
  startPlan,
} from './plans/index.js'
// privacy: lawful basis, retention purge, erasure, access export (TESTPLAN T22–T24)
export {
  assertLawfulContact,
  cutoffsAt,
  type ErasureResult,
  eraseCustomer,
  exportPersonalData,
  forgetReimportedPeople,
  getPrivacySettings,
  type PersonalDataExport,
  type PurgeResult,
  purgeExpiredContacts,
  UnlawfulOutreachError,
} from './privacy/index.js'
export * from './program-figures/index.js'
export type { QuotaKind, QuotaRule, QuotaRules } from './quota.js'
export { DEFAULT_QUOTA_RULES, Quotas } from './quota.js'
export type { Housekeeping } from './server-housekeeping.js'
export { tidyBeforeServing } from './server-housekeeping.js'
export * from './shadow/index.js'
// recorded touches on the customer's timeline (issue 6 item 7)
export {
  listTouchesAs,
  type RecordTouchInput,
  recordTouch,
  type TouchView,
} from './touches/record-touch.js'
export type { ImportField } from './uploads/import-fields.js'
export { importFields } from './uploads/import-fields.js'
export type { ImportJobSettings, ImportJobView, ImportUpload } from './uploads/import-jobs.js'
export { ImportJobs } from './uploads/import-jobs.js'
export { safeFileName } from './uploads/upload-file.js'
export type { WinBackModelView } from './win-back-model-as.js'
export { winBackModelAs } from './win-back-model-as.js'
