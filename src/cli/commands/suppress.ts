import type { Command } from 'commander'
import { addSuppression, listSuppressionsAs, type SuppressionView } from '../../app/index.js'
import { SUPPRESSION_KINDS } from '../../domain/suppression.js'
import { parseChoice, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderRows, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

const SUPPRESSION_COLUMNS: readonly Column<SuppressionView>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'email', header: 'email', value: (row) => row.email },
  { key: 'contactId', header: 'contact', value: (row) => row.contactId },
  { key: 'kind', header: 'kind', value: (row) => row.kind },
  { key: 'source', header: 'source', value: (row) => row.source },
  { key: 'createdAt', header: 'since', value: (row) => row.createdAt },
]

/**
 * `comeback suppress add|list`: people and addresses that must not be contacted. `--kind bounced`
 * records a bounce, which also flags the contacts at that address "old address — find the current
 * decision maker".
 */
export function registerSuppressCommand(program: Command): void {
  const suppress = program
    .command('suppress')
    .description('the suppression list: do not contact, unsubscribed, bounced, erased')
  suppress
    .command('add [email]')
    .description('suppress an address and/or a contact; adding it again changes nothing')
    .option('--contact <id>', 'the contact id')
    .option('--kind <kind>', SUPPRESSION_KINDS.join(', '), 'do_not_contact')
    .action(
      async (
        email: string | undefined,
        options: { contact?: string; kind: string },
        command: Command,
      ) => {
        const kind = parseChoice('--kind', options.kind, SUPPRESSION_KINDS)
        await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
          const result = await addSuppression(context.store, caseActorOf(context), {
            kind,
            ...(email === undefined ? {} : { email }),
            ...(options.contact === undefined
              ? {}
              : {
                  contactId: parseWholeNumber('--contact', options.contact, {
                    min: 1,
                    max: 2 ** 53 - 1,
                  }),
                }),
          })
          const flagged =
            result.flaggedContacts > 0
              ? `; ${result.flaggedContacts} contact(s) flagged: old address — find the current decision maker`
              : ''
          writeOut(`${result.added ? 'suppressed' : 'already suppressed'} (${kind})${flagged}\n`)
        })
      },
    )
  suppress
    .command('list')
    .description('the suppression list, newest first')
    .option('--limit <n>', 'how many', '500')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (options: { limit: string; json?: boolean; csv?: boolean }, command: Command) => {
      const format = outputFormat(options)
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const rows = await listSuppressionsAs(context.store, caseActorOf(context), {
          limit: parseWholeNumber('--limit', options.limit, { min: 1, max: 100_000 }),
          offset: 0,
        })
        writeOut(renderRows(rows, SUPPRESSION_COLUMNS, format))
      })
    })
}
