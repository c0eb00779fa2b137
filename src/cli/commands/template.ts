import type { Command } from 'commander'
import {
  listTemplatesAs,
  outreachConfigFromEnv,
  previewTemplateAs,
  type TemplateView,
} from '../../app/index.js'
import { TEMPLATE_KINDS } from '../../domain/template.js'
import { parseChoice, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderRows, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

const TEMPLATE_COLUMNS: readonly Column<TemplateView>[] = [
  { key: 'key', header: 'key', value: (row) => row.key },
  { key: 'version', header: 'v', value: (row) => row.version, align: 'right' },
  { key: 'kind', header: 'kind', value: (row) => row.kind },
  { key: 'tone', header: 'tone', value: (row) => row.tone },
  { key: 'name', header: 'name', value: (row) => row.name },
]

interface PreviewOptions {
  readonly contact?: string
  readonly reason?: string
  readonly fixed?: string
  readonly offer?: string
  readonly json?: boolean
}

/** `comeback template list|preview`: the message templates, fun and professional. */
export function registerTemplateCommand(program: Command): void {
  const template = program
    .command('template')
    .description('message templates: emails, letters, card notes, call scripts')
  template
    .command('list')
    .description('the newest version of every template')
    .option('--kind <kind>', TEMPLATE_KINDS.join(', '))
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (options: { kind?: string; json?: boolean; csv?: boolean }, command: Command) => {
      const format = outputFormat(options)
      const kind =
        options.kind === undefined ? undefined : parseChoice('--kind', options.kind, TEMPLATE_KINDS)
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const rows = await listTemplatesAs(context.store, caseActorOf(context), kind)
        writeOut(renderRows(rows, TEMPLATE_COLUMNS, format))
      })
    })
  template
    .command('preview <key>')
    .description('render a template with sample values or for one contact')
    .option('--contact <id>', 'render for this contact')
    .option('--reason <text>', 'why they left')
    .option('--fixed <text>', 'what was fixed')
    .option('--offer <text>', 'the offer')
    .option('--json', 'print JSON (with the HTML of an email)')
    .action(async (key: string, options: PreviewOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const preview = await previewTemplateAs(context.store, caseActorOf(context), {
          key,
          ...(options.contact === undefined
            ? {}
            : {
                contactId: parseWholeNumber('--contact', options.contact, {
                  min: 1,
                  max: 2 ** 53 - 1,
                }),
              }),
          facts: {
            ...(options.reason === undefined ? {} : { reason: options.reason }),
            ...(options.fixed === undefined ? {} : { whatWasFixed: options.fixed }),
            ...(options.offer === undefined ? {} : { offer: options.offer }),
          },
          config: outreachConfigFromEnv(),
        })
        if (options.json === true) {
          writeOut(`${JSON.stringify(preview, null, 2)}\n`)
          return
        }
        const subject = preview.subject === null ? '' : `Subject: ${preview.subject}\n\n`
        writeOut(`${subject}${preview.text}\n`)
      })
    })
}
