import type { Command } from 'commander'
import { dismissLetGo, type LetGoSuggestion, letGoSuggestions, markLetGo } from '../../app/index.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderRows, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

const SUGGESTION_COLUMNS: readonly Column<LetGoSuggestion>[] = [
  { key: 'customerId', header: 'customer', value: (row) => row.customerId },
  { key: 'name', header: 'name', value: (row) => row.customerName },
  { key: 'incidents', header: 'incidents', value: (row) => row.incidents, align: 'right' },
  { key: 'orders', header: 'orders', value: (row) => row.orders, align: 'right' },
  { key: 'undone', header: 'undone', value: (row) => row.refundedOrCancelled, align: 'right' },
  { key: 'reason', header: 'reason', value: (row) => row.reason },
  { key: 'rule', header: 'rule', value: (row) => row.findings.map((f) => f.rule).join('; ') },
]

/**
 * `comeback letgo suggest|mark|dismiss`: customers not worth winning back (SPEC §7 "let go"):
 * what the data suggests, with the rule shown, and the decision with its reason.
 */
export function registerLetgoCommand(program: Command): void {
  const letgo = program
    .command('letgo')
    .description('let go customers not worth winning back: suggestions, and the decision')
  letgo
    .command('suggest')
    .description('customers the data says to let go, each with the rule that fired')
    .option('--json', 'print JSON')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: { json?: boolean; csv?: boolean }, cmd: Command) => {
      const format = outputFormat(options)
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const rows = await letGoSuggestions(context.store, caseActorOf(context))
        writeOut(renderRows(rows, SUGGESTION_COLUMNS, format))
      })
    })
  letgo
    .command('mark <customer>')
    .description('let a customer go: a leave-them-happy task, and no campaign takes them again')
    .requiredOption(
      '--reason <code>',
      'difficult, unprofitable, late_payer, too_many_incidents or other',
    )
    .option('--note <text>', 'why, in a few words')
    .action(
      async (customerId: string, options: { reason: string; note?: string }, cmd: Command) => {
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const done = await markLetGo(context.store, caseActorOf(context), {
            customerId,
            reason: options.reason,
            ...(options.note === undefined ? {} : { note: options.note }),
          })
          writeOut(
            done.changed
              ? `${customerId} let go${done.taskId === null ? '' : `; task ${done.taskId}: leave them happy, ask for a referral`}\n`
              : `${customerId} was already let go\n`,
          )
        })
      },
    )
  letgo
    .command('dismiss <customer>')
    .description('keep a suggested customer: they are not suggested again')
    .action(async (customerId: string, _options: object, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const done = await dismissLetGo(context.store, caseActorOf(context), { customerId })
        writeOut(done.changed ? `suggestion for ${customerId} dismissed\n` : 'nothing changed\n')
      })
    })
}
