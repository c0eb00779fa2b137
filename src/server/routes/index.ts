import type { ApiRoute } from '../route-definition.js'
import { AUDIT_ROUTES } from './audit.js'
import { BOUNTY_ROUTES } from './bounties.js'
import { CAMPAIGN_ROUTES } from './campaigns.js'
import { CASE_SETTING_ROUTES } from './case-settings.js'
import { CASE_ROUTES } from './cases.js'
import { CUSTOMER_ROUTES } from './customers.js'
import { EXPORT_ROUTES } from './export.js'
import { FIX_ROUTES } from './fixes.js'
import { IMPORT_ROUTES } from './imports.js'
import { LESSON_ROUTES } from './lessons.js'
import { LOST_ROUTES } from './lost.js'
import { MAKE_GOOD_ROUTES } from './make-goods.js'
import { OUTREACH_ROUTES } from './outreach.js'
import { REASON_ROUTES } from './reasons.js'
import { SESSION_ROUTES } from './session.js'
import { STATS_ROUTES } from './stats.js'
import { TASK_ROUTES } from './tasks.js'
import { USER_ROUTES } from './users.js'
import { WIN_BACK_MODEL_ROUTES } from './win-back-model.js'

/** Every API route: mounted, documented in OpenAPI and covered by the access matrix test from here. */
export const ROUTES: readonly ApiRoute[] = [
  ...SESSION_ROUTES,
  // before the customer routes: `/customers/export` is not a customer id
  ...EXPORT_ROUTES,
  ...CUSTOMER_ROUTES,
  ...LOST_ROUTES,
  ...STATS_ROUTES,
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
  ...BOUNTY_ROUTES,
  ...CAMPAIGN_ROUTES,
]
