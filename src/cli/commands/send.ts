import type { Command } from 'commander'
import { outreachConfigFromEnv, requireSendingConfig, sendTestEmail } from '../../app/index.js'
import { type GlobalOptions, withStore } from '../context.js'
import { writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

/**
 * `comeback send test --to ADDRESS` (issue 6 item 8): one sample win-back email through the real
 * path — the suppression check, the outbox, the headers and SMTP. A suppressed address fails with
 * one line and exit code non-zero, and nothing is sent. `comeback outbox test` is the same.
 */
export function registerSendCommand(program: Command): void {
  const send = program.command('send').description('send email now')
  send
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
