import type { Command } from 'commander'
import {
  assertMayAccess,
  listOutboxAs,
  type OutboxMessageView,
  outreachConfigFromEnv,
  queueEmail,
  requireSendingConfig,
  sendOutbox,
  sendTestEmail,
} from '../../app/index.js'
import { OUTBOX_STATUSES } from '../../domain/outbox.js'
import { parseChoice, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderFields, renderRows, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

const OUTBOX_COLUMNS: readonly Column<OutboxMessageView>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'status', header: 'status', value: (row) => row.status },
  { key: 'customerId', header: 'customer', value: (row) => row.customerId },
  { key: 'to', header: 'to', value: (row) => row.to },
  { key: 'subject', header: 'subject', value: (row) => row.subject },
  { key: 'queuedAt', header: 'queued', value: (row) => row.queuedAt },
  { key: 'error', header: 'error', value: (row) => row.error },
]

interface QueueOptions {
  readonly contact: string
  readonly template: string
  readonly reason?: string
  readonly fixed?: string
  readonly offer?: string
  readonly key?: string
}

/**
 * `comeback outbox send|list|queue`: the stored queue of outgoing email. `send` runs it once and
 * can be rerun safely: nothing is sent twice, and a message a crashed run left unanswered becomes
 * `unknown` rather than being sent again (TESTPLAN T8).
 */
export function registerOutboxCommand(program: Command): void {
  const outbox = program.command('outbox').description('the queue of outgoing email')
  outbox
    .command('send')
    .description('send every queued message once (settings: README "Email")')
    .option('--limit <n>', 'stop after this many messages')
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { limit?: string; json?: boolean }, command: Command) => {
      const config = requireSendingConfig(outreachConfigFromEnv())
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const who = caseActorOf(context)
        await assertMayAccess(
          context.store,
          { actor: who.actor, action: 'write', type: 'campaign' },
          who.audit,
        )
        const limit =
          options.limit === undefined
            ? undefined
            : parseWholeNumber('--limit', options.limit, { min: 1, max: 10_000_000 })
        const result = await sendOutbox(context.store, config, limit === undefined ? {} : { limit })
        writeOut(
          options.json === true
            ? `${JSON.stringify(result, null, 2)}\n`
            : `${renderFields(Object.entries(result))}\n`,
        )
      })
    })
  outbox
    .command('list')
    .description('the outbox, newest first')
    .option('--status <status>', `only one status: ${OUTBOX_STATUSES.join(', ')}`)
    .option('--limit <n>', 'how many', '100')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(
      async (
        options: { status?: string; limit: string; json?: boolean; csv?: boolean },
        command: Command,
      ) => {
        const format = outputFormat(options)
        await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
          const page = await listOutboxAs(context.store, caseActorOf(context), {
            ...(options.status === undefined
              ? {}
              : { status: parseChoice('--status', options.status, OUTBOX_STATUSES) }),
            limit: parseWholeNumber('--limit', options.limit, { min: 1, max: 10_000 }),
            offset: 0,
          })
          writeOut(renderRows(page.messages, OUTBOX_COLUMNS, format))
        })
      },
    )
  registerQueue(outbox)
  registerTest(outbox)
}

function registerQueue(outbox: Command): void {
  outbox
    .command('queue')
    .description('queue one email to a contact from a template')
    .requiredOption('--contact <id>', 'the contact id')
    .requiredOption('--template <key>', 'the template key (see template list)')
    .option('--reason <text>', 'why they left, for {{reason}}')
    .option('--fixed <text>', 'what was fixed, for {{what_was_fixed}}')
    .option('--offer <text>', 'the offer, for {{offer}}')
    .option('--key <key>', 'an idempotency key: queueing it again queues nothing')
    .action(async (options: QueueOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const queued = await queueEmail(context.store, caseActorOf(context), {
          contactId: parseWholeNumber('--contact', options.contact, { min: 1, max: 2 ** 53 - 1 }),
          templateKey: options.template,
          ...(options.reason === undefined ? {} : { reason: options.reason }),
          ...(options.fixed === undefined ? {} : { whatWasFixed: options.fixed }),
          ...(options.offer === undefined ? {} : { offer: options.offer }),
          ...(options.key === undefined ? {} : { idempotencyKey: options.key }),
        })
        writeOut(
          `${queued.created ? 'queued' : 'already queued'}: message ${queued.id} (send with: comeback outbox send)\n`,
        )
      })
    })
}

function registerTest(outbox: Command): void {
  outbox
    .command('test')
    .description('send one sample win-back email through the real path (suppression, outbox, SMTP)')
    .requiredOption('--to <address>', 'where to send it')
    .action(async (options: { to: string }, command: Command) => {
      const config = requireSendingConfig(outreachConfigFromEnv())
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const sent = await sendTestEmail(context.store, caseActorOf(context), {
          to: options.to,
          config,
        })
        writeOut(`sent: message ${sent.messageId} to ${options.to}\n`)
      })
    })
}
