// the store's public surface for the win-back program: outreach, campaigns, make-goods and bounties,
// plans, keep-plans and alerts, privacy and the stored jobs; re-exported by `index.ts`, which other
// layers import (STYLE 2.2)
export type { BountyRuleColumns, BountyRuleRow } from './queries/bounties.js'
export {
  getBountyRule,
  insertBountyRule,
  listBountyRules,
  updateBaseCommissionRate,
  updateBountyRule,
} from './queries/bounties.js'
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
export {
  campaignMemberCustomer,
  contactOfCustomer,
  insertRecordedTouch,
} from './queries/recorded-touches.js'
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
export type { SubjectRow } from './queries/subject-data.js'
export { readSubjectData } from './queries/subject-data.js'
export type { NewSuppression, SuppressionRow } from './queries/suppressions.js'
export {
  findSuppressions,
  flagContactsByEmail,
  insertSuppression,
  listSuppressions,
} from './queries/suppressions.js'
export type { NewTemplateVersion, TemplateRow } from './queries/templates.js'
export {
  getLatestTemplate,
  getTemplateById,
  insertTemplateVersion,
  listLatestTemplates,
} from './queries/templates.js'
export type { NewTouch, TouchRow } from './queries/touches.js'
export { insertTouch, listTouches } from './queries/touches.js'
export type { CampaignTables } from './schema-campaigns.js'
export type { JobsShadowTables } from './schema-jobs-shadow.js'
export type { KeepTables } from './schema-keep.js'
export type { LettersTables } from './schema-letters.js'
export type { MakeGoodTables } from './schema-make-goods.js'
export type { PlanTables } from './schema-plans.js'
export type { PrivacyTables } from './schema-privacy.js'
