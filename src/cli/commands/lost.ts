import type { Command } from 'commander'
import { assertMayAccess, type LostListRow, listLost } from '../../app/index.js'
import { parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderRows, writeNote, writeOut } from '../output.js'

interface LostCommandOptions {
  readonly top?: string
  readonly json?: boolean
  readonly csv?: boolean
}

const money = (value: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })

const COLUMNS: readonly Column<LostListRow>[] = [
  { key: 'id', header: 'id', value: (row) => row.id },
  { key: 'kind', header: 'kind', value: (row) => row.kind },
  { key: 'name', header: 'name', value: (row) => row.name },
  { key: 'status', header: 'status', value: (row) => row.status },
  { key: 'statusRule', header: 'rule', value: (row) => row.statusRule },
  { key: 'lostSince', header: 'lost since', value: (row) => row.lostSince },
  {
    key: 'pAlive',
    header: 'P(alive)',
    value: (row) => row.pAlive,
    display: (row) => (row.pAlive === null ? '' : `${Math.round(row.pAlive * 100)} %`),
    align: 'right',
  },
  { key: 'expectedNextOrder', header: 'next order due', value: (row) => row.expectedNextOrder },
  { key: 'overdueDays', header: 'overdue', value: (row) => row.overdueDays, align: 'right' },
  {
    key: 'historicalValue',
    header: 'history',
    value: (row) => row.historicalValue,
    display: (row) => money(row.historicalValue),
    align: 'right',
  },
  {
    key: 'valueIfWonBack',
    header: 'if won back',
    value: (row) => row.valueIfWonBack,
    display: (row) => money(row.valueIfWonBack),
    align: 'right',
  },
  {
    key: 'winBackProbability',
    header: 'P(win back)',
    value: (row) => row.winBackProbability,
    display: (row) => `${Math.round(row.winBackProbability * 100)} %`,
    align: 'right',
  },
  {
    key: 'expectedValue',
    header: 'expected',
    value: (row) => row.expectedValue,
    display: (row) => money(row.expectedValue),
    align: 'right',
  },
  { key: 'currency', header: 'cur', value: (row) => row.currency },
  {
    key: 'reasons',
    header: 'reasons',
    value: (row) => row.reasons.join(' '),
    display: (row) => `${row.reasons.join(', ')}${row.reasonFixed ? ' (now fixed)' : ''}`,
  },
  {
    key: 'reasonFixed',
    header: 'fixed',
    value: (row) => row.reasonFixed,
    display: (row) => (row.reasonFixed ? 'yes' : ''),
  },
  { key: 'explanation', header: 'why', value: (row) => row.explanation },
]

/** `comeback lost`: every lost customer and lost deal, best expected value first. */
export function registerLostCommand(program: Command): void {
  program
    .command('lost')
    .description('list every lost customer and lost deal, best expected value first')
    .option('--top <n>', 'only the best N')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: LostCommandOptions, command: Command) => {
      const format = outputFormat(options)
      const top =
        options.top === undefined
          ? undefined
          : parseWholeNumber('--top', options.top, { min: 1, max: 10_000_000 })
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        await assertMayAccess(
          context.store,
          { actor: context.actor, action: 'read', type: 'analysis' },
          context.audit,
        )
        const list = await listLost(context.store, top === undefined ? {} : { top })
        writeOut(
          format === 'json'
            ? `${JSON.stringify(list.rows.map(jsonRow), null, 2)}\n`
            : renderRows(list.rows, COLUMNS, format),
        )
        if (format === 'table') {
          writeNote(`${list.rows.length} lost, from analysis run ${list.runId} as of ${list.asOf}`)
        }
      })
    })
}

// JSON keeps `reasons` an array of codes (issue 5 part 7); the table and CSV join them
function jsonRow(row: LostListRow): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const column of COLUMNS) {
    fields[column.key] = column.value(row)
  }
  return { ...fields, reasons: [...row.reasons], reasonFixed: row.reasonFixed }
}
