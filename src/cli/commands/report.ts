import type { Command } from 'commander'
import { FIGURE_DIMENSIONS, programFiguresAs, programReportCsv } from '../../app/index.js'
import { parseChoice } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { outputFormat, writeOut } from '../output.js'
import { renderProgramFigures } from './report-view.js'

interface ReportOptions {
  readonly from?: string
  readonly to?: string
  readonly by?: string
  readonly json?: boolean
  readonly csv?: boolean
}

/**
 * `comeback report`: the program's figures (SPEC §10) for a period — a readable table against the
 * seeds' bands, `--json` as the API answers, or `--csv` spreadsheet-safe (TESTPLAN T14).
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      "the program's figures: win-back rate, prospect conversion, churn, revenue recovered, time to win back, costs, re-lapse and campaign lift, against the seeds' bands",
    )
    .option('--from <date>', 'first day of the period (default: a year before --to)')
    .option('--to <date>', 'last day of the period (default: today)')
    .option('--by <dimension>', `break down by ${FIGURE_DIMENSIONS.join(', ')}`)
    .option('--json', 'print one JSON object')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: ReportOptions, command: Command) => {
      const format = outputFormat(options)
      const by =
        options.by === undefined ? undefined : parseChoice('--by', options.by, FIGURE_DIMENSIONS)
      await withStore(command.optsWithGlobals<GlobalOptions>(), async ({ store, actor }) => {
        const figures = await programFiguresAs(store, actor, {
          ...(options.from === undefined ? {} : { from: options.from }),
          ...(options.to === undefined ? {} : { to: options.to }),
          ...(by === undefined ? {} : { by }),
        })
        if (format === 'json') {
          writeOut(`${JSON.stringify(figures, null, 2)}\n`)
        } else if (format === 'csv') {
          writeOut(programReportCsv(figures))
        } else {
          writeOut(renderProgramFigures(figures))
        }
      })
    })
}
