import type { ApiRoute } from '../route-definition.js'
import { CUSTOMER_ROUTES } from './customers.js'
import { IMPORT_ROUTES } from './imports.js'
import { LOST_ROUTES } from './lost.js'
import { SESSION_ROUTES } from './session.js'
import { STATS_ROUTES } from './stats.js'
import { USER_ROUTES } from './users.js'

/** Every API route: mounted, documented in OpenAPI and covered by the access matrix test from here. */
export const ROUTES: readonly ApiRoute[] = [
  ...SESSION_ROUTES,
  ...CUSTOMER_ROUTES,
  ...LOST_ROUTES,
  ...STATS_ROUTES,
  ...IMPORT_ROUTES,
  ...USER_ROUTES,
]
