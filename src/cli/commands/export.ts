import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import {
  type CustomerSort,
  type ExportFile,
  exportCustomersAs,
  exportLostAs,
  findUserByEmail,
  type LostListSort,
} from '../../app/index.js'
import { NotFoundError, ValidationError } from '../../domain/errors.js'
import { parseChoice, parseWholeNumber } from '../arguments.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import { writeNote } from '../output.js'

interface CommonOptions {
  readonly owner?: string
  readonly segment?: string
  readonly search?: string
  readonly sort?: string
  readonly json?: boolean
  readonly csv?: boolean
  readonly out?: string
}

interface LostOptions extends CommonOptions {
  readonly status?: string
  readonly kind?: string
  readonly reason?: string
  readonly minValue?: string
  readonly minOverdue?: string
}

interface CustomerOptions extends CommonOptions {
  readonly territory?: string
}

const LOST_SORT_KEYS = [
  'expectedValue',
  'valueIfWonBack',
  'winBackProbability',
  'overdueDays',
  'lostSince',
  'name',
] as const
const LOST_SORTS = LOST_SORT_KEYS.flatMap((key) => [key, `-${key}`]) as LostListSort[]
const CUSTOMER_SORTS = ['id', 'name', 'segment', 'territory', 'created_at'].flatMap((key) => [
  key,
  `-${key}`,
]) as CustomerSort[]

const optional = <TValue>(key: string, value: TValue | undefined) =>
  value === undefined ? {} : { [key]: value }

/**
 * `comeback export lost|customers`: the whole list the acting user may read, with the list's
 * filters, as spreadsheet-safe CSV (default) or JSON, to standard output or `--out FILE`. The same
 * use case as the API's export: audited, and bulk exports of named rows need admin, VP or analyst.
 */
export function registerExportCommand(program: Command): void {
  const exporter = program
    .command('export')
    .description('export the lost list or the customers as CSV or JSON (audited)')
  withCommon(exporter.command('lost').description('export the lost list'))
    .option('--status <status>', 'lost (default), lapsed or at_risk')
    .option('--kind <kind>', 'customer or deal (default both)')
    .option('--reason <code>', 'only this loss reason')
    .option('--min-value <minor>', 'only rows worth at least this, in minor units')
    .option('--min-overdue <days>', 'only rows overdue at least this many days')
    .option('--sort <key>', `one of ${LOST_SORTS.join(', ')}`)
    .action(async (options: LostOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const query = {
          ...(await commonFilters(context, options)),
          ...optional('status', choice('--status', options.status, ['lost', 'lapsed', 'at_risk'])),
          ...optional('kind', choice('--kind', options.kind, ['customer', 'deal'])),
          ...optional('reason', options.reason),
          ...optional('minValueMinor', whole('--min-value', options.minValue)),
          ...optional('minOverdueDays', whole('--min-overdue', options.minOverdue)),
          ...optional('sort', choice('--sort', options.sort, LOST_SORTS)),
        }
        const file = await exportLostAs(
          context.store,
          context.actor,
          query,
          exportOptions(context, options),
        )
        await writeFile(file, options.out)
      })
    })
  withCommon(exporter.command('customers').description('export the customers'))
    .option('--territory <territory>', 'only this territory')
    .option('--sort <key>', `one of ${CUSTOMER_SORTS.join(', ')}`)
    .action(async (options: CustomerOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const query = {
          ...(await commonFilters(context, options)),
          ...optional('territory', options.territory),
          ...optional('sort', choice('--sort', options.sort, CUSTOMER_SORTS)),
        }
        const file = await exportCustomersAs(
          context.store,
          context.actor,
          query,
          exportOptions(context, options),
        )
        await writeFile(file, options.out)
      })
    })
}

function withCommon(command: Command): Command {
  return command
    .option('--owner <email>', 'only accounts owned by this user')
    .option('--segment <segment>', 'only this segment')
    .option('--search <text>', 'name or id contains this text')
    .option('--csv', 'write spreadsheet-safe CSV (the default)')
    .option('--json', 'write a JSON array')
    .option('--out <file>', 'write to this file instead of standard output')
}

async function commonFilters(context: CliContext, options: CommonOptions) {
  let ownerId: number | undefined
  if (options.owner !== undefined) {
    const owner = await findUserByEmail(context.store, options.owner)
    if (owner === undefined) {
      throw new NotFoundError(`no user with email ${options.owner}`)
    }
    ownerId = Number(owner.id)
  }
  return {
    ...optional('ownerId', ownerId),
    ...optional('segment', options.segment),
    ...optional('search', options.search),
  }
}

function exportOptions(context: CliContext, options: CommonOptions) {
  if (options.json === true && options.csv === true) {
    throw new ValidationError('choose one output format: --json or --csv, not both')
  }
  return {
    format: options.json === true ? ('json' as const) : ('csv' as const),
    audit: { ...context.audit, actorLabel: context.auditActor },
  }
}

function choice<TChoice extends string>(
  option: string,
  text: string | undefined,
  choices: readonly TChoice[],
): TChoice | undefined {
  return text === undefined ? undefined : parseChoice(option, text, choices)
}

function whole(option: string, text: string | undefined): number | undefined {
  return text === undefined
    ? undefined
    : parseWholeNumber(option, text, { min: 0, max: Number.MAX_SAFE_INTEGER })
}

// streams the file piece by piece, waiting whenever the output is full
async function writeFile(file: ExportFile, out: string | undefined): Promise<void> {
  const target: Writable = out === undefined ? process.stdout : createWriteStream(out)
  let bytes = 0
  for await (const chunk of file.chunks) {
    bytes += Buffer.byteLength(chunk)
    if (!target.write(chunk)) {
      await once(target, 'drain')
    }
  }
  if (out !== undefined) {
    target.end()
    await once(target, 'finish')
    writeNote(`wrote ${bytes} bytes to ${out}`)
  }
}
