import type { Command } from 'commander'
import { type RelapseTally, relapseReport } from '../../app/index.js'
import { parseIsoDate } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, renderTable, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

const rate = (row: RelapseTally) => (row.rate === null ? '—' : `${Math.round(row.rate * 100)} %`)

const TALLY_COLUMNS: readonly Column<RelapseTally>[] = [
  { key: 'key', header: 'group', value: (row) => row.key },
  { key: 'wins', header: 'wins', value: (row) => row.wins, align: 'right' },
  { key: 'relapsed', header: 're-lapsed', value: (row) => row.relapsed, align: 'right' },
  { key: 'closedWins', header: '12 months over', value: (row) => row.closedWins, align: 'right' },
  { key: 'rate', header: 'rate', value: rate, align: 'right' },
]

/**
 * `comeback relapse [--as-of DATE] [--json]`: won-back customers lost again within 12 months of
 * the win, overall, by reason and by owner (SPEC "Figures").
 */
export function registerRelapseCommand(program: Command): void {
  program
    .command('relapse')
    .description(
      'won-back customers lost again within 12 months: counts and rate, by reason and owner',
    )
    .option('--as-of <date>', 'count up to this date (default today)')
    .option('--json', 'print JSON')
    .action(async (options: { asOf?: string; json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const report = await relapseReport(
          context.store,
          caseActorOf(context),
          options.asOf === undefined ? {} : { asOf: parseIsoDate('--as-of', options.asOf) },
        )
        if (options.json === true) {
          writeOut(`${JSON.stringify(report, null, 2)}\n`)
          return
        }
        writeOut(
          [
            `Re-lapse as of ${report.asOf} (rate over wins whose 12 months are over)`,
            renderTable([report.total], TALLY_COLUMNS),
            'By reason',
            renderTable(report.byReason, TALLY_COLUMNS),
            'By owner (user id)',
            renderTable(report.byOwner, TALLY_COLUMNS),
          ].join('\n'),
        )
      })
    })
}
