import type { Command } from 'commander'
import {
  type CaseSubject,
  getCaseAs,
  listCasesAs,
  listOverdueStepsAs,
  openCase,
  pageCases,
} from '../../app/index.js'
import { CASE_STAGES, type CaseStage } from '../../domain/case-stage.js'
import { ValidationError } from '../../domain/errors.js'
import { parseChoice, parseIsoDate, parseWholeNumber } from '../arguments.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import { outputFormat, renderRows, writeNote, writeOut } from '../output.js'
import { registerCaseChangeCommands } from './case-change.js'
import { caseActorOf, collect, parseCaseId, parseOverrides, userIdOf } from './case-options.js'
import { CASE_COLUMNS, writeDetail } from './case-views.js'
import { registerCasePlanCommand } from './plan.js'

interface OpenOptions {
  readonly customer?: string
  readonly deal?: string
  readonly owner?: string
  readonly rep: string[]
  readonly interviewer?: string
  readonly nextStep?: string
  readonly due?: string
  readonly override: string[]
  readonly json?: boolean
}

interface ListOptions {
  readonly stage: string[]
  readonly open?: boolean
  readonly ended?: boolean
  readonly owner?: string
  readonly customer?: string
  readonly overdue?: boolean
  readonly sort?: string
  readonly limit?: string
  readonly offset?: string
  readonly json?: boolean
  readonly csv?: boolean
}

/** `comeback case open|list|show|move|update|assign|rest|…`: win-back cases from the command line. */
export function registerCaseCommand(program: Command): void {
  const command = program.command('case').description('open, list, show and move win-back cases')
  command
    .command('open')
    .description('open a case on a lost customer or lost deal (managers and the VP)')
    .option('--customer <id>', 'the lost customer')
    .option('--deal <id>', 'the lost deal (failed sale)')
    .option('--owner <email>', 'a manager or the VP who owns it (default: you)')
    .option('--rep <email>', 'a rep who works it with the owner (repeatable)', collect, [])
    .option('--interviewer <email>', 'who holds the exit interview (default: the owner)')
    .option('--next-step <text>', 'the first step (default: research the account)')
    .option('--due <date>', 'when the first step is due, YYYY-MM-DD (default: in a week)')
    .option(
      '--override <rule=reason>',
      'set a rule aside with a written reason (repeatable)',
      collect,
      [],
    )
    .option('--json', 'print the case as JSON')
    .action(async (options: OpenOptions, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), (context) =>
        openAction(context, options),
      )
    })
  listOptions(command.command('list')).description(
    'the cases you may see, most urgent next step first',
  )
  command
    .command('show')
    .description('one case: its finding, the next stage’s questions, its timeline')
    .argument('<id>', 'the case id')
    .option('--json', 'print the case as JSON')
    .action(async (id: string, options: { json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const detail = await getCaseAs(context.store, caseActorOf(context), parseCaseId(id))
        writeDetail(detail, options.json === true)
      })
    })
  registerCaseChangeCommands(command)
  registerCasePlanCommand(command)
  listOptions(program.command('cases')).description(
    'the case board as a list: the cases you may see (same as `case list`)',
  )
}

const CASE_SORTS = ['nextStepDueOn', 'openedOn', 'lostOn', 'lostValue', 'customerName'] as const

function listOptions(command: Command): Command {
  return command
    .option(
      '--stage <stage>',
      `only this stage (repeatable): ${CASE_STAGES.join(', ')}`,
      collect,
      [],
    )
    .option('--open', 'only open and resting cases')
    .option('--ended', 'only ended cases')
    .option('--owner <email>', 'only cases this person owns')
    .option('--customer <id>', 'only cases of this customer')
    .option('--overdue', 'only overdue steps on your list (yours and your reports’)')
    .option('--sort <key>', `sort by ${CASE_SORTS.join(', ')}; a leading - sorts descending`)
    .option('--limit <n>', 'at most this many cases (default 100)')
    .option('--offset <n>', 'skip this many first')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: ListOptions, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), (context) =>
        listAction(context, options),
      )
    })
}

async function openAction(context: CliContext, options: OpenOptions): Promise<void> {
  const { store } = context
  const who = caseActorOf(context)
  if ((options.customer === undefined) === (options.deal === undefined)) {
    throw new ValidationError('name what the case is about: --customer ID or --deal ID')
  }
  if (options.owner === undefined && who.actor.userId === 0) {
    throw new ValidationError('acting as the local admin, name the owner: --owner EMAIL')
  }
  const subject: CaseSubject =
    options.deal === undefined
      ? { kind: 'customer', customerId: options.customer ?? '' }
      : {
          kind: 'deal',
          dealId: parseWholeNumber('--deal', options.deal, {
            min: 1,
            max: Number.MAX_SAFE_INTEGER,
          }),
        }
  const repIds = await Promise.all(options.rep.map((rep) => userIdOf(store, '--rep', rep)))
  const detail = await openCase(store, who, {
    subject,
    repIds,
    overrides: parseOverrides(options.override),
    ...(options.owner === undefined
      ? {}
      : { ownerId: await userIdOf(store, '--owner', options.owner) }),
    ...(options.interviewer === undefined
      ? {}
      : { interviewerId: await userIdOf(store, '--interviewer', options.interviewer) }),
    ...(options.nextStep === undefined ? {} : { nextStep: options.nextStep }),
    ...(options.due === undefined ? {} : { nextStepDueOn: parseIsoDate('--due', options.due) }),
  })
  writeDetail(detail, options.json === true)
}

async function listAction(context: CliContext, options: ListOptions): Promise<void> {
  const format = outputFormat(options)
  const who = caseActorOf(context)
  if (options.open === true && options.ended === true) {
    throw new ValidationError('choose --open or --ended, not both')
  }
  const stages = options.stage.map((stage): CaseStage => parseChoice('--stage', stage, CASE_STAGES))
  const rows =
    options.overdue === true
      ? await listOverdueStepsAs(context.store, who)
      : await listCasesAs(context.store, who, {
          ...(stages.length === 0 ? {} : { stages }),
          ...(options.open === true ? { open: true } : {}),
          ...(options.ended === true ? { open: false } : {}),
          ...(options.owner === undefined
            ? {}
            : { ownerId: await userIdOf(context.store, '--owner', options.owner) }),
          ...(options.customer === undefined ? {} : { customerId: options.customer }),
        })
  const sort = options.sort
  if (sort !== undefined && !(CASE_SORTS as readonly string[]).includes(sort.replace(/^-/, ''))) {
    throw new ValidationError(`--sort is one of ${CASE_SORTS.join(', ')} (a leading - descends)`)
  }
  const page = pageCases(rows, {
    ...(sort === undefined ? {} : { sort }),
    ...(options.limit === undefined
      ? {}
      : { limit: parseWholeNumber('--limit', options.limit, { min: 1, max: 100_000 }) }),
    ...(options.offset === undefined
      ? {}
      : { offset: parseWholeNumber('--offset', options.offset, { min: 0, max: 10_000_000 }) }),
  })
  if (page.items.length < page.total) {
    writeNote(`${page.items.length} of ${page.total} cases`)
  }
  writeOut(renderRows(page.items, CASE_COLUMNS, format))
}
