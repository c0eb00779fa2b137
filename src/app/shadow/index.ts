export {
  addShadowContentAs,
  checkContentInput,
  listShadowContentAs,
  retireShadowContentAs,
  type ShadowContentInput,
  type ShadowContentView,
} from './content-library.js'
export { type CadenceOutcome, runShadowCadence } from './run-cadence.js'
export {
  planShadowPortfolio,
  type ShadowExclusion,
  type ShadowFacts,
  type ShadowMember,
  type ShadowPlan,
} from './shadow-plan.js'
export { readShadowFacts, type ShadowPortfolioView, shadowPortfolioAs } from './shadow-portfolio.js'
export {
  DEFAULT_SHADOW_SETTINGS,
  getShadowSettings,
  type ShadowSettings,
  setShadowSettings,
} from './shadow-settings.js'
export { listShadowTimelineAs, type ShadowTimelineEntry } from './shadow-timeline.js'
export { shadowTemplateKey } from './shadow-touch.js'
