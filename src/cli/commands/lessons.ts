import type { Command } from 'commander'
import { type GoldenLessons, goldenLessons, type LessonRow } from '../../app/index.js'
import type { TrendPeriod } from '../../domain/case-dates.js'
import { parseChoice, parseIsoDate } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import {
  type Column,
  formatMinor,
  outputFormat,
  renderCsv,
  renderTable,
  writeNote,
  writeOut,
} from '../output.js'
import { caseActorOf } from './case-options.js'

interface LessonOptions {
  readonly from?: string
  readonly to?: string
  readonly period?: string
  readonly json?: boolean
  readonly csv?: boolean
}

/** One line of the CSV: which table it belongs to, its group (period, segment …), and the numbers. */
interface LessonLine {
  readonly section: string
  readonly group: string | null
  readonly code: string
  readonly label: string | null
  readonly fixable: boolean | null
  readonly count: number
  readonly countShare: number | null
  readonly cumulativeCountShare: number | null
  readonly revenueMinor: number
  readonly revenueShare: number | null
  readonly cumulativeRevenueShare: number | null
}

const percent = (value: number | null) => (value === null ? '' : `${Math.round(value * 100)} %`)

function paretoColumns(by: 'count' | 'revenue'): readonly Column<LessonRow>[] {
  const cumulative = (row: LessonRow) =>
    by === 'count' ? row.cumulativeCountShare : row.cumulativeRevenueShare
  return [
    { key: 'code', header: 'reason', value: (row) => row.label },
    { key: 'fixable', header: 'fixable', value: (row) => row.fixable },
    { key: 'count', header: 'count', value: (row) => row.count, align: 'right' },
    {
      key: 'countShare',
      header: 'share',
      value: (row) => row.countShare,
      display: (row) => percent(row.countShare),
      align: 'right',
    },
    {
      key: 'revenueMinor',
      header: 'lost revenue',
      value: (row) => row.revenueMinor,
      display: (row) => formatMinor(row.revenueMinor),
      align: 'right',
    },
    {
      key: 'revenueShare',
      header: 'share',
      value: (row) => row.revenueShare,
      display: (row) => percent(row.revenueShare),
      align: 'right',
    },
    {
      key: 'cumulative',
      header: 'cumulative',
      value: cumulative,
      display: (row) => percent(cumulative(row)),
      align: 'right',
    },
  ]
}

const LINE_COLUMNS: readonly Column<LessonLine>[] = (
  [
    'section',
    'group',
    'code',
    'label',
    'fixable',
    'count',
    'countShare',
    'cumulativeCountShare',
    'revenueMinor',
    'revenueShare',
    'cumulativeRevenueShare',
  ] as const
).map((key) => ({ key, header: key, value: (row: LessonLine) => row[key] }))

/** `comeback lessons`: the golden lessons, why customers and sales were lost. */
export function registerLessonsCommand(program: Command): void {
  program
    .command('lessons')
    .description('the golden lessons: loss reasons by count and lost revenue, trend and breakdowns')
    .option('--from <date>', 'only losses on or after this date')
    .option('--to <date>', 'only losses on or before this date')
    .option('--period <period>', 'the trend’s period: month, quarter (default) or year')
    .option('--json', 'print everything as JSON')
    .option('--csv', 'print every table as CSV rows with a section column')
    .action(async (options: LessonOptions, cmd: Command) => {
      const format = outputFormat(options)
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const lessons = await goldenLessons(context.store, caseActorOf(context), {
          ...(options.from === undefined ? {} : { from: parseIsoDate('--from', options.from) }),
          ...(options.to === undefined ? {} : { to: parseIsoDate('--to', options.to) }),
          ...(options.period === undefined
            ? {}
            : {
                period: parseChoice<TrendPeriod>('--period', options.period, [
                  'month',
                  'quarter',
                  'year',
                ]),
              }),
        })
        if (format === 'json') {
          writeOut(`${JSON.stringify(lessons, null, 2)}\n`)
        } else if (format === 'csv') {
          writeOut(renderCsv(lessonLines(lessons), LINE_COLUMNS))
        } else {
          writeTables(lessons)
        }
      })
    })
}

function writeTables(lessons: GoldenLessons): void {
  writeOut(
    `By lost revenue (${lessons.currency}):\n${renderTable(lessons.byRevenue, paretoColumns('revenue'))}\n`,
  )
  writeOut(`By count:\n${renderTable(lessons.byCount, paretoColumns('count'))}`)
  writeNote(
    `${lessons.lossesWithReason} losses with a known reason; ${lessons.lostCustomersWithoutReason} lost customers still without one (use --json or --csv for the trend and breakdowns)`,
  )
}

function lessonLines(lessons: GoldenLessons): LessonLine[] {
  const pareto = (section: string, rows: readonly LessonRow[]): LessonLine[] =>
    rows.map((row) => ({ section, group: null, ...row }))
  const grouped = (section: string, rows: GoldenLessons['trend']): LessonLine[] =>
    rows.map((row) => ({
      section,
      group: row.group,
      code: row.code,
      label: null,
      fixable: null,
      count: row.count,
      countShare: null,
      cumulativeCountShare: null,
      revenueMinor: row.revenueMinor,
      revenueShare: null,
      cumulativeRevenueShare: null,
    }))
  return [
    ...pareto('by_count', lessons.byCount),
    ...pareto('by_revenue', lessons.byRevenue),
    ...grouped(`trend_${lessons.period}`, lessons.trend),
    ...grouped('segment', lessons.bySegment),
    ...grouped('territory', lessons.byTerritory),
    ...grouped('rep', lessons.byRep),
  ]
}
