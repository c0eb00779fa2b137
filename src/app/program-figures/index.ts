export { type Band, CHURN_BAND, PROSPECT_BAND, WIN_BACK_BAND } from './bands.js'
export { FIGURE_DIMENSIONS, type FigureDimension } from './dimensions.js'
export type { CampaignLift, HoldoutLift } from './holdout-lift.js'
export type { ProgramCost } from './program-cost.js'
export {
  type FigureGroup,
  type FigureSet,
  type ProgramFigures,
  type ProgramFiguresQuery,
  programFiguresAs,
} from './program-figures.js'
export {
  programReportCsv,
  REPORT_COLUMNS,
  type ReportLine,
  reportLines,
} from './program-report-csv.js'
export type { Quartiles } from './quartiles.js'
export type { Rate } from './rate.js'
export type { Relapse } from './relapse-rate.js'
