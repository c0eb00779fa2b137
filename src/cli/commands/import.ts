import { SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import {
  assertMayAccess,
  CLI_IMPORT_STALE_AFTER_MS,
  type ImportFileResult,
  type ImportProgress,
  importFile,
  recoverAbandonedImports,
} from '../../app/index.js'
import { ValidationError } from '../../domain/errors.js'
import { IMPORT_KINDS, type ImportKind } from '../../domain/records.js'
import { parseChoice } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeNote, writeOut } from '../output.js'

interface ImportCommandOptions {
  readonly map: readonly string[]
  readonly dateFormat?: string
  readonly decimal?: string
  readonly currency?: string
  readonly timeZone?: string
  readonly rejects?: string
  readonly json?: boolean
}

/** `comeback import KIND FILE`: imports a CSV file of orders, customers, contacts, contracts, deals or incidents. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a CSV file; every record ends inserted, updated, unchanged or rejected')
    .argument('<kind>', IMPORT_KINDS.join(' | '))
    .argument('<file>', 'the CSV file (UTF-8, with a header row)')
    .option(
      '--map <field=header>',
      'take a field from this column, e.g. customer_id="Cust No" (repeatable)',
      collect,
      [],
    )
    .option('--date-format <format>', 'DD/MM/YYYY or MM/DD/YYYY, when the file does not settle it')
    .option('--decimal <mark>', 'the decimal mark, . or , when the file does not settle it')
    .option(
      '--currency <code>',
      'the company currency (default the company.currency setting, else USD)',
    )
    .option(
      '--time-zone <zone>',
      'the company time zone (default the company.timeZone setting, else UTC)',
    )
    .option(
      '--rejects <path>',
      'where the rejected-rows report goes (default FILE.rejects.csv beside it)',
    )
    .option('--json', 'print the counts as one JSON object, no progress bar')
    .action(
      async (kindText: string, file: string, options: ImportCommandOptions, command: Command) => {
        const kind = parseChoice('kind', kindText, IMPORT_KINDS)
        await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
          await assertMayAccess(
            context.store,
            { actor: context.actor, action: 'write', type: 'import' },
            context.audit,
          )
          await recoverAbandonedImports(context.store, { staleAfterMs: CLI_IMPORT_STALE_AFTER_MS })
          const bar = progressBar(options.json === true)
          try {
            const result = await importFile(context.store, {
              ...importOptions(kind, file, options),
              actor: context.auditActor,
              ...(bar === undefined ? {} : { onProgress: bar.update }),
              onWatchError: (error) =>
                writeNote(
                  `the incidents are imported, but checking won-back customers' watched reasons failed (run \`comeback alerts watch\`): ${error instanceof Error ? error.message : String(error)}`,
                ),
              onAccrualError: (error) =>
                writeNote(
                  `the orders are imported, but booking bounty earnings failed (run \`comeback bounty accrue\`): ${error instanceof Error ? error.message : String(error)}`,
                ),
            })
            bar?.stop()
            writeOut(
              options.json === true ? `${JSON.stringify(jsonOf(result))}\n` : describe(result),
            )
          } finally {
            bar?.stop()
          }
        })
      },
    )
}

function importOptions(kind: ImportKind, path: string, options: ImportCommandOptions) {
  const decimal =
    options.decimal === undefined
      ? undefined
      : parseChoice('--decimal', options.decimal, ['.', ','] as const)
  return {
    kind,
    path,
    map: parseMap(options.map),
    ...(options.dateFormat === undefined ? {} : { dateFormat: options.dateFormat }),
    ...(decimal === undefined ? {} : { decimal }),
    ...(options.currency === undefined ? {} : { currency: options.currency }),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(options.rejects === undefined ? {} : { rejectsPath: options.rejects }),
  }
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value]
}

/** `customer_id="Cust No"` (the shell has taken the quotes) → { customer_id: 'Cust No' } */
function parseMap(pairs: readonly string[]): Record<string, string> {
  const entries: [string, string][] = []
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    const field = pair.slice(0, at).trim()
    const header = pair
      .slice(at + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
    if (at <= 0 || header === '') {
      throw new ValidationError(`--map ${pair}: write it as field="Header Name"`)
    }
    entries.push([field, header])
  }
  // fromEntries defines own properties, so a field named __proto__ is just an unknown field
  return Object.fromEntries(entries)
}

/** a progress bar on a terminal only: quiet with --json or when stdout is piped */
function progressBar(
  json: boolean,
): { update: (progress: ImportProgress) => void; stop: () => void } | undefined {
  if (json || process.stdout.isTTY !== true) {
    return undefined
  }
  const bar = new SingleBar({
    format: 'importing [{bar}] {percentage}% | {records} records | ETA {eta_formatted}',
    hideCursor: true,
    clearOnComplete: true,
  })
  let started = false
  let stopped = false
  return {
    update: (progress) => {
      if (!started) {
        bar.start(Math.max(1, progress.totalBytes), 0, { records: 0 })
        started = true
      }
      bar.update(progress.bytesRead, { records: progress.read })
    },
    stop: () => {
      if (started && !stopped) {
        bar.stop()
      }
      stopped = true
    },
  }
}

function jsonOf(result: ImportFileResult) {
  const { read, inserted, updated, unchanged, rejected, rejectsFile, importId } = result
  return { read, inserted, updated, unchanged, rejected, rejectsFile, importId }
}

function describe(result: ImportFileResult): string {
  return renderFields([
    ['import', result.importId],
    ['records read', result.read],
    ['inserted', result.inserted],
    ['updated', result.updated],
    ['unchanged', result.unchanged],
    ['rejected', result.rejected],
    ['rejected rows', result.rejectsFile ?? 'none'],
  ])
}
