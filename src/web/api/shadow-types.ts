// the shadow portfolio API's schemas as types only (STYLE 2.2)

export type {
  JobResponse,
  ShadowContentResponse,
  ShadowMemberResponse,
  ShadowPortfolioResponse,
  TimelineTouchResponse,
} from '../../server/contract/shadow.js'
