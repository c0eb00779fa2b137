import type { Command } from 'commander'
import { type AuditLogItem, readAuditLogAs } from '../../app/index.js'
import { parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderRows, writeNote, writeOut } from '../output.js'

interface AuditOptions {
  readonly actor?: string
  readonly action?: string
  readonly object?: string
  readonly since?: string
  readonly until?: string
  readonly before?: string
  readonly limit?: string
  readonly json?: boolean
  readonly csv?: boolean
}

const COLUMNS: readonly Column<AuditLogItem>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'at', header: 'at (UTC)', value: (row) => row.at },
  { key: 'actor', header: 'actor', value: (row) => row.actor },
  { key: 'via', header: 'via', value: (row) => row.via },
  { key: 'action', header: 'action', value: (row) => row.action },
  { key: 'objectType', header: 'object', value: (row) => row.objectType },
  { key: 'objectId', header: 'object id', value: (row) => row.objectId },
  { key: 'fields', header: 'fields', value: (row) => row.fields.join(' ') },
  { key: 'requestId', header: 'request', value: (row) => row.requestId },
]

/**
 * `comeback audit`: the audit log, newest first, for the admin and the VP (the same use case as
 * `GET /api/audit`). `--object` takes `type` or `type:id`, e.g. `customer:C-1001`.
 */
export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('read the audit log, newest first (admin and VP)')
    .option('--actor <actor>', 'only this actor, e.g. user:7 or local-admin')
    .option('--action <action>', 'only this action, e.g. export, login, denied_read')
    .option('--object <type[:id]>', 'only this kind of object, or this one object')
    .option('--since <date>', 'from this ISO 8601 date or date-time (UTC)')
    .option('--until <date>', 'before this ISO 8601 date or date-time (UTC)')
    .option('--before <id>', 'only entries older than this id (the next page)')
    .option('--limit <n>', 'entries to show, 1-1000', '50')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: AuditOptions, command: Command) => {
      const format = outputFormat(options)
      const [objectType, ...idParts] = (options.object ?? '').split(':')
      const objectId = idParts.join(':')
      const optional = <TValue>(key: string, value: TValue | undefined | '') =>
        value === undefined || value === '' ? {} : { [key]: value }
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const page = await readAuditLogAs(
          context.store,
          context.actor,
          {
            limit: parseWholeNumber('--limit', options.limit ?? '50', { min: 1, max: 1000 }),
            ...optional('actor', options.actor),
            ...optional('action', options.action),
            ...optional('objectType', objectType),
            ...optional('objectId', objectId),
            ...optional('since', options.since),
            ...optional('until', options.until),
            ...optional(
              'beforeId',
              options.before === undefined
                ? undefined
                : parseWholeNumber('--before', options.before, {
                    min: 1,
                    max: Number.MAX_SAFE_INTEGER,
                  }),
            ),
          },
          { ...context.audit, actorLabel: context.auditActor },
        )
        writeOut(renderRows(page.items, COLUMNS, format))
        if (format === 'table') {
          writeNote(
            page.nextBeforeId === null
              ? `${page.items.length} entries`
              : `${page.items.length} entries; older ones with --before ${page.nextBeforeId}`,
          )
        }
      })
    })
}
