export { type AlertView, acknowledgeAlertAs, listAlertsAs } from './alerts.js'
export {
  type CustomerKeep,
  type KeepPlanView,
  type KeepTaskView,
  keepPlanOf,
} from './keep-plan-view.js'
export {
  getKeepSettings,
  getLetGoRule,
  type KeepSettingsChange,
  setKeepSettings,
} from './keep-settings.js'
export {
  dismissLetGo,
  type LetGoOutcome,
  type LetGoSuggestion,
  letGoSuggestions,
  type MarkLetGoInput,
  markLetGo,
} from './let-go.js'
export { type AlertKind, raiseAlert } from './raise-alert.js'
export {
  type RelapseReport,
  type RelapseTally,
  relapsedCustomers,
  relapseReport,
  type WinOutcome,
} from './relapse.js'
export { startKeepPlan } from './start-keep-plan.js'
export {
  afterAnalysis,
  type WatchResult,
  watchAnalysis,
  watchLatestRun,
} from './watch-analysis.js'
export { afterIncidentsRecorded, watchReasons } from './watch-reasons.js'
