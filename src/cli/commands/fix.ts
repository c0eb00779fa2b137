import type { Command } from 'commander'
import {
  type FixView,
  listFixViews,
  listReasonFixedAs,
  type ReasonFixedView,
  recordFix,
  recordNewDecisionMaker,
  resurfacedIds,
  type Store,
} from '../../app/index.js'
import { ValidationError } from '../../domain/errors.js'
import { type FixScope, parseFixScope } from '../../domain/fix.js'
import { parseIsoDate, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderRows, writeNote, writeOut } from '../output.js'
import { caseActorOf, userIdOf } from './case-options.js'

const FIX_COLUMNS: readonly Column<FixView>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'reason', header: 'reason', value: (row) => row.liveReasonCode },
  {
    key: 'scope',
    header: 'scope',
    value: (row) => (row.scope === null ? null : `${row.scope.kind}:${row.scope.value}`),
  },
  { key: 'fixedOn', header: 'fixed on', value: (row) => row.fixedOn },
  { key: 'ownerId', header: 'owner', value: (row) => row.ownerId },
  { key: 'note', header: 'what changed', value: (row) => row.note },
]

const RESURFACED_COLUMNS: readonly Column<ReasonFixedView>[] = [
  { key: 'subject', header: 'subject', value: (row) => row.subjectKey },
  { key: 'customerName', header: 'customer', value: (row) => row.customerName },
  { key: 'trigger', header: 'because', value: (row) => row.trigger },
  { key: 'fixId', header: 'fix', value: (row) => row.fixId },
  { key: 'reasonCode', header: 'reason', value: (row) => row.reasonCode },
  { key: 'occurredOn', header: 'on', value: (row) => row.occurredOn },
  { key: 'caseId', header: 'case', value: (row) => row.caseId },
  { key: 'taskId', header: 'task', value: (row) => row.taskId },
  { key: 'taskDone', header: 'told', value: (row) => row.taskDone },
]

interface AddOptions {
  readonly reason: string
  readonly date: string
  readonly scope?: string
  readonly owner?: string
  readonly note: string
  readonly json?: boolean
}

/** `comeback fix add|list|resurfaced|decision-maker`: fixes that bring lost customers back. */
export function registerFixCommand(program: Command): void {
  const command = program
    .command('fix')
    .description('record fixes of loss reasons and see what they resurfaced')
  command
    .command('add')
    .description('record a fix; every loss for that reason before the date resurfaces at once')
    .requiredOption('--reason <code>', 'the reason fixed')
    .requiredOption('--date <date>', 'when it was fixed, YYYY-MM-DD')
    .option('--scope <kind:value>', 'only segment:NAME, territory:NAME or rep:EMAIL')
    .option('--owner <email>', 'who owns the fix (default: you)')
    .requiredOption('--note <text>', 'what changed ("prices are now competitive")')
    .option('--json', 'print the fix and the ids it resurfaced as JSON')
    .action(async (options: AddOptions, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const result = await recordFix(context.store, caseActorOf(context), {
          reasonCode: options.reason,
          fixedOn: parseIsoDate('--date', options.date),
          note: options.note,
          scope: options.scope === undefined ? null : await scopeOf(context.store, options.scope),
          ...(options.owner === undefined
            ? {}
            : { ownerId: await userIdOf(context.store, '--owner', options.owner) }),
        })
        if (options.json === true) {
          // the ids first, so a script reads what came back without walking the items
          const answer = {
            fix: result.fix,
            ...resurfacedIds(result.resurfaced),
            resurfaced: result.resurfaced,
          }
          writeOut(`${JSON.stringify(answer, null, 2)}\n`)
          return
        }
        writeOut(
          `fix ${result.fix.id}: ${result.fix.liveReasonCode} fixed on ${result.fix.fixedOn}\n`,
        )
        writeOut(`${result.resurfaced.length} lost customers and deals resurfaced:\n`)
        for (const item of result.resurfaced) {
          writeOut(
            `  ${item.subjectKey}  task ${item.taskId ?? '-'} for user ${item.taskOwnerId ?? '-'} due ${item.taskDueOn ?? '-'}\n`,
          )
        }
      })
    })
  command
    .command('list')
    .description('every fix, newest first')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: { json?: boolean; csv?: boolean }, cmd: Command) => {
      const format = outputFormat(options)
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async ({ store }) => {
        writeOut(renderRows(await listFixViews(store), FIX_COLUMNS, format))
      })
    })
  registerResurfacedCommands(command)
}

function registerResurfacedCommands(command: Command): void {
  command
    .command('resurfaced')
    .description(
      'the "reason now fixed" list: losses brought back by fixes and new decision makers',
    )
    .option('--fix <id>', 'only what this fix brought back')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: { fix?: string; json?: boolean; csv?: boolean }, cmd: Command) => {
      const format = outputFormat(options)
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const triggerKey =
          options.fix === undefined
            ? {}
            : {
                triggerKey: `fix:${parseWholeNumber('--fix', options.fix, { min: 1, max: Number.MAX_SAFE_INTEGER })}`,
              }
        const rows = await listReasonFixedAs(context.store, caseActorOf(context), triggerKey)
        writeOut(renderRows(rows, RESURFACED_COLUMNS, format))
      })
    })
  command
    .command('decision-maker')
    .description('a lost account has a new decision maker: bring it and its lost deals back')
    .requiredOption('--customer <id>', 'the account')
    .requiredOption('--date <date>', 'when the decision maker changed, YYYY-MM-DD')
    .option('--json', 'print what resurfaced as JSON')
    .action(async (options: { customer: string; date: string; json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const result = await recordNewDecisionMaker(context.store, caseActorOf(context), {
          customerId: options.customer,
          changedOn: parseIsoDate('--date', options.date),
        })
        if (options.json === true) {
          // the ids first, so a script reads what came back without walking the items
          const answer = { ...resurfacedIds(result.resurfaced), resurfaced: result.resurfaced }
          writeOut(`${JSON.stringify(answer, null, 2)}\n`)
          return
        }
        writeNote(`${result.resurfaced.length} resurfaced`)
        for (const item of result.resurfaced) {
          writeOut(`${item.subjectKey}  task ${item.taskId ?? '-'}\n`)
        }
      })
    })
}

/** A scope option, with `rep:EMAIL` turned into the rep's user id. */
async function scopeOf(store: Store, text: string): Promise<FixScope> {
  const scope = parseFixScope(text)
  if ('path' in scope) {
    throw new ValidationError(scope.message, { issues: [scope] })
  }
  return scope.kind === 'rep'
    ? { kind: 'rep', value: String(await userIdOf(store, '--scope', scope.value)) }
    : scope
}
