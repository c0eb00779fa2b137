import type { Band, FigureGroup, FigureSet, ProgramFigures, Rate } from '../../app/index.js'
import { type Column, formatMinor, renderTable } from '../output.js'

const percent = (share: number | null) =>
  share === null ? '–' : `${(share * 100).toFixed(1).replace(/\.0$/, '')} %`

const rateText = (rate: Rate | null) =>
  rate === null || rate.rate === null ? '–' : `${percent(rate.rate)} (${rate.count}/${rate.of})`

const intervalText = (rate: Rate | null) =>
  rate === null || rate.lower === null || rate.upper === null
    ? ''
    : `${percent(rate.lower)}–${percent(rate.upper)}`

const bandText = (band: Band) => `${percent(band.low)}–${percent(band.high)} (seed 001)`

type Line = readonly [figure: string, value: string, interval: string, benchmark: string]

const HEADLINE: readonly Column<Line>[] = [
  { key: 'figure', header: 'figure', value: (line) => line[0] },
  { key: 'value', header: 'value', value: (line) => line[1], align: 'right' },
  { key: 'interval', header: '95 % interval', value: (line) => line[2] },
  { key: 'benchmark', header: 'benchmark', value: (line) => line[3] },
]

const days = (value: number | null) => (value === null ? '–' : `${Math.round(value)} d`)

/** The readable table of `comeback report`: each headline figure against its band. */
export function renderProgramFigures(figures: ProgramFigures): string {
  const { overall, bands, currency } = figures
  const lines: Line[] = [
    [
      'win-back rate',
      rateText(overall.winBack),
      intervalText(overall.winBack),
      bandText(bands.winBack),
    ],
    [
      'prospect conversion',
      rateText(overall.prospectConversion),
      intervalText(overall.prospectConversion),
      bandText(bands.prospect),
    ],
    ['churn rate', rateText(overall.churn), intervalText(overall.churn), bandText(bands.churn)],
    ['revenue recovered', `${formatMinor(overall.revenueRecoveredMinor)} ${currency}`, '', ''],
    [
      'time to win back',
      `median ${days(overall.timeToWinBackDays.median)}`,
      overall.timeToWinBackDays.q1 === null || overall.timeToWinBackDays.q3 === null
        ? ''
        : `quartiles ${days(overall.timeToWinBackDays.q1)}–${days(overall.timeToWinBackDays.q3)}`,
      `${overall.timeToWinBackDays.count} won back`,
    ],
    ['make-good cost', `${formatMinor(overall.cost.makeGoodMinor)} ${currency}`, '', ''],
    ['bounty cost', `${formatMinor(overall.cost.bountyMinor)} ${currency}`, '', ''],
    ['cost ÷ revenue regained', percent(overall.cost.perRevenue), '', ''],
    [
      'price concessions',
      `${overall.cost.priceConcessionsApproved} approved of ${overall.cost.priceConcessionsOffered}`,
      '',
      'discouraged (SPEC §6)',
    ],
    [
      're-lapse rate',
      rateText(overall.relapse.matured),
      intervalText(overall.relapse.matured),
      `wins a year old or more; so far ${overall.relapse.soFar.relapsed} of ${overall.relapse.soFar.relapsed + overall.relapse.soFar.atRisk} newer`,
    ],
  ]
  for (const campaign of figures.lift.campaigns) {
    lines.push(liftLine(campaign.name ?? `campaign ${campaign.campaignId}`, campaign.lift))
  }
  if (figures.lift.pooled !== null) {
    lines.push(liftLine('all campaigns', figures.lift.pooled.lift))
  }
  const basis =
    figures.churnBasis?.basis === 'estimate'
      ? '\nchurn: active customers at the start are estimated (no analysis run near the start)\n'
      : ''
  const heading = `Program figures ${figures.from} to ${figures.to}\n`
  return `${heading}${renderTable(lines, HEADLINE)}${basis}${figures.by === null ? '' : `\nby ${figures.by}\n${renderGroups(figures.groups)}`}`
}

function liftLine(
  name: string,
  lift: { estimate: number; lower: number; upper: number } | null,
): Line {
  return [
    `lift: ${name}`,
    lift === null ? '–' : `${(lift.estimate * 100).toFixed(1)} pts`,
    lift === null ? '' : `${(lift.lower * 100).toFixed(1)}–${(lift.upper * 100).toFixed(1)} pts`,
    'Newcombe 1998',
  ]
}

const of = (read: (set: FigureSet) => string) => (group: FigureGroup) => read(group.figures)

const GROUP_COLUMNS: readonly Column<FigureGroup>[] = [
  { key: 'group', header: 'group', value: (group) => group.label },
  { key: 'winBack', header: 'win-back', value: of((set) => rateText(set.winBack)), align: 'right' },
  {
    key: 'prospect',
    header: 'prospects',
    value: of((set) => rateText(set.prospectConversion)),
    align: 'right',
  },
  { key: 'churn', header: 'churn', value: of((set) => rateText(set.churn)), align: 'right' },
  {
    key: 'revenue',
    header: 'revenue recovered',
    value: of((set) => formatMinor(set.revenueRecoveredMinor)),
    align: 'right',
  },
  {
    key: 'days',
    header: 'days to win',
    value: of((set) => days(set.timeToWinBackDays.median)),
    align: 'right',
  },
  {
    key: 'cost',
    header: 'cost ÷ revenue',
    value: of((set) => percent(set.cost.perRevenue)),
    align: 'right',
  },
  {
    key: 'relapse',
    header: 're-lapse',
    value: of((set) => rateText(set.relapse.matured)),
    align: 'right',
  },
]

function renderGroups(groups: readonly FigureGroup[]): string {
  return renderTable(groups, GROUP_COLUMNS)
}
