import type { Command } from 'commander'
import {
  companyCurrency,
  decideMakeGood,
  getMakeGoodSettings,
  listCaseMakeGoods,
  listMakeGoodsAs,
  type MakeGoodView,
  proposeMakeGood,
  setMakeGoodSettings,
  suggestMakeGoodFor,
} from '../../app/index.js'
import { MAKE_GOOD_KINDS } from '../../domain/make-good.js'
import { parseChoice, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import {
  type Column,
  formatMinor,
  outputFormat,
  renderFields,
  renderRows,
  writeOut,
} from '../output.js'
import { caseActorOf, collect, parseCaseId, parseMinorAmount } from './case-options.js'

const COLUMNS: readonly Column<MakeGoodView>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'caseId', header: 'case', value: (row) => row.caseId, align: 'right' },
  { key: 'kind', header: 'kind', value: (row) => row.kind },
  { key: 'value', header: 'value', value: (row) => formatMinor(row.valueMinor), align: 'right' },
  {
    key: 'suggested',
    header: 'suggested',
    value: (row) => formatMinor(row.suggestedMinor),
    align: 'right',
  },
  { key: 'flags', header: 'flags', value: (row) => row.flags.join(' ') },
  { key: 'status', header: 'status', value: (row) => row.status },
  { key: 'version', header: 'version', value: (row) => row.version, align: 'right' },
]

const STATUSES = ['proposed', 'approved', 'rejected'] as const
const FLAGS = ['too_small', 'too_large', 'price_concession'] as const

const idOf = (option: string, text: string) =>
  parseWholeNumber(option, text, { min: 1, max: Number.MAX_SAFE_INTEGER })

function printOffer(offer: MakeGoodView, json: boolean | undefined): void {
  if (json === true) {
    writeOut(`${JSON.stringify(offer, null, 2)}\n`)
    return
  }
  writeOut(renderRows([offer], COLUMNS, 'table'))
}

interface ProposeOptions {
  readonly kind: string
  readonly value: string
  readonly incident?: string[]
  readonly remedy?: boolean
  readonly description?: string
  readonly reason?: string
  readonly json?: boolean
}

interface DecideOptions {
  readonly ifVersion?: string
  readonly reason?: string
  readonly json?: boolean
}

/** `comeback makegood propose|approve|reject|list|suggest|limits`: make-goods on a case. */
export function registerMakegoodCommand(program: Command): void {
  const command = program
    .command('makegood')
    .description('make-goods: offers that answer damage done')
  command
    .command('propose <caseId>')
    .description('put an offer forward on a case; it is sized against the suggestion and flagged')
    .requiredOption('--kind <kind>', MAKE_GOOD_KINDS.join(', '))
    .requiredOption('--value <amount>', 'its value in the company currency, e.g. 2500 or 2500.50')
    .option('--incident <id>', 'an incident of that customer it answers (repeatable)', collect)
    .option('--remedy', 'it answers what the customer asked for')
    .option('--description <text>', 'what is offered')
    .option('--reason <text>', 'why (a price concession needs one)')
    .option('--json', 'print the offer as JSON')
    .action(async (caseId: string, options: ProposeOptions, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const currency = await companyCurrency(context.store)
        const offer = await proposeMakeGood(context.store, caseActorOf(context), {
          caseId: parseCaseId(caseId),
          kind: parseChoice('--kind', options.kind, MAKE_GOOD_KINDS),
          valueMinor: parseMinorAmount('--value', options.value, currency),
          incidentIds: (options.incident ?? []).map((id) => idOf('--incident', id)),
          answersRemedy: options.remedy === true,
          description: options.description ?? null,
          reason: options.reason ?? null,
        })
        printOffer(offer, options.json)
      })
    })
  for (const decision of ['approve', 'reject'] as const) {
    command
      .command(`${decision} <makeGoodId>`)
      .description(
        decision === 'approve'
          ? 'approve an offer within your limit (a price concession: the VP, with --reason)'
          : 'reject an offer',
      )
      .option('--if-version <n>', 'refuse if the offer changed since this version')
      .option('--reason <text>', 'the written reason')
      .option('--json', 'print the offer as JSON')
      .action(async (id: string, options: DecideOptions, cmd: Command) => {
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const offer = await decideMakeGood(context.store, caseActorOf(context), {
            makeGoodId: idOf('make-good id', id),
            decision,
            ...(options.ifVersion === undefined
              ? {}
              : { expectedVersion: idOf('--if-version', options.ifVersion) }),
            reason: options.reason ?? null,
          })
          printOffer(offer, options.json)
        })
      })
  }
  registerReadCommands(command)
}

function registerReadCommands(command: Command): void {
  command
    .command('list <caseId>')
    .description('the offers on a case, newest first')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (caseId: string, options: { json?: boolean; csv?: boolean }, cmd: Command) => {
      const format = outputFormat(options)
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const offers = await listCaseMakeGoods(
          context.store,
          caseActorOf(context),
          parseCaseId(caseId),
        )
        writeOut(
          format === 'json'
            ? `${JSON.stringify(offers, null, 2)}\n`
            : renderRows(offers, COLUMNS, format),
        )
      })
    })
  command
    .command('suggest <caseId>')
    .description('the damage, what the customer is worth back, and the size they suggest')
    .option('--json', 'print the advice as JSON')
    .action(async (caseId: string, options: { json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const advice = await suggestMakeGoodFor(
          context.store,
          caseActorOf(context),
          parseCaseId(caseId),
        )
        if (options.json === true) {
          writeOut(`${JSON.stringify(advice, null, 2)}\n`)
          return
        }
        writeOut(
          renderFields([
            ['damage', formatMinor(advice.basis.damageMinor)],
            ['value if won back', formatMinor(advice.basis.valueIfWonBackMinor)],
            ['suggested', formatMinor(advice.suggestion.suggestedMinor)],
            ['what they asked for', advice.remedy],
            ['rule', advice.suggestion.explanation],
          ]),
        )
      })
    })
  registerLimitsCommand(command)
  registerReportCommand(command)
}

function registerReportCommand(command: Command): void {
  command
    .command('report')
    .description(
      'every offer on a case you may read; --flag price_concession for the discouraged ones',
    )
    .option('--status <status>', 'proposed, approved or rejected')
    .option('--flag <flag>', 'too_small, too_large or price_concession')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(
      async (
        options: { status?: string; flag?: string; json?: boolean; csv?: boolean },
        cmd: Command,
      ) => {
        const format = outputFormat(options)
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const offers = await listMakeGoodsAs(context.store, caseActorOf(context), {
            ...(options.status === undefined
              ? {}
              : { status: parseChoice('--status', options.status, STATUSES) }),
            ...(options.flag === undefined
              ? {}
              : { flag: parseChoice('--flag', options.flag, FLAGS) }),
          })
          writeOut(
            format === 'json'
              ? `${JSON.stringify(offers, null, 2)}\n`
              : renderRows(offers, COLUMNS, format),
          )
        })
      },
    )
}

function registerLimitsCommand(command: Command): void {
  command
    .command('limits')
    .description('show approval limits and the sizing rule; an admin changes them with the options')
    .option('--rep <amount>', 'the most a rep approves')
    .option('--manager <amount>', 'the most a manager approves')
    .option('--vp <amount>', 'the most the VP approves ("none" for no limit)')
    .option('--json', 'print them as JSON')
    .action(
      async (
        options: { rep?: string; manager?: string; vp?: string; json?: boolean },
        cmd: Command,
      ) => {
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const currency = await companyCurrency(context.store)
          const amount = (option: string, text: string) =>
            text === 'none' ? null : parseMinorAmount(option, text, currency)
          const limits = {
            ...(options.rep === undefined ? {} : { rep: amount('--rep', options.rep) }),
            ...(options.manager === undefined
              ? {}
              : { manager: amount('--manager', options.manager) }),
            ...(options.vp === undefined ? {} : { vp: amount('--vp', options.vp) }),
          }
          const settings =
            Object.keys(limits).length === 0
              ? await getMakeGoodSettings(context.store)
              : await setMakeGoodSettings(context.store, caseActorOf(context), { limits })
          writeOut(`${JSON.stringify(settings, null, 2)}\n`)
        })
      },
    )
}
