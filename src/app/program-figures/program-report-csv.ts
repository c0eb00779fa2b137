import { formatCsvRow } from '../../domain/csv-cell.js'
import type { CampaignLift } from './holdout-lift.js'
import type { FigureSet, ProgramFigures } from './program-figures.js'

/** One line of the report: the program, a group of the breakdown, or a campaign's lift. */
export interface ReportLine {
  /** `all`, the breakdown's dimension, `campaign` or `pooled` */
  readonly dimension: string
  readonly group: string
  readonly figures: FigureSet | null
  readonly lift: CampaignLift | null
}

type Cell = string | number | null

/** One column of the report: its header and how to read a line. */
interface ReportColumn {
  readonly key: string
  readonly value: (line: ReportLine) => Cell
}

const of = (read: (figures: FigureSet) => Cell) => (line: ReportLine) =>
  line.figures === null ? null : read(line.figures)
const lifted = (read: (lift: CampaignLift) => Cell) => (line: ReportLine) =>
  line.lift === null ? null : read(line.lift)

/** The report's columns, in order; money in minor units, rates as fractions. */
export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { key: 'dimension', value: (line) => line.dimension },
  { key: 'group', value: (line) => line.group },
  { key: 'win_back_won', value: of((set) => set.winBack.count) },
  { key: 'win_back_ended', value: of((set) => set.winBack.of) },
  { key: 'win_back_rate', value: of((set) => set.winBack.rate) },
  { key: 'win_back_lower', value: of((set) => set.winBack.lower) },
  { key: 'win_back_upper', value: of((set) => set.winBack.upper) },
  { key: 'prospect_won', value: of((set) => set.prospectConversion.count) },
  { key: 'prospect_closed', value: of((set) => set.prospectConversion.of) },
  { key: 'prospect_rate', value: of((set) => set.prospectConversion.rate) },
  { key: 'churn_lost', value: of((set) => set.churn?.count ?? null) },
  { key: 'churn_active_at_start', value: of((set) => set.churn?.of ?? null) },
  { key: 'churn_rate', value: of((set) => set.churn?.rate ?? null) },
  { key: 'revenue_recovered_minor', value: of((set) => set.revenueRecoveredMinor) },
  { key: 'won_back_count', value: of((set) => set.timeToWinBackDays.count) },
  { key: 'days_to_win_back_q1', value: of((set) => set.timeToWinBackDays.q1) },
  { key: 'days_to_win_back_median', value: of((set) => set.timeToWinBackDays.median) },
  { key: 'days_to_win_back_q3', value: of((set) => set.timeToWinBackDays.q3) },
  { key: 'make_good_cost_minor', value: of((set) => set.cost.makeGoodMinor) },
  { key: 'bounty_cost_minor', value: of((set) => set.cost.bountyMinor) },
  { key: 'cost_per_revenue', value: of((set) => set.cost.perRevenue) },
  { key: 'price_concessions_offered', value: of((set) => set.cost.priceConcessionsOffered) },
  { key: 'price_concessions_approved', value: of((set) => set.cost.priceConcessionsApproved) },
  { key: 'relapsed', value: of((set) => set.relapse.matured.count) },
  { key: 'relapse_cohort', value: of((set) => set.relapse.matured.of) },
  { key: 'relapse_rate', value: of((set) => set.relapse.matured.rate) },
  { key: 'relapsed_so_far', value: of((set) => set.relapse.soFar.relapsed) },
  { key: 'relapse_at_risk', value: of((set) => set.relapse.soFar.atRisk) },
  { key: 'treated_members', value: lifted((lift) => lift.treated.members) },
  { key: 'treated_win_backs', value: lifted((lift) => lift.treated.winBacks) },
  { key: 'holdout_members', value: lifted((lift) => lift.holdout.members) },
  { key: 'holdout_win_backs', value: lifted((lift) => lift.holdout.winBacks) },
  { key: 'lift', value: lifted((lift) => lift.lift?.estimate ?? null) },
  { key: 'lift_lower', value: lifted((lift) => lift.lift?.lower ?? null) },
  { key: 'lift_upper', value: lifted((lift) => lift.lift?.upper ?? null) },
]

/** The report's lines: the whole program, each group, each campaign and the pooled lift. */
export function reportLines(figures: ProgramFigures): ReportLine[] {
  return [
    { dimension: 'all', group: 'all', figures: figures.overall, lift: null },
    ...figures.groups.map((group) => ({
      dimension: figures.by ?? 'all',
      group: group.label,
      figures: group.figures,
      lift: null,
    })),
    ...figures.lift.campaigns.map((lift) => ({
      dimension: 'campaign',
      group: lift.name ?? `campaign ${lift.campaignId}`,
      figures: null,
      lift,
    })),
    ...(figures.lift.pooled === null
      ? []
      : [
          { dimension: 'pooled', group: 'all campaigns', figures: null, lift: figures.lift.pooled },
        ]),
  ]
}

/**
 * The report as spreadsheet-safe CSV (TESTPLAN T14) through the writer every export uses: text
 * that a spreadsheet would read as a formula gets a `'`, numbers stay numbers, RFC 4180 quoting,
 * `\r\n` rows, header included.
 */
export function programReportCsv(figures: ProgramFigures): string {
  return [
    formatCsvRow(REPORT_COLUMNS.map((column) => column.key)),
    ...reportLines(figures).map((line) =>
      formatCsvRow(REPORT_COLUMNS.map((column) => column.value(line))),
    ),
  ].join('')
}
