import type { Command } from 'commander'
import {
  type CampaignSegment,
  type CampaignView,
  campaignResults,
  createCampaign,
  getCampaignAs,
  launchCampaign,
  listCampaignsAs,
} from '../../app/index.js'
import { ValidationError } from '../../domain/errors.js'
import { parseChoice, parseIsoDate, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import {
  type Column,
  formatMinor,
  outputFormat,
  renderFields,
  renderRows,
  writeOut,
} from '../output.js'
import { caseActorOf } from './case-options.js'

const COLUMNS: readonly Column<CampaignView>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'name', header: 'name', value: (row) => row.name },
  { key: 'status', header: 'status', value: (row) => row.status },
  { key: 'templateKey', header: 'template', value: (row) => row.templateKey },
  { key: 'holdoutShare', header: 'holdout', value: (row) => row.holdoutShare, align: 'right' },
  { key: 'scheduledOn', header: 'scheduled', value: (row) => row.scheduledOn },
  { key: 'launchedAt', header: 'launched', value: (row) => row.launchedAt },
]

interface CreateOptions {
  readonly name: string
  readonly template: string
  readonly holdout?: string
  readonly on?: string
  readonly status?: string
  readonly kind?: string
  readonly segment?: string
  readonly owner?: string
  readonly reason?: string
  readonly minValue?: string
  readonly minOverdue?: string
  readonly search?: string
  readonly json?: boolean
}

function segmentOf(options: CreateOptions): CampaignSegment {
  const whole = (name: string, text: string | undefined) =>
    text === undefined ? undefined : parseWholeNumber(name, text, { min: 0, max: 2 ** 53 - 1 })
  const fields = {
    status:
      options.status === undefined
        ? undefined
        : parseChoice('--status', options.status, ['lost', 'lapsed', 'at_risk'] as const),
    kind:
      options.kind === undefined
        ? undefined
        : parseChoice('--kind', options.kind, ['customer', 'deal'] as const),
    segment: options.segment,
    ownerId: whole('--owner', options.owner),
    reason: options.reason,
    minValueMinor: whole('--min-value', options.minValue),
    minOverdueDays: whole('--min-overdue', options.minOverdue),
    search: options.search,
  }
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
}

function holdoutOf(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined
  }
  const share = Number(text)
  if (!(share >= 0 && share <= 1)) {
    throw new ValidationError(`--holdout must be a share between 0 and 1, not "${text}"`)
  }
  return share
}

const idOf = (text: string) => parseWholeNumber('id', text, { min: 1, max: 2 ** 53 - 1 })
const print = (
  json: boolean | undefined,
  value: object,
  fields: [string, string | number | null][],
) => writeOut(json === true ? `${JSON.stringify(value, null, 2)}\n` : `${renderFields(fields)}\n`)

/**
 * `comeback campaign create|list|show|launch|results`: campaigns over a saved lost-list segment
 * with a random holdout (SPEC §5); results give the win-back lift with a 95 % interval.
 */
export function registerCampaignCommand(program: Command): void {
  const campaign = program.command('campaign').description('campaigns with a random holdout')
  registerCreate(campaign)
  campaign
    .command('list')
    .description('the campaigns, newest first')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (options: { json?: boolean; csv?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const items = await listCampaignsAs(context.store, caseActorOf(context))
        writeOut(renderRows(items, COLUMNS, outputFormat(options)))
      })
    })
  campaign
    .command('show <id>')
    .description('one campaign')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const found = await getCampaignAs(context.store, caseActorOf(context), idOf(id))
        print(options.json, found, [
          ...COLUMNS.map(
            (column) =>
              [
                column.header,
                found[column.key as keyof CampaignView] as string | number | null,
              ] as [string, string | number | null],
          ),
          ['segment', JSON.stringify(found.segment)],
          ['excluded', JSON.stringify(found.excluded)],
        ])
      })
    })
  registerLaunchAndResults(campaign)
}

function registerCreate(campaign: Command): void {
  campaign
    .command('create')
    .description('make a campaign from lost-list filters (members frozen now, a share held out)')
    .requiredOption('--name <name>', 'what to call it')
    .requiredOption('--template <key>', 'the email template (see template list)')
    .option('--holdout <share>', 'the share held out at random, 0–1 (default 0.1)')
    .option('--on <date>', 'the date it is scheduled for, YYYY-MM-DD')
    .option('--status <status>', 'lost (default), lapsed or at_risk')
    .option('--kind <kind>', 'customer or deal')
    .option('--segment <segment>', 'only this segment')
    .option('--owner <id>', 'only this owner')
    .option('--reason <code>', 'only this loss reason')
    .option('--min-value <minor>', 'only worth at least this much back (minor units)')
    .option('--min-overdue <days>', 'only overdue at least this many days')
    .option('--search <text>', 'only names matching')
    .option('--json', 'print JSON')
    .action(async (options: CreateOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const holdoutShare = holdoutOf(options.holdout)
        const made = await createCampaign(context.store, caseActorOf(context), {
          name: options.name,
          templateKey: options.template,
          segment: segmentOf(options),
          ...(holdoutShare === undefined ? {} : { holdoutShare }),
          ...(options.on === undefined ? {} : { scheduledOn: parseIsoDate('--on', options.on) }),
        })
        print(options.json, made, [
          ['id', made.campaign.id],
          ['status', made.campaign.status],
          ['members', made.members],
          ['treated', made.treated],
          ['holdout', made.holdout],
          ['excluded (let go)', made.campaign.excluded['letGo'] ?? 0],
        ])
      })
    })
}

function registerLaunchAndResults(campaign: Command): void {
  campaign
    .command('launch <id>')
    .description('queue one email per treated member; the holdout gets none; safe to rerun')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const outcome = await launchCampaign(context.store, caseActorOf(context), idOf(id))
        print(options.json, outcome, Object.entries(outcome))
      })
    })
  campaign
    .command('results <id>')
    .description('per arm since launch, and the win-back lift with its 95 % interval')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const found = await campaignResults(context.store, caseActorOf(context), idOf(id))
        const arm = (name: string, row: typeof found.treated): [string, string][] => [
          [`${name} members`, String(row.members)],
          [`${name} sent`, String(row.sent)],
          [`${name} replies/meetings`, String(row.responses)],
          [`${name} win-backs`, String(row.winBacks)],
          [`${name} revenue`, formatMinor(row.revenueMinor)],
        ]
        const pct = (value: number) => `${(value * 100).toFixed(1)} %`
        const lift = found.lift
        print(options.json, found, [
          ['launched', found.launchedAt],
          ...arm('treated', found.treated),
          ...arm('holdout', found.holdout),
          [
            'lift (win-back rate)',
            lift === null
              ? 'n/a'
              : `${pct(lift.estimate)} (95 % CI ${pct(lift.lower)} to ${pct(lift.upper)}, Newcombe 1998)`,
          ],
        ])
      })
    })
}
