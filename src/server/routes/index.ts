import type { ApiRoute } from '../route-definition.js'
import { AUDIT_ROUTES } from './audit.js'
import { BOUNTY_ROUTES } from './bounties.js'
import { CAMPAIGN_MEMBER_ROUTES } from './campaign-members.js'
import { CAMPAIGN_ROUTES } from './campaigns.js'
import { CASE_SETTING_ROUTES } from './case-settings.js'
import { CASE_ROUTES } from './cases.js'
import { CUSTOMER_ROUTES } from './customers.js'
import { EXPORT_ROUTES } from './export.js'
import { FIX_ROUTES } from './fixes.js'
import { IMPORT_ROUTES } from './imports.js'
import { KEEP_ROUTES } from './keep.js'
import { LESSON_ROUTES } from './lessons.js'
import { LETTER_ROUTES } from './letters.js'
import { LOST_ROUTES } from './lost.js'
import { MAKE_GOOD_ROUTES } from './make-goods.js'
import { MEETING_ROUTES } from './meetings.js'
import { OUTREACH_ROUTES } from './outreach.js'
import { PLAN_CONDITION_ROUTES } from './plan-conditions.js'
import { PLAN_ROUTES } from './plans.js'
import { PRIVACY_ROUTES } from './privacy.js'
import { PROGRAM_FIGURE_ROUTES } from './program-figures.js'
import { REASON_ROUTES } from './reasons.js'
import { SESSION_ROUTES } from './session.js'
import { SHADOW_ROUTES } from './shadow.js'
import { STATS_ROUTES } from './stats.js'
import { TASK_ROUTES } from './tasks.js'
import { TEMPLATE_PREVIEW_ROUTES } from './template-preview.js'
import { USER_ROUTES } from './users.js'
import { WIN_BACK_MODEL_ROUTES } from './win-back-model.js'

/** Every API route: mounted, documented in OpenAPI and covered by the access matrix test from here. */
export const ROUTES: readonly ApiRoute[] = [
  ...SESSION_ROUTES,
  // before the customer routes: `/customers/export` is not a customer id
  ...EXPORT_ROUTES,
  ...CUSTOMER_ROUTES,
  // erasure, the access export and recorded touches, under /customers/{id}/…
  ...PRIVACY_ROUTES,
  ...LOST_ROUTES,
  ...STATS_ROUTES,
  ...PROGRAM_FIGURE_ROUTES,
  ...IMPORT_ROUTES,
  ...USER_ROUTES,
  ...OUTREACH_ROUTES,
  ...AUDIT_ROUTES,
  ...CASE_ROUTES,
  ...REASON_ROUTES,
  ...FIX_ROUTES,
  ...LESSON_ROUTES,
  ...TASK_ROUTES,
  ...CASE_SETTING_ROUTES,
  ...WIN_BACK_MODEL_ROUTES,
  ...MAKE_GOOD_ROUTES,
  ...PLAN_ROUTES,
  ...PLAN_CONDITION_ROUTES,
  ...BOUNTY_ROUTES,
  ...CAMPAIGN_ROUTES,
  ...CAMPAIGN_MEMBER_ROUTES,
  ...TEMPLATE_PREVIEW_ROUTES,
  ...KEEP_ROUTES,
  ...LETTER_ROUTES,
  ...MEETING_ROUTES,
  // the shadow portfolio, background jobs, customers' touches (issue 6 items 6–7)
  ...SHADOW_ROUTES,
]
