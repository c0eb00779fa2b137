import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import {
  addPlanCondition,
  addPlanExtra,
  agreePlan,
  companyCurrency,
  completePlanConditionAs,
  getPlanAs,
  type PlanConditionView,
  type PlanView,
  planAgreementPdf,
  startPlan,
} from '../../app/index.js'
import { parseChoice, parseIsoDate, parseWholeNumber } from '../arguments.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import { type Column, renderFields, renderRows, writeNote, writeOut } from '../output.js'
import { caseActorOf, parseCaseId, parseMinorAmount, userIdOf } from './case-options.js'

const CONDITIONS: readonly Column<PlanConditionView>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'text', header: 'condition', value: (row) => row.text },
  { key: 'side', header: 'side', value: (row) => row.side },
  { key: 'owner', header: 'owner', value: (row) => row.ownerName ?? row.contactName },
  { key: 'dueOn', header: 'due', value: (row) => row.dueOn },
  {
    key: 'status',
    header: 'status',
    value: (row) => (row.overdue ? 'overdue' : row.status),
  },
  { key: 'doneOn', header: 'done on', value: (row) => row.doneOn },
]

function printPlan(plan: PlanView, json: boolean | undefined): void {
  if (json === true) {
    writeOut(`${JSON.stringify(plan, null, 2)}\n`)
    return
  }
  writeOut(
    renderFields([
      ['case', plan.caseId],
      ['status', plan.status],
      ['version', plan.version],
      ['fix', plan.summary],
      [
        'agreed',
        plan.agreedOn === null ? null : `${plan.agreedOn} (version ${plan.agreedVersion})`,
      ],
      ['signers', plan.ourSigner === null ? null : `${plan.ourSigner} / ${plan.theirSigner}`],
      ['extras', plan.extras.map((extra) => extra.what).join('; ') || null],
    ]),
  )
  writeOut(renderRows(plan.conditions, CONDITIONS, 'table'))
}

const idOf = (option: string, text: string) =>
  parseWholeNumber(option, text, { min: 1, max: Number.MAX_SAFE_INTEGER })

async function writeAgreement(
  context: CliContext,
  caseId: number,
  options: { pdf: string; size?: string },
): Promise<void> {
  const file = await planAgreementPdf(context.store, caseActorOf(context), {
    caseId,
    paper: parseChoice('--size', options.size ?? 'a4', ['a4', 'letter'] as const),
  })
  await writeFile(options.pdf, file.pdf)
  writeNote(`wrote the agreement of case ${caseId} to ${options.pdf} (${file.pdf.length} bytes)`)
}

/**
 * `comeback case plan <caseId> [--pdf FILE]`: shows a case's written plan, or prints its
 * agreement to a PDF file. Registered under `comeback case`.
 */
export function registerCasePlanCommand(caseCommand: Command): void {
  caseCommand
    .command('plan <caseId>')
    .description("a case's written plan; --pdf FILE prints the agreement with both parties' names")
    .option('--pdf <file>', 'write the printable agreement (PDF) to this file')
    .option('--size <size>', 'paper for --pdf: a4 or letter', 'a4')
    .option('--json', 'print the plan as JSON')
    .action(
      async (
        caseId: string,
        options: { pdf?: string; size?: string; json?: boolean },
        cmd: Command,
      ) => {
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const id = parseCaseId(caseId)
          if (options.pdf !== undefined) {
            await writeAgreement(context, id, {
              pdf: options.pdf,
              ...(options.size === undefined ? {} : { size: options.size }),
            })
            return
          }
          printPlan(await getPlanAs(context.store, caseActorOf(context), id), options.json)
        })
      },
    )
}

interface ConditionOptions {
  readonly text: string
  readonly side: string
  readonly owner?: string
  readonly contact?: string
  readonly due: string
  readonly note?: string
  readonly json?: boolean
}

/** `comeback plan start|condition|done|extra|agree`: write a case's plan. */
export function registerPlanCommand(program: Command): void {
  const command = program
    .command('plan')
    .description('the written plan of a case: conditions both sides agree to, tracked to done')
  command
    .command('start <caseId>')
    .description('start the plan of a case with its fix')
    .option('--fix <text>', 'what we will do about what went wrong')
    .option('--json', 'print the plan as JSON')
    .action(async (caseId: string, options: { fix?: string; json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const plan = await startPlan(context.store, caseActorOf(context), {
          caseId: parseCaseId(caseId),
          summary: options.fix ?? null,
        })
        printPlan(plan, options.json)
      })
    })
  command
    .command('condition <caseId>')
    .description(
      "add a condition: ours (--owner, on their to-do list) or the customer's (--contact)",
    )
    .requiredOption(
      '--text <text>',
      'the condition, e.g. "weekly delivery report for three months"',
    )
    .requiredOption('--side <side>', 'us or customer')
    .option('--owner <user>', 'our owner, by email or id (default: the case owner)')
    .option('--contact <name>', "the customer's named contact who owes it")
    .requiredOption('--due <date>', 'the due date, YYYY-MM-DD')
    .option('--note <text>', 'a note')
    .option('--json', 'print the plan as JSON')
    .action(async (caseId: string, options: ConditionOptions, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const plan = await addPlanCondition(context.store, caseActorOf(context), {
          caseId: parseCaseId(caseId),
          condition: {
            text: options.text,
            side: parseChoice('--side', options.side, ['us', 'customer'] as const),
            ownerId:
              options.owner === undefined
                ? null
                : await userIdOf(context.store, '--owner', options.owner),
            contactName: options.contact ?? null,
            dueOn: parseIsoDate('--due', options.due),
            note: options.note ?? null,
          },
        })
        printPlan(plan, options.json)
      })
    })
  registerTrackingCommands(command)
}

function registerTrackingCommands(command: Command): void {
  command
    .command('done <caseId> <conditionId>')
    .description('mark a condition done (refused when it already is)')
    .option('--note <text>', 'a note')
    .option('--json', 'print the plan as JSON')
    .action(
      async (
        caseId: string,
        conditionId: string,
        options: { note?: string; json?: boolean },
        cmd: Command,
      ) => {
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const plan = await completePlanConditionAs(context.store, caseActorOf(context), {
            caseId: parseCaseId(caseId),
            conditionId: idOf('condition id', conditionId),
            note: options.note ?? null,
          })
          printPlan(plan, options.json)
        })
      },
    )
  registerExtraCommand(command)
  registerAgreeCommand(command)
}

function registerExtraCommand(command: Command): void {
  command
    .command('extra <caseId>')
    .description('record what is delivered beyond the fix ("X plus something else")')
    .requiredOption('--what <text>', 'what it is')
    .option('--value <amount>', 'what it is worth, in the company currency')
    .option('--delivered <date>', 'when it was delivered, YYYY-MM-DD')
    .option('--json', 'print the plan as JSON')
    .action(
      async (
        caseId: string,
        options: { what: string; value?: string; delivered?: string; json?: boolean },
        cmd: Command,
      ) => {
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const currency = await companyCurrency(context.store)
          const plan = await addPlanExtra(context.store, caseActorOf(context), {
            caseId: parseCaseId(caseId),
            extra: {
              what: options.what,
              valueMinor:
                options.value === undefined
                  ? null
                  : parseMinorAmount('--value', options.value, currency),
              deliveredOn:
                options.delivered === undefined
                  ? null
                  : parseIsoDate('--delivered', options.delivered),
            },
          })
          printPlan(plan, options.json)
        })
      },
    )
}

function registerAgreeCommand(command: Command): void {
  command
    .command('agree <caseId>')
    .description(
      'record that both sides agree the plan (signers: the case owner and --their-signer)',
    )
    .option(
      '--their-signer <name>',
      "the customer's contact who agrees (default: their decision maker)",
    )
    .option(
      '--if-version <n>',
      'refuse if the plan changed since this version (default: as it stands)',
    )
    .option('--json', 'print the plan as JSON')
    .action(
      async (
        caseId: string,
        options: { theirSigner?: string; ifVersion?: string; json?: boolean },
        cmd: Command,
      ) => {
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const id = parseCaseId(caseId)
          const who = caseActorOf(context)
          // the CLI user agrees what they just saw: the version as it stands, unless they name one
          const version =
            options.ifVersion === undefined
              ? ((await getPlanAs(context.store, who, id)).version ?? undefined)
              : idOf('--if-version', options.ifVersion)
          const plan = await agreePlan(context.store, who, {
            caseId: id,
            expectedVersion: version,
            theirSigner: options.theirSigner ?? null,
          })
          printPlan(plan, options.json)
        })
      },
    )
}
