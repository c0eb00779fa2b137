// the API's own schemas, as types only: the web app talks to the server over HTTP (STYLE 2.2)

import type { CustomerDetailResponse } from '../../server/contract/customers.js'
import type { LostListSortKey } from '../../server/contract/lost.js'

export type { Role } from '../../domain/access-policy.js'
export type {
  AnalysisSettingsResponse,
  CaseRuleSettingsResponse,
  ChangeAnalysisSettingBody,
  ChangeCaseRuleSettingsBody,
} from '../../server/contract/case-settings.js'
export type {
  AllowedMove,
  AssignCaseBody,
  CaseDetailResponse,
  CaseListQuery,
  CaseListResponse,
  CaseRuleName,
  CaseStageName,
  CaseSummaryItem,
  ChangeCaseBody,
  OpenCaseBody,
  OverdueStepsResponse,
  RuleOverrideBody,
} from '../../server/contract/cases.js'
export type {
  CustomerDetailResponse,
  CustomerListQuery,
  CustomerScore,
  CustomerSummary,
} from '../../server/contract/customers.js'
export type { DashboardResponse } from '../../server/contract/dashboard.js'
export type { ErrorBody } from '../../server/contract/errors.js'
export type {
  FixItem,
  FixListResponse,
  FixScopeBody,
  NewDecisionMakerBody,
  ReasonFixedItem,
  ReasonFixedResponse,
  RecordFixBody,
  RecordFixResponse,
  ResurfacedItemBody,
  ResurfacedResponse,
} from '../../server/contract/fixes.js'
export type {
  ImportFieldsResponse,
  ImportJob,
  ImportListResponse,
} from '../../server/contract/imports.js'
export type {
  GroupedTallyItem,
  LessonRowItem,
  LessonsQuery,
  LessonsResponse,
} from '../../server/contract/lessons.js'
export type {
  ListedStatus,
  LostListItem,
  LostListQuery,
  LostListResponse,
  LostListSort,
  LostListSortKey,
} from '../../server/contract/lost.js'
export type {
  AddReasonBody,
  ChangeReasonBody,
  MergeReasonBody,
  ReasonItem,
  ReasonListResponse,
  ReasonPhraseItem,
  ReasonPhraseListResponse,
  SetReasonPhraseBody,
} from '../../server/contract/reasons.js'
export type { MeResponse } from '../../server/contract/session.js'
export type { StatsResponse } from '../../server/contract/stats.js'
export type {
  CompleteTaskBody,
  CompleteTaskResponse,
  TaskItem,
  TaskListQuery,
  TaskListResponse,
} from '../../server/contract/tasks.js'

/** `POST /api/me/totp`: a new TOTP secret for an authenticator app. */
export interface TotpEnrolment {
  readonly secretBase32: string
  readonly otpauthUri: string
}

/** The customer page's figures beyond the record (part of `GET /api/customers/{id}`). */
export type CustomerScoreExtras = Partial<
  Pick<CustomerDetailResponse, 'score' | 'statusHistory' | 'orderHistory'>
>

/** The lost list's sort keys, in the order the page offers them; the compiler checks them against the API's. */
export const LOST_LIST_SORT_KEYS = [
  'expectedValue',
  'valueIfWonBack',
  'winBackProbability',
  'overdueDays',
  'lostSince',
  'name',
] as const satisfies readonly LostListSortKey[]

type MissingSortKey = Exclude<LostListSortKey, (typeof LOST_LIST_SORT_KEYS)[number]>
/** True by construction: fails to compile when the API gains a sort key this list lacks. */
export const LOST_LIST_SORT_KEYS_ARE_COMPLETE: [MissingSortKey] extends [never] ? true : never =
  true
export type { WinBackModelResponse } from '../../server/contract/win-back-model.js'
