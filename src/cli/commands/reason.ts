import type { Command } from 'commander'
import {
  addReason,
  type ImportedReasonMapping,
  importedReasonMappings,
  listReasonPhraseViews,
  listReasonViews,
  mapReasonPhrase,
  mergeReasons,
  type ReasonPhraseView,
  type ReasonView,
  renameReason,
  unmapReasonPhrase,
} from '../../app/index.js'
import { ValidationError } from '../../domain/errors.js'
import { parseChoice, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderRows, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

const REASON_COLUMNS: readonly Column<ReasonView>[] = [
  { key: 'code', header: 'code', value: (row) => row.code },
  { key: 'label', header: 'label', value: (row) => row.label },
  { key: 'fixable', header: 'fixable', value: (row) => row.fixable },
  { key: 'parentCode', header: 'under', value: (row) => row.parentCode },
  { key: 'mergedIntoCode', header: 'merged into', value: (row) => row.mergedIntoCode },
  { key: 'version', header: 'v', value: (row) => row.version, align: 'right' },
]

const PHRASE_COLUMNS: readonly Column<ReasonPhraseView>[] = [
  { key: 'phrase', header: 'phrase', value: (row) => row.phrase },
  { key: 'code', header: 'code', value: (row) => row.liveCode },
]

const IMPORTED_COLUMNS: readonly Column<ImportedReasonMapping>[] = [
  { key: 'words', header: 'imported reason', value: (row) => row.words },
  { key: 'deals', header: 'deals', value: (row) => row.deals, align: 'right' },
  { key: 'code', header: 'code', value: (row) => row.code },
  { key: 'matchedBy', header: 'by', value: (row) => row.matchedBy },
  { key: 'phrase', header: 'phrase', value: (row) => row.phrase },
]

const YES_NO = ['yes', 'no'] as const

interface ListFlags {
  readonly json?: boolean
  readonly csv?: boolean
}

/** `comeback reason list|add|rename|merge|map`: the loss-reason taxonomy and its mapping. */
export function registerReasonCommand(program: Command): void {
  const command = program.command('reason').description('the loss-reason taxonomy (admins edit it)')
  command
    .command('list')
    .description('the reasons, with whether each is fixable')
    .option('--all', 'include reasons merged away (history)')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: ListFlags & { all?: boolean }, cmd: Command) => {
      const format = outputFormat(options)
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async ({ store }) => {
        const reasons = await listReasonViews(store, { includeMerged: options.all === true })
        writeOut(renderRows(reasons, REASON_COLUMNS, format))
      })
    })
  command
    .command('add')
    .description('add a reason')
    .requiredOption('--code <code>', 'lower-case letters, digits and _')
    .requiredOption('--label <label>', 'what people read')
    .requiredOption('--fixable <yes|no>', 'whether the company can fix it')
    .option('--parent <code>', 'the broader reason it details')
    .action(
      async (
        options: { code: string; label: string; fixable: string; parent?: string },
        cmd: Command,
      ) => {
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const row = await addReason(context.store, caseActorOf(context), {
            code: options.code,
            label: options.label,
            fixable: parseChoice('--fixable', options.fixable, YES_NO) === 'yes',
            ...(options.parent === undefined ? {} : { parentCode: options.parent }),
          })
          writeOut(`added ${row.code}\n`)
        })
      },
    )
  registerRenameAndMerge(command)
  registerMap(command)
}

function registerRenameAndMerge(command: Command): void {
  command
    .command('rename')
    .description('give a reason a new code or label, or change whether it is fixable')
    .argument('<code>', 'the reason')
    .option('--code <new>', 'its new code')
    .option('--label <label>', 'its new label')
    .option('--fixable <yes|no>', 'whether the company can fix it')
    .option('--if-version <n>', 'refuse if it changed since this version')
    .action(
      async (
        code: string,
        options: { code?: string; label?: string; fixable?: string; ifVersion?: string },
        cmd: Command,
      ) => {
        if (
          options.code === undefined &&
          options.label === undefined &&
          options.fixable === undefined
        ) {
          throw new ValidationError('say what changes: --code, --label or --fixable')
        }
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const row = await renameReason(context.store, caseActorOf(context), {
            code,
            ...(options.code === undefined ? {} : { newCode: options.code }),
            ...(options.label === undefined ? {} : { label: options.label }),
            ...(options.fixable === undefined
              ? {}
              : { fixable: parseChoice('--fixable', options.fixable, YES_NO) === 'yes' }),
            ...(options.ifVersion === undefined
              ? {}
              : {
                  expectedVersion: parseWholeNumber('--if-version', options.ifVersion, {
                    min: 1,
                    max: Number.MAX_SAFE_INTEGER,
                  }),
                }),
          })
          writeOut(`${code} is now ${row.code}: ${row.label}\n`)
        })
      },
    )
  command
    .command('merge')
    .description('merge a reason into another; what was recorded under it rolls up there')
    .argument('<from>', 'the reason to merge away')
    .requiredOption('--into <code>', 'the reason it lives on in')
    .action(async (from: string, options: { into: string }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        await mergeReasons(context.store, caseActorOf(context), {
          fromCode: from,
          intoCode: options.into,
        })
        writeOut(`${from} merged into ${options.into}\n`)
      })
    })
}

interface MapOptions extends ListFlags {
  readonly remove?: boolean
  readonly imported?: boolean
}

function registerMap(command: Command): void {
  command
    .command('map')
    .description(
      'map a phrase of imported deal reasons to a code; without arguments, list the mapping',
    )
    .argument('[phrase]', 'words found in imported loss reasons')
    .argument('[code]', 'the reason they mean')
    .option('--remove', 'remove the phrase from the mapping')
    .option('--imported', 'show every imported deal reason and the code it maps to now')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(
      async (
        phrase: string | undefined,
        code: string | undefined,
        options: MapOptions,
        cmd: Command,
      ) => {
        const format = outputFormat(options)
        await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
          const who = caseActorOf(context)
          if (options.imported === true) {
            writeOut(
              renderRows(await importedReasonMappings(context.store), IMPORTED_COLUMNS, format),
            )
          } else if (phrase === undefined) {
            writeOut(renderRows(await listReasonPhraseViews(context.store), PHRASE_COLUMNS, format))
          } else if (options.remove === true) {
            const removed = await unmapReasonPhrase(context.store, who, phrase)
            writeOut(removed ? `removed "${phrase}"\n` : `"${phrase}" was not mapped\n`)
          } else if (code === undefined) {
            throw new ValidationError(
              'give the code the phrase means: comeback reason map "PHRASE" CODE',
            )
          } else {
            const mapped = await mapReasonPhrase(context.store, who, { phrase, code })
            writeOut(`"${mapped.phrase}" → ${mapped.code}${mapped.created ? '' : ' (replaced)'}\n`)
          }
        })
      },
    )
}
