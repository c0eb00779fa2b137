import type { Command } from 'commander'
import { eraseCustomer, exportPersonalData, purgeExpiredContacts } from '../../app/index.js'
import { can } from '../../domain/access-policy.js'
import { ForbiddenError } from '../../domain/errors.js'
import { type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

/**
 * `comeback privacy purge|erase|export` (TESTPLAN T23, T24): the retention purge, a customer's
 * erasure (GDPR Art. 17) and the access export of all their data as JSON (Art. 15).
 */
export function registerPrivacyCommand(program: Command): void {
  const privacy = program.command('privacy').description('retention, erasure and access requests')
  privacy
    .command('purge')
    .description('anonymise every contact past the retention window (a re-run does nothing)')
    .option('--dry-run', 'count them, change nothing')
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { dryRun?: boolean; json?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const who = caseActorOf(context)
        if (!can(who.actor, 'write', { type: 'personal_data' })) {
          throw new ForbiddenError(
            `a ${who.actor.role} may not purge personal data: the admin does`,
          )
        }
        const result = await purgeExpiredContacts(context.store, {
          dryRun: options.dryRun === true,
          actor: context.auditActor,
          via: 'cli',
        })
        writeOut(
          options.json === true
            ? `${JSON.stringify(result, null, 2)}\n`
            : `${renderFields(Object.entries(result))}\n`,
        )
      })
    })
  privacy
    .command('erase')
    .description("erase a customer's personal data; orders are kept under the same id")
    .argument('<customer>', 'the customer id')
    .option('--json', 'print the outcome as JSON')
    .action(async (customer: string, options: { json?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const result = await eraseCustomer(context.store, caseActorOf(context), customer)
        writeOut(
          options.json === true
            ? `${JSON.stringify(result, null, 2)}\n`
            : `erased ${result.customerId}: ${result.contacts} contact(s); ${Object.entries(
                result.counts,
              )
                .map(([table, n]) => `${table} ${n}`)
                .join(', ')}\n`,
        )
      })
    })
  privacy
    .command('export')
    .description("all of a customer's data as JSON (an access request)")
    .argument('<customer>', 'the customer id')
    .action(async (customer: string, _options: unknown, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const data = await exportPersonalData(context.store, caseActorOf(context), customer)
        writeOut(`${JSON.stringify(data, null, 2)}\n`)
      })
    })
}
