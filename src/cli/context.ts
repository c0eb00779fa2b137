import {
  type AuditContext,
  findUserByEmail,
  listUsers,
  openStore,
  type Store,
  type UserRow,
} from '../app/index.js'
import { type Actor, teamUserIds } from '../domain/access-policy.js'
import { ComebackError } from '../domain/errors.js'

/** The options every command inherits from the program. */
export interface GlobalOptions {
  readonly db?: string
  readonly as?: string
  readonly verbose?: boolean
}

/** The name of the built-in administrator a CLI write acts as on a local SQLite file by default. */
export const LOCAL_ADMIN = 'local-admin'

/** The database default when neither `--db` nor `COMEBACK_DB` names one. */
export const DEFAULT_DATABASE = './comeback.db'

/** Who a CLI command acts as: a user of the database, or the local admin of an embedded one. */
export interface CliIdentity {
  readonly actor: Actor
  /** what the audit log names: `user:<id>` or `local-admin` (never an email: TESTPLAN T20) */
  readonly auditActor: string
  readonly user: UserRow | null
  readonly audit: AuditContext
}

/** An open, migrated store and who is acting on it. */
export interface CliContext extends CliIdentity {
  readonly store: Store
  /** the SQLite path or PostgreSQL URL (password hidden), for messages */
  readonly database: string
}

/** The database a command opens: `--db`, else `COMEBACK_DB`, else `./comeback.db`. */
export function resolveDatabase(options: GlobalOptions): string {
  const database = options.db ?? process.env['COMEBACK_DB'] ?? DEFAULT_DATABASE
  if (database.trim() === '') {
    throw new ComebackError(
      'INVALID_INPUT',
      'the database is empty: give --db PATH or set COMEBACK_DB',
    )
  }
  return database
}

/**
 * Opens the database and brings its schema up to date, runs `work`, and always closes the store —
 * also when `work` throws.
 * @example await withMigratedStore(globals, async (store) => store.url)
 */
export async function withMigratedStore<T>(
  options: GlobalOptions,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(resolveDatabase(options))
  try {
    await store.migrate()
    return await work(store)
  } finally {
    await store.close()
  }
}

/**
 * Opens and migrates the database, resolves the acting user (`--as`, `COMEBACK_USER`, or the
 * local admin), runs `work`, and always closes the store.
 * @example await withStore(globals, async ({ store, actor }) => statsAs(store, actor))
 */
export async function withStore<T>(
  options: GlobalOptions,
  work: (context: CliContext) => Promise<T>,
): Promise<T> {
  return withMigratedStore(options, async (store) => {
    const identity = await resolveIdentity(store, options.as ?? process.env['COMEBACK_USER'])
    return work({ ...identity, store, database: store.url })
  })
}

/**
 * The acting user: the named user (who must exist and be active), or — when none is named — the
 * local admin, on an embedded SQLite database or on a server database that has no users yet (to add
 * the first admin). SPEC: a CLI write acts as a named user.
 */
export async function resolveIdentity(
  store: Store,
  email: string | undefined,
): Promise<CliIdentity> {
  const named = email === undefined || email.trim() === '' ? undefined : email.trim()
  if (named === undefined || named === LOCAL_ADMIN) {
    // a server database with no users yet needs someone to add the first admin
    if (store.dialect !== 'sqlite' && (await listUsers(store)).length > 0) {
      throw new ComebackError(
        'UNAUTHENTICATED',
        'on a PostgreSQL database, name the acting user with --as EMAIL or COMEBACK_USER',
      )
    }
    return {
      actor: { userId: 0, role: 'admin', teamUserIds: new Set() },
      auditActor: LOCAL_ADMIN,
      user: null,
      audit: { actorUserId: null, via: 'cli', requestId: null },
    }
  }
  const user = await findUserByEmail(store, named)
  if (user === undefined) {
    throw new ComebackError(
      'UNAUTHENTICATED',
      `no user with email ${named} in this database (an admin adds one with "comeback user add")`,
    )
  }
  if (user.active !== 1) {
    throw new ComebackError('UNAUTHENTICATED', `user ${named} is deactivated`)
  }
  const userId = Number(user.id)
  return {
    actor: { userId, role: user.role, teamUserIds: await teamOf(store, user) },
    auditActor: `user:${userId}`,
    user,
    audit: { actorUserId: userId, via: 'cli', requestId: null },
  }
}

async function teamOf(store: Store, user: UserRow): Promise<ReadonlySet<number>> {
  if (user.role !== 'manager') {
    return new Set([Number(user.id)])
  }
  const links = (await listUsers(store)).map((row) => ({
    id: Number(row.id),
    managerId: row.manager_id === null ? null : Number(row.manager_id),
  }))
  return teamUserIds(Number(user.id), links)
}
