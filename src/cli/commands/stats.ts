import type { Command } from 'commander'
import { statsAs } from '../../app/index.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, renderRows, writeOut } from '../output.js'

type Count = readonly [table: string, rows: number]

const COLUMNS: readonly Column<Count>[] = [
  { key: 'table', header: 'table', value: ([table]) => table },
  { key: 'rows', header: 'rows', value: ([, rows]) => rows, align: 'right' },
]

/** `comeback stats`: how many customers, orders, deals, incidents, imports … the database holds. */
export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description(
      'count customers, orders, deals, incidents, contacts, contracts, imports and users',
    )
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      await withStore(globals, async ({ store, actor }) => {
        const counts = await statsAs(store, actor)
        if (options.json === true) {
          writeOut(`${JSON.stringify(counts, null, 2)}\n`)
          return
        }
        writeOut(renderRows(Object.entries(counts), COLUMNS, 'table'))
      })
    })
}
