import type { Command } from 'commander'
import { assertMayAccess, findUserByEmail, setUserPassword } from '../../app/index.js'
import { ComebackError, NotFoundError } from '../../domain/errors.js'
import { type GlobalOptions, withStore } from '../context.js'
import { writeOut } from '../output.js'

/**
 * `comeback user set-password --email E`: sets a user's password from standard input (or
 * `COMEBACK_PASSWORD`), never from an argument that `ps` would show. It also ends the user's
 * sessions and lifts a sign-in lock. Registered after `user`, as a subcommand of it.
 */
export function registerUserPasswordCommand(program: Command): void {
  const user =
    program.commands.find((command) => command.name() === 'user') ?? program.command('user')
  user
    .command('set-password')
    .description('set a password (read from stdin or $COMEBACK_PASSWORD); ends their sessions')
    .requiredOption('--email <email>', 'whose password')
    .action(async (options: { email: string }, command: Command) => {
      const password = await readPassword()
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const target = await findUserByEmail(context.store, options.email)
        if (target === undefined) {
          throw new NotFoundError(`no user with email ${options.email}`)
        }
        if (Number(target.id) !== context.actor.userId) {
          await assertMayAccess(
            context.store,
            { actor: context.actor, action: 'write', type: 'user' },
            context.audit,
          )
        }
        await setUserPassword(context.store, options.email, password, {
          ...context.audit,
          actorLabel: context.auditActor,
        })
        writeOut(`password set for ${target.email}; their sessions have ended\n`)
      })
    })
}

async function readPassword(): Promise<string> {
  const fromEnvironment = process.env['COMEBACK_PASSWORD']
  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    return fromEnvironment
  }
  if (process.stdin.isTTY) {
    throw new ComebackError(
      'INVALID_INPUT',
      'pipe the password on standard input (printf %s "$PW" | comeback user set-password …) or set COMEBACK_PASSWORD',
    )
  }
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  }
  // one trailing newline is the shell's, not the password's
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}
