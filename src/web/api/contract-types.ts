// the API's own schemas, as types only: the web app talks to the server over HTTP (STYLE 2.2)

export type { Role } from '../../domain/access-policy.js'
export type {
  CustomerDetailResponse,
  CustomerListQuery,
  CustomerSummary,
} from '../../server/contract/customers.js'
export type { ErrorBody } from '../../server/contract/errors.js'
export type { MeResponse } from '../../server/contract/session.js'
export type { StatsResponse } from '../../server/contract/stats.js'

/** `POST /api/me/totp`: a new TOTP secret for an authenticator app. */
export interface TotpEnrolment {
  readonly secretBase32: string
  readonly otpauthUri: string
}
