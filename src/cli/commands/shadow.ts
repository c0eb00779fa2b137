import type { Command } from 'commander'
import {
  addShadowContentAs,
  getShadowSettings,
  listShadowContentAs,
  retireShadowContentAs,
  runShadowCadence,
  type ShadowContentView,
  type ShadowMember,
  type ShadowSettings,
  setShadowSettings,
  shadowPortfolioAs,
} from '../../app/index.js'
import { can } from '../../domain/access-policy.js'
import { ForbiddenError } from '../../domain/errors.js'
import { parseChoice, parseIsoDate, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderFields, renderRows, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

const MEMBER_COLUMNS: readonly Column<ShadowMember>[] = [
  { key: 'subjectKey', header: 'subject', value: (row) => row.subjectKey },
  { key: 'name', header: 'name', value: (row) => row.name },
  { key: 'ownerId', header: 'owner', value: (row) => row.ownerId, align: 'right' },
  { key: 'lastTouchOn', header: 'last touch', value: (row) => row.lastTouchOn },
  { key: 'nextTouchOn', header: 'next touch', value: (row) => row.nextTouchOn },
  { key: 'nextValueKind', header: 'value', value: (row) => row.nextValueKind },
  {
    key: 'channel',
    header: 'by',
    value: (row) => (row.contactId === null ? 'call task' : 'email'),
  },
  { key: 'onRadar', header: 'radar', value: (row) => (row.onRadar ? row.nextChoiceOn : '') },
]

const CONTENT_COLUMNS: readonly Column<ShadowContentView>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'valueKind', header: 'kind', value: (row) => row.valueKind },
  { key: 'title', header: 'title', value: (row) => row.title },
  { key: 'url', header: 'url', value: (row) => row.url },
  { key: 'segment', header: 'segment', value: (row) => row.segment },
  { key: 'active', header: 'active', value: (row) => (row.active ? 'yes' : 'no') },
]

const idOf = (text: string) => parseWholeNumber('id', text, { min: 1, max: 2 ** 53 - 1 })
const json = (value: unknown) => writeOut(`${JSON.stringify(value, null, 2)}\n`)

/**
 * `comeback shadow [--json|--csv]`: the shadow portfolio (SPEC §7) — ex-customers and failed sales
 * kept warm with value-adding touches — with each one's last and next touch; `shadow content
 * add|list|retire` the library the touches carry; `shadow settings` the cadence; `shadow run` makes
 * the due touches now (the worker does it daily).
 */
export function registerShadowCommand(program: Command): void {
  const shadow = program
    .command('shadow')
    .description('the shadow portfolio: who is kept warm, and when the next touch is')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .option('--today <date>', 'plan as of this day (YYYY-MM-DD)')
    .action(
      async (options: { json?: boolean; csv?: boolean; today?: string }, command: Command) => {
        await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
          const view = await shadowPortfolioAs(context.store, caseActorOf(context), {
            ...(options.today === undefined
              ? {}
              : { today: parseIsoDate('--today', options.today) }),
          })
          if (options.json === true) {
            json(view)
            return
          }
          writeOut(renderRows(view.members, MEMBER_COLUMNS, outputFormat(options)))
        })
      },
    )
  registerContent(shadow)
  registerSettings(shadow)
  shadow
    .command('run')
    .description('make the due touches now (admins; the worker does this every day)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const who = caseActorOf(context)
        if (!can(who.actor, 'write', { type: 'setting' })) {
          throw new ForbiddenError('making the shadow touches by hand is for admins')
        }
        const outcome = await runShadowCadence(context.store, who)
        if (options.json === true) {
          json(outcome)
          return
        }
        writeOut(`${renderFields(Object.entries(outcome))}\n`)
      })
    })
}

interface AddOptions {
  readonly title: string
  readonly url: string
  readonly kind: string
  readonly segment?: string
  readonly json?: boolean
}

function registerContent(shadow: Command): void {
  const content = shadow.command('content').description("the touches' content library")
  content
    .command('add')
    .description('add a case study, article or introduction (admins, VP, managers, analysts)')
    .requiredOption('--title <title>', 'what it is called')
    .requiredOption('--url <url>', 'where it is (http or https)')
    .requiredOption('--kind <kind>', 'case_study, article, check_in or referral')
    .option('--segment <segment>', 'only for customers of this segment')
    .option('--json', 'print JSON')
    .action(async (options: AddOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const item = await addShadowContentAs(context.store, caseActorOf(context), {
          title: options.title,
          url: options.url,
          valueKind: options.kind,
          segment: options.segment ?? null,
        })
        if (options.json === true) {
          json(item)
          return
        }
        writeOut(`added content item ${item.id} (${item.valueKind}): ${item.title}\n`)
      })
    })
  content
    .command('list')
    .description('the library')
    .option('--all', 'include retired items')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (options: { all?: boolean; json?: boolean; csv?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const items = await listShadowContentAs(context.store, caseActorOf(context), {
          all: options.all === true,
        })
        writeOut(renderRows(items, CONTENT_COLUMNS, outputFormat(options)))
      })
    })
  content
    .command('retire <id>')
    .description('stop using an item (past touches keep naming it)')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        await retireShadowContentAs(context.store, caseActorOf(context), idOf(id))
        writeOut(`retired content item ${id}\n`)
      })
    })
}

interface SettingsOptions {
  readonly minDays?: string
  readonly maxDays?: string
  readonly radarDays?: string
  readonly tone?: string
  readonly json?: boolean
}

function registerSettings(shadow: Command): void {
  shadow
    .command('settings')
    .description('show, or (admins) change, the cadence, the radar and the tone')
    .option('--min-days <n>', 'fewest days between touches (default 42)')
    .option('--max-days <n>', 'most days between touches (default 56)')
    .option('--radar-days <n>', 'days before a supplier choice a lost deal comes back (default 60)')
    .option('--tone <tone>', 'professional or fun')
    .option('--json', 'print JSON')
    .action(async (options: SettingsOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const days = (name: string, text: string | undefined) =>
          text === undefined ? undefined : parseWholeNumber(name, text, { min: 0, max: 365 })
        const change: Partial<ShadowSettings> = Object.fromEntries(
          Object.entries({
            minDays: days('--min-days', options.minDays),
            maxDays: days('--max-days', options.maxDays),
            radarDays: days('--radar-days', options.radarDays),
            tone:
              options.tone === undefined
                ? undefined
                : parseChoice('--tone', options.tone, ['professional', 'fun'] as const),
          }).filter(([, value]) => value !== undefined),
        )
        const settings =
          Object.keys(change).length === 0
            ? await getShadowSettings(context.store)
            : await setShadowSettings(context.store, caseActorOf(context), change)
        if (options.json === true) {
          json(settings)
          return
        }
        writeOut(`${renderFields(Object.entries(settings))}\n`)
      })
    })
}
