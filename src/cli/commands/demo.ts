import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import {
  assertMayAccess,
  DEFAULT_DEMO_CUSTOMERS,
  DEFAULT_DEMO_SEED,
  type DemoLoadResult,
  loadDemoCompany,
  truthJsonLines,
} from '../../app/index.js'
import { ComebackError } from '../../domain/errors.js'
import { parseIsoDate, parseWholeNumber } from '../arguments.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeOut } from '../output.js'

interface DemoCommandOptions {
  readonly seed: string
  readonly customers: string
  readonly asOf?: string
  readonly truth?: string
  readonly json?: boolean
}

/** `comeback demo`: loads a seeded synthetic company into an empty database. */
export function registerDemoCommand(program: Command): void {
  program
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
  const summary = {
    database: context.database,
    seed: result.company.seed,
    asOf: result.company.asOf,
    currency: result.company.currency,
    counts: result.counts,
    truthFile: options.truth ?? null,
    seconds: Math.round(seconds * 100) / 100,
  }
  writeOut(options.json === true ? `${JSON.stringify(summary, null, 2)}\n` : describeLoad(summary))
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
