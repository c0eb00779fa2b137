import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import {
  assertMayAccess,
  DEFAULT_DEMO_CUSTOMERS,
  DEFAULT_DEMO_SEED,
  type DemoLoadResult,
  type DemoSignIn,
  demoSignInsFileFor,
  demoTotpCode,
  giveDemoSignIns,
  loadDemoCompany,
  readDemoSignInsFile,
  type Store,
  truthJsonLines,
  usableDemoSignIns,
  writeDemoSignInsFile,
} from '../../app/index.js'
import { ComebackError, NotFoundError } from '../../domain/errors.js'
import { parseIsoDate, parseWholeNumber } from '../arguments.js'
import {
  type CliContext,
  DEFAULT_DATABASE,
  type GlobalOptions,
  withMigratedStore,
  withStore,
} from '../context.js'
import { renderFields, writeNote, writeOut } from '../output.js'

interface DemoCommandOptions {
  readonly seed: string
  readonly customers: string
  readonly asOf?: string
  readonly truth?: string
  readonly json?: boolean
}

/**
 * `comeback demo`: loads a seeded synthetic company into an empty database and gives one user per
 * role a sign-in; `comeback demo code EMAIL` prints a demo admin's or VP's current TOTP code.
 */
export function registerDemoCommand(program: Command): void {
  const demo = program
    .command('demo')
    .description(
      'load a realistic synthetic B2B company (customers, orders, deals, incidents, contacts, staff, past win-back attempts) into an empty database',
    )
    .option(
      '--seed <n>',
      'the seed: the same seed and as-of date give the same company',
      String(DEFAULT_DEMO_SEED),
    )
    .option(
      '--customers <n>',
      'customers who bought (prospects of failed sales come on top)',
      String(DEFAULT_DEMO_CUSTOMERS),
    )
    .option('--as-of <date>', 'last day of the company history, YYYY-MM-DD (default today)')
    .option('--truth <file>', "write each customer's hidden truth to this file as JSON lines")
    .option('--json', 'print one JSON object')
    .action(async (options: DemoCommandOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), (context) =>
        demoAction(context, options),
      )
    })
  demo
    .command('code')
    .argument('<email>', 'a demo admin or VP named in the sign-ins `start` or `demo` printed')
    .description(
      "print a demo admin's or VP's current 6-digit sign-in code, from the secret saved beside the database",
    )
    .action(async (email: string, _options: object, command: Command) => {
      await withMigratedStore(command.optsWithGlobals<GlobalOptions>(), async (store) => {
        const { code, secondsLeft } = await demoTotpCode(store, savedSignIns(store), email)
        writeOut(`${code}\n`)
        writeNote(`(current for ${secondsLeft} more seconds; each code signs in once)`)
      })
    })
}

function savedSignIns(store: Store): DemoSignIn[] {
  const file = demoSignInsFileFor(store)
  const saved = file === null ? null : readDemoSignInsFile(file)
  if (saved === null) {
    throw new NotFoundError(
      file === null
        ? 'demo sign-in codes are kept only beside a SQLite database'
        : `no demo sign-ins beside this database (${file}): they are made when the demo company is loaded`,
    )
  }
  return saved
}

/** Demo sign-ins made now, or saved at an earlier load, and where they are kept. */
export interface DemoSignInsView {
  readonly signIns: readonly DemoSignIn[]
  /** the 0600 file beside a SQLite database, or null (PostgreSQL: shown at the load only) */
  readonly file: string | null
  readonly fresh: boolean
}

/**
 * Gives the demo users their sign-ins right after the demo company was loaded and keeps them in
 * the file beside a SQLite database; admin and VP get a saved second factor only when there is
 * such a file (elsewhere they enrol an authenticator app at their first sign-in).
 */
export async function giveAndKeepDemoSignIns(
  context: CliContext,
  company: DemoLoadResult['company'],
): Promise<DemoSignInsView> {
  const file = demoSignInsFileFor(context.store)
  const signIns = await giveDemoSignIns(context.store, company, {
    actor: context.auditActor,
    preEnrol: file !== null,
  })
  if (file === null) {
    return { signIns, file, fresh: true }
  }
  try {
    writeDemoSignInsFile(file, signIns)
    return { signIns, file, fresh: true }
  } catch (error) {
    // the company is loaded; the sign-ins still work, they just cannot be shown again later
    writeNote(`${messageOf(error)}; the sign-ins below are shown this once`)
    return { signIns, file: null, fresh: true }
  }
}

/** The sign-ins saved beside a SQLite database that still work, or null when none are saved. */
export async function keptDemoSignIns(store: Store): Promise<DemoSignInsView | null> {
  const file = demoSignInsFileFor(store)
  try {
    const saved = file === null ? null : readDemoSignInsFile(file)
    return saved === null
      ? null
      : { signIns: await usableDemoSignIns(store, saved), file, fresh: false }
  } catch (error) {
    // a damaged or unreadable file must not keep the app from starting
    writeNote(`${messageOf(error)}; not showing demo sign-ins`)
    return null
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The sign-in lines: one user per role with email and password, and how admin and VP pass TOTP. */
export function describeDemoSignIns(view: DemoSignInsView, database: string): string {
  const { signIns } = view
  if (signIns.length === 0) {
    return 'The demo sign-ins kept beside this database no longer work (their passwords or second factors were changed).\n'
  }
  const width = Math.max(...signIns.map((signIn) => signIn.email.length))
  const withCode = signIns.filter((signIn) => signIn.totpSecret !== null)
  const db = database === DEFAULT_DATABASE ? '' : ` --db ${shellWord(database)}`
  const where =
    view.file === null
      ? 'shown this once: they are not kept anywhere'
      : `kept in ${view.file}, readable by you only`
  return [
    `Demo sign-ins, one user per role (${where}):`,
    ...signIns.map(
      (signIn) => `  ${signIn.role.padEnd(8)} ${signIn.email.padEnd(width)}  ${signIn.password}`,
    ),
    withCode.length > 0
      ? `${withCode.map((signIn) => signIn.role).join(' and ')} then type a 6-digit code: npx comeback${db} demo code EMAIL prints it.`
      : 'admin and vp then add Comeback to an authenticator app (the page shows how).',
    '',
  ].join('\n')
}

// a path as one shell word, quoted only when it needs to be
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`
}

async function demoAction(context: CliContext, options: DemoCommandOptions): Promise<void> {
  const seed = parseWholeNumber('--seed', options.seed, { min: 0, max: 0xffffffff })
  const customers = parseWholeNumber('--customers', options.customers, { min: 1, max: 1_000_000 })
  const asOf = options.asOf === undefined ? undefined : parseIsoDate('--as-of', options.asOf)
  const { store, actor, audit } = context
  await assertMayAccess(store, { actor, action: 'write', type: 'import' }, audit)
  const started = performance.now()
  const result = await loadDemoCompany(store, {
    seed,
    customers,
    ...(asOf === undefined ? {} : { asOf }),
    actor: context.auditActor,
  })
  const seconds = (performance.now() - started) / 1000
  if (options.truth !== undefined) {
    writeTruth(options.truth, result)
  }
  const signIns = await giveAndKeepDemoSignIns(context, result.company)
  const summary = {
    database: context.database,
    seed: result.company.seed,
    asOf: result.company.asOf,
    currency: result.company.currency,
    counts: result.counts,
    truthFile: options.truth ?? null,
    seconds: Math.round(seconds * 100) / 100,
    signIns: signIns.signIns.map(({ role, email, password }) => ({ role, email, password })),
    signInsFile: signIns.file,
  }
  writeOut(
    options.json === true
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `${describeLoad(summary)}\n${describeDemoSignIns(signIns, context.database)}`,
  )
}

function writeTruth(path: string, result: DemoLoadResult): void {
  try {
    writeFileSync(path, truthJsonLines(result.company.truth))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ComebackError(
      'INVALID_INPUT',
      `the demo company was loaded, but the truth file ${path} could not be written: ${reason}`,
      { cause: error },
    )
  }
}

function describeLoad(summary: {
  readonly database: string
  readonly seed: number
  readonly asOf: string
  readonly counts: DemoLoadResult['counts']
  readonly truthFile: string | null
  readonly seconds: number
}): string {
  const { counts } = summary
  return renderFields([
    [
      'loaded',
      `the demo company, seed ${summary.seed}, as of ${summary.asOf}, in ${summary.seconds} s`,
    ],
    ['database', summary.database],
    ['users', counts.users],
    ['customers', `${counts.customers} (with prospects of failed sales)`],
    ['orders', counts.orders],
    ['contacts', counts.contacts],
    ['contracts', counts.contracts],
    ['deals', counts.deals],
    ['incidents', counts.incidents],
    ['win-back attempts', counts.winBackAttempts],
    ['truth', summary.truthFile ?? 'not written (use --truth FILE)'],
  ])
}
