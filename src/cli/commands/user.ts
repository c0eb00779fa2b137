import type { Command } from 'commander'
import {
  appendAudit,
  assertMayAccess,
  createUser,
  findUserByEmail,
  listUsersAs,
  type UserRow,
} from '../../app/index.js'
import { ROLES, type Role } from '../../domain/access-policy.js'
import { NotFoundError, ValidationError } from '../../domain/errors.js'
import { parseChoice, parseIsoDate } from '../arguments.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderFields, renderRows, writeOut } from '../output.js'

interface AddOptions {
  readonly email: string
  readonly name: string
  readonly role: string
  readonly manager?: string
  readonly startedOn?: string
  readonly json?: boolean
}

type UserLine = UserRow & { readonly manager_email: string | null }

const COLUMNS: readonly Column<UserLine>[] = [
  { key: 'id', header: 'id', value: (row) => Number(row.id), align: 'right' },
  { key: 'email', header: 'email', value: (row) => row.email },
  { key: 'name', header: 'name', value: (row) => row.name },
  { key: 'role', header: 'role', value: (row) => row.role },
  { key: 'manager_email', header: 'manager', value: (row) => row.manager_email },
  { key: 'started_on', header: 'started', value: (row) => row.started_on },
  { key: 'active', header: 'active', value: (row) => row.active === 1 },
]

// a pragmatic shape check; whether mail arrives is for sign-in to find out
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** `comeback user add|list`: the people who use Comeback, their roles and managers. */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('add and list users')
  user
    .command('add')
    .description('add a user (an admin only; no password yet: sign-in sets one)')
    .requiredOption('--email <email>', 'their work email, used to sign in')
    .requiredOption('--name <name>', 'their full name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--manager <email>', 'their manager, which defines teams')
    .option('--started-on <date>', 'the day they started, YYYY-MM-DD (default today)')
    .option('--json', 'print the new user as JSON')
    .action(async (options: AddOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), (context) =>
        addAction(context, options),
      )
    })
  user
    .command('list')
    .description('list the users the acting user may see')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: { json?: boolean; csv?: boolean }, command: Command) => {
      const format = outputFormat(options)
      await withStore(command.optsWithGlobals<GlobalOptions>(), async ({ store, actor }) => {
        const users = await listUsersAs(store, actor)
        writeOut(renderRows(withManagerEmails(users), COLUMNS, format))
      })
    })
}

async function addAction(context: CliContext, options: AddOptions): Promise<void> {
  const { store, actor, audit } = context
  await assertMayAccess(store, { actor, action: 'write', type: 'user' }, audit)
  const email = options.email.trim()
  if (!EMAIL.test(email)) {
    throw new ValidationError(`--email must be an email address, not "${options.email}"`)
  }
  if (options.name.trim() === '') {
    throw new ValidationError('--name must not be empty')
  }
  const role: Role = parseChoice('--role', options.role, ROLES)
  const startedOn = parseIsoDate(
    '--started-on',
    options.startedOn ?? new Date().toISOString().slice(0, 10),
  )
  const manager =
    options.manager === undefined ? undefined : await findUserByEmail(store, options.manager)
  if (options.manager !== undefined && manager === undefined) {
    throw new NotFoundError(`no manager with email ${options.manager}`)
  }
  const created = await store.db.transaction().execute(async (trx) => {
    const row = await createUser(trx, {
      email,
      name: options.name.trim(),
      role,
      manager_id: manager === undefined ? null : manager.id,
      started_on: startedOn,
      password_hash: null,
    })
    await appendAudit(trx, {
      actor: context.auditActor,
      via: 'cli',
      action: 'create',
      objectType: 'user',
      objectId: String(row.id),
      fields: ['email', 'name', 'role', 'manager_id', 'started_on'],
    })
    return row
  })
  const line: UserLine = { ...created, manager_email: manager?.email ?? null }
  if (options.json === true) {
    writeOut(`${JSON.stringify(renderRowsObject(line), null, 2)}\n`)
    return
  }
  writeOut(renderFields(COLUMNS.map((column) => [column.header, column.value(line)] as const)))
}

function renderRowsObject(line: UserLine): unknown {
  return Object.fromEntries(COLUMNS.map((column) => [column.key, column.value(line)]))
}

function withManagerEmails(users: readonly UserRow[]): UserLine[] {
  const emails = new Map(users.map((user) => [Number(user.id), user.email]))
  return users.map((user) => ({
    ...user,
    manager_email: user.manager_id === null ? null : (emails.get(Number(user.manager_id)) ?? null),
  }))
}
