import type { Command } from 'commander'
import {
  accrueEarnings,
  addBountyRule,
  type BountyRuleView,
  bountyLeaderboard,
  bountyLedger,
  companyCurrency,
  type EarningView,
  type LeaderboardLine,
  listBountyRuleViews,
  setBaseCommissionRate,
  statementCsv,
} from '../../app/index.js'
import { ValidationError } from '../../domain/errors.js'
import { parseIsoDate, parseWholeNumber } from '../arguments.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import { type Column, formatMinor, outputFormat, renderRows, writeOut } from '../output.js'
import { caseActorOf, parseMinorAmount, userIdOf } from './case-options.js'

const RULE_COLUMNS: readonly Column<BountyRuleView>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'name', header: 'name', value: (row) => row.name },
  { key: 'fixed', header: 'fixed', value: (row) => formatMinor(row.fixedMinor), align: 'right' },
  { key: 'multiplier', header: 'multiplier', value: (row) => row.multiplier, align: 'right' },
  { key: 'months', header: 'months', value: (row) => row.months, align: 'right' },
  {
    key: 'cap',
    header: 'cap',
    value: (row) => (row.capMinor === null ? null : formatMinor(row.capMinor)),
  },
  {
    key: 'managerShare',
    header: 'manager share',
    value: (row) => row.managerShare,
    align: 'right',
  },
  { key: 'effectiveFrom', header: 'from', value: (row) => row.effectiveFrom },
  { key: 'active', header: 'active', value: (row) => row.active },
]

const LEDGER_COLUMNS: readonly Column<EarningView>[] = [
  { key: 'at', header: 'booked', value: (row) => row.at.slice(0, 10) },
  { key: 'person', header: 'person', value: (row) => row.userName },
  { key: 'customer', header: 'customer', value: (row) => row.customerName ?? row.customerId },
  { key: 'orderId', header: 'order', value: (row) => row.orderId, align: 'right' },
  { key: 'ruleId', header: 'rule', value: (row) => row.ruleId, align: 'right' },
  { key: 'kind', header: 'kind', value: (row) => row.kind },
  { key: 'entry', header: 'entry', value: (row) => row.entry },
  { key: 'amount', header: 'amount', value: (row) => formatMinor(row.amountMinor), align: 'right' },
]

const BOARD_COLUMNS: readonly Column<LeaderboardLine>[] = [
  { key: 'rank', header: '#', value: (row) => row.rank, align: 'right' },
  { key: 'name', header: 'person', value: (row) => row.name },
  { key: 'role', header: 'role', value: (row) => row.role },
  { key: 'net', header: 'earned', value: (row) => formatMinor(row.netMinor), align: 'right' },
  { key: 'cases', header: 'cases', value: (row) => row.cases, align: 'right' },
]

interface RuleOptions {
  readonly name: string
  readonly fixed?: string
  readonly multiplier?: string
  readonly months?: string
  readonly cap?: string
  readonly managerShare?: string
  readonly from?: string
  readonly json?: boolean
}

function share(option: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new ValidationError(`${option} is a number from ${min} to ${max}, not "${text}"`)
  }
  return value
}

async function ruleInput(context: CliContext, options: RuleOptions) {
  const currency = await companyCurrency(context.store)
  return {
    name: options.name,
    ...(options.fixed === undefined
      ? {}
      : { fixedMinor: parseMinorAmount('--fixed', options.fixed, currency) }),
    ...(options.multiplier === undefined
      ? {}
      : { multiplier: share('--multiplier', options.multiplier, 1, 10) }),
    ...(options.months === undefined
      ? {}
      : { months: parseWholeNumber('--months', options.months, { min: 1, max: 120 }) }),
    ...(options.cap === undefined
      ? {}
      : { capMinor: parseMinorAmount('--cap', options.cap, currency) }),
    ...(options.managerShare === undefined
      ? {}
      : { managerShare: share('--manager-share', options.managerShare, 0, 1) }),
    ...(options.from === undefined ? {} : { effectiveFrom: parseIsoDate('--from', options.from) }),
  }
}

/** `comeback bounty rules|add-rule|rate|accrue|ledger|statement|leaderboard`: pay for victories. */
export function registerBountyCommand(program: Command): void {
  const command = program
    .command('bounty')
    .description('pay for victories: bounty rules and earnings')
  command
    .command('rules')
    .description('every bounty rule')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: { json?: boolean; csv?: boolean }, cmd: Command) => {
      const format = outputFormat(options)
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async ({ store }) => {
        writeOut(renderRows(await listBountyRuleViews(store), RULE_COLUMNS, format))
      })
    })
  command
    .command('add-rule')
    .description('add a rule (admins): a fixed bounty and/or a multiplier on the first months')
    .requiredOption('--name <text>', 'what the rule is called')
    .option('--fixed <amount>', 'a fixed bounty per won-back customer')
    .option('--multiplier <m>', 'commission multiplier on won-back revenue, e.g. 2')
    .option('--months <n>', 'months from the win the multiplier runs (default 12)')
    .option('--cap <amount>', 'the most one person earns from one case')
    .option('--manager-share <share>', "the case owner's share, 0 to 1 (default 0.5)")
    .option('--from <date>', 'cases won from this date on (YYYY-MM-DD)')
    .option('--json', 'print the rule as JSON')
    .action(async (options: RuleOptions, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const rule = await addBountyRule(
          context.store,
          caseActorOf(context),
          await ruleInput(context, options),
        )
        writeOut(
          options.json === true
            ? `${JSON.stringify(rule, null, 2)}\n`
            : renderRows([rule], RULE_COLUMNS, 'table'),
        )
      })
    })
  command
    .command('rate')
    .description("set a person's base commission rate (admins)")
    .requiredOption('--user <email>', 'whose rate')
    .requiredOption('--rate <share>', 'e.g. 0.05 for 5 %')
    .action(async (options: { user: string; rate: string }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const userId = await userIdOf(context.store, '--user', options.user)
        await setBaseCommissionRate(context.store, caseActorOf(context), {
          userId,
          rate: share('--rate', options.rate, 0, 1),
        })
        writeOut(`user ${userId}: base commission rate ${options.rate}\n`)
      })
    })
  registerEarningCommands(command)
}

function registerEarningCommands(command: Command): void {
  command
    .command('accrue')
    .description('book what won-back customers’ published orders earned (imports do it too)')
    .option('--as-of <date>', 'only orders up to this date')
    .option('--json', 'print the counts as JSON')
    .action(async (options: { asOf?: string; json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async ({ store }) => {
        const result = await accrueEarnings(
          store,
          options.asOf === undefined ? {} : { asOf: parseIsoDate('--as-of', options.asOf) },
        )
        writeOut(
          options.json === true
            ? `${JSON.stringify(result)}\n`
            : `${result.credited} credits and ${result.reversed} reversals booked over ${result.cases} won cases\n`,
        )
      })
    })
  for (const [name, description] of [
    ['ledger', 'earnings with totals: yours; a manager their team; VP, admin and analysts all'],
    ['statement', 'the ledger as a spreadsheet-safe CSV statement with a total row'],
  ] as const) {
    command
      .command(name)
      .description(description)
      .option('--user <email>', "one person's")
      .option('--json', 'print JSON')
      .option('--csv', 'print spreadsheet-safe CSV')
      .action(async (options: { user?: string; json?: boolean; csv?: boolean }, cmd: Command) => {
        const format = name === 'statement' && options.json !== true ? 'csv' : outputFormat(options)
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const filter =
            options.user === undefined
              ? {}
              : { userId: await userIdOf(context.store, '--user', options.user) }
          const ledger = await bountyLedger(context.store, caseActorOf(context), filter)
          if (format === 'json') {
            writeOut(`${JSON.stringify(ledger, null, 2)}\n`)
          } else if (name === 'statement') {
            writeOut(statementCsv(ledger))
          } else {
            writeOut(renderRows(ledger.items, LEDGER_COLUMNS, format))
            if (format === 'table') {
              writeOut(`total ${formatMinor(ledger.totalMinor)}\n`)
            }
          }
        })
      })
  }
  registerLeaderboardCommand(command)
}

function registerLeaderboardCommand(command: Command): void {
  command
    .command('leaderboard')
    .description('who earned most from victories')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: { json?: boolean; csv?: boolean }, cmd: Command) => {
      const format = outputFormat(options)
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async ({ store }) => {
        writeOut(renderRows(await bountyLeaderboard(store), BOARD_COLUMNS, format))
      })
    })
}
