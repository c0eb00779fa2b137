import type { Command } from 'commander'
import {
  assignCase,
  type CaseChangeInput,
  companyCurrency,
  moveCase,
  restCase,
  type Store,
  updateCase,
} from '../../app/index.js'
import { CASE_STAGES } from '../../domain/case-stage.js'
import { parseChoice, parseIsoDate } from '../arguments.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import { registerCaseAdminCommands } from './case-admin.js'
import {
  caseActorOf,
  collect,
  parseCaseId,
  parseMinorAmount,
  parseOverrides,
  userIdOf,
  versionFor,
} from './case-options.js'
import { writeDetail } from './case-views.js'

/** The answers `case move` and `case update` take, as commander hands them over. */
interface AnswerOptions {
  readonly ifVersion?: string
  readonly nextStep?: string
  readonly due?: string
  readonly research?: string
  readonly approach?: string
  readonly interviewer?: string
  readonly words?: string
  readonly reason: string[]
  readonly competitor?: string
  readonly reasonNote?: string
  readonly cost?: string
  readonly costNote?: string
  readonly remedy?: string
  readonly plan?: string
  readonly note?: string
  readonly endedOn?: string
  readonly override: string[]
  readonly json?: boolean
}

function answerOptions(command: Command): Command {
  return command
    .option(
      '--if-version <n>',
      'refuse if the case is no longer at this version (default: its current one)',
    )
    .option('--next-step <text>', 'the next step (default: the stage’s usual one)')
    .option('--due <date>', 'when the next step is due, YYYY-MM-DD (default: in a week)')
    .option('--research <text>', 'what we know: history, incidents, who decides now')
    .option(
      '--approach <channel>',
      'how we approached them: letter, card, email, call, meeting, gift, other',
    )
    .option('--interviewer <email>', 'who held the exit interview (managers and the VP)')
    .option('--words <text>', 'what happened, in the customer’s own words')
    .option(
      '--reason <code>',
      'a reason code (repeatable; replaces the case’s reasons)',
      collect,
      [],
    )
    .option('--competitor <name>', 'who they went to')
    .option('--reason-note <text>', 'free text beside the reason codes')
    .option('--cost <amount>', 'what it cost them, in the company currency')
    .option('--cost-note <text>', 'what it cost them, in words')
    .option('--remedy <text>', 'what they would like us to do')
    .option('--plan <text>', 'the plan both sides agreed to')
    .option('--note <text>', 'why the case ends (not compatible, let go)')
    .option('--ended-on <date>', 'the day it ended (default today)')
    .option(
      '--override <rule=reason>',
      'set a rule aside with a written reason (repeatable)',
      collect,
      [],
    )
    .option('--json', 'print the case as JSON')
}

/** Registers `case move|update|assign|rest` and the admin subcommands under `case`. */
export function registerCaseChangeCommands(command: Command): void {
  answerOptions(command.command('move'))
    .description('move a case to a stage, answering what that stage asks for')
    .argument('<id>', 'the case id')
    .requiredOption('--to <stage>', `the stage: ${CASE_STAGES.join(', ')}`)
    .action(async (id: string, options: AnswerOptions & { to: string }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const input = await changeInput(context, parseCaseId(id), options)
        const to = parseChoice('--to', options.to, CASE_STAGES)
        writeDetail(
          await moveCase(context.store, caseActorOf(context), { ...input, to }),
          options.json === true,
        )
      })
    })
  answerOptions(command.command('update'))
    .description('record answers or a new next step without moving the case')
    .argument('<id>', 'the case id')
    .action(async (id: string, options: AnswerOptions, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const input = await changeInput(context, parseCaseId(id), options)
        writeDetail(
          await updateCase(context.store, caseActorOf(context), input),
          options.json === true,
        )
      })
    })
  registerAssignCommand(command)
  registerRestCommand(command)
  registerCaseAdminCommands(command)
}

async function changeInput(
  context: CliContext,
  caseId: number,
  options: AnswerOptions,
): Promise<CaseChangeInput> {
  const { store } = context
  const text = <TKey extends string>(key: TKey, value: string | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<TKey, string>)
  const finding = {
    ...text('customerWords', options.words),
    ...text('competitor', options.competitor),
    ...text('reasonNote', options.reasonNote),
    ...text('customerCostNote', options.costNote),
    ...text('remedy', options.remedy),
    ...(options.reason.length === 0 ? {} : { reasons: options.reason }),
    ...(options.cost === undefined
      ? {}
      : {
          customerCostMinor: parseMinorAmount('--cost', options.cost, await companyCurrency(store)),
        }),
  }
  return {
    caseId,
    expectedVersion: await versionFor(store, caseActorOf(context), caseId, options.ifVersion),
    finding,
    overrides: parseOverrides(options.override),
    ...text('nextStep', options.nextStep),
    ...text('researchNotes', options.research),
    ...text('approachChannel', options.approach),
    ...text('planSummary', options.plan),
    ...text('endingNote', options.note),
    ...(options.due === undefined ? {} : { nextStepDueOn: parseIsoDate('--due', options.due) }),
    ...(options.endedOn === undefined
      ? {}
      : { endedOn: parseIsoDate('--ended-on', options.endedOn) }),
    ...(options.interviewer === undefined
      ? {}
      : { interviewerId: await userIdOf(store, '--interviewer', options.interviewer) }),
  }
}

interface AssignOptions {
  readonly ifVersion?: string
  readonly owner?: string
  readonly rep: string[]
  /** false after --no-reps */
  readonly reps?: boolean
  readonly interviewer?: string
  readonly nextStep?: string
  readonly due?: string
  readonly override: string[]
  readonly json?: boolean
}

function registerAssignCommand(command: Command): void {
  command
    .command('assign')
    .description('change who works a case: owner, reps, interviewer (managers and the VP)')
    .argument('<id>', 'the case id')
    .option('--if-version <n>', 'refuse if the case is no longer at this version')
    .option('--owner <email>', 'the new owner, a manager or the VP')
    .option(
      '--rep <email>',
      'the reps from now on (repeatable; replaces the current ones)',
      collect,
      [],
    )
    .option('--no-reps', 'take every rep off the case')
    .option('--interviewer <email>', 'who holds the exit interview ("owner" hands it back)')
    .option('--next-step <text>', 'a new next step')
    .option('--due <date>', 'when it is due, YYYY-MM-DD')
    .option(
      '--override <rule=reason>',
      'set a rule aside with a written reason (repeatable)',
      collect,
      [],
    )
    .option('--json', 'print the case as JSON')
    .action(async (id: string, options: AssignOptions, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const caseId = parseCaseId(id)
        const detail = await assignCase(context.store, caseActorOf(context), {
          caseId,
          expectedVersion: await versionFor(
            context.store,
            caseActorOf(context),
            caseId,
            options.ifVersion,
          ),
          overrides: parseOverrides(options.override),
          ...(await peopleOf(context.store, options)),
          ...(options.nextStep === undefined ? {} : { nextStep: options.nextStep }),
          ...(options.due === undefined
            ? {}
            : { nextStepDueOn: parseIsoDate('--due', options.due) }),
        })
        writeDetail(detail, options.json === true)
      })
    })
}

async function peopleOf(
  store: Store,
  options: AssignOptions,
): Promise<{ ownerId?: number; repIds?: number[]; interviewerId?: number | null }> {
  const reps =
    options.reps === false
      ? []
      : await Promise.all(options.rep.map((rep) => userIdOf(store, '--rep', rep)))
  return {
    ...(options.owner === undefined
      ? {}
      : { ownerId: await userIdOf(store, '--owner', options.owner) }),
    ...(options.rep.length > 0 || options.reps === false ? { repIds: reps } : {}),
    ...(options.interviewer === undefined
      ? {}
      : {
          interviewerId:
            options.interviewer === 'owner'
              ? null
              : await userIdOf(store, '--interviewer', options.interviewer),
        }),
  }
}

function registerRestCommand(command: Command): void {
  command
    .command('rest')
    .description('the icy shoulder: pause a case until a date, with no approach meanwhile')
    .argument('<id>', 'the case id')
    .requiredOption('--until <date>', 'when it comes back, YYYY-MM-DD (after today)')
    .option('--note <text>', 'the step to take when it comes back')
    .option('--if-version <n>', 'refuse if the case is no longer at this version')
    .option('--json', 'print the case as JSON')
    .action(
      async (
        id: string,
        options: { until: string; note?: string; ifVersion?: string; json?: boolean },
        cmd: Command,
      ) => {
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const caseId = parseCaseId(id)
          const who = caseActorOf(context)
          const detail = await restCase(context.store, who, {
            caseId,
            expectedVersion: await versionFor(context.store, who, caseId, options.ifVersion),
            until: parseIsoDate('--until', options.until),
            ...(options.note === undefined ? {} : { note: options.note }),
          })
          writeDetail(detail, options.json === true)
        })
      },
    )
}
