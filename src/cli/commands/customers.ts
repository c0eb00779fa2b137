import type { Command } from 'commander'
import {
  type CustomerListItem,
  type CustomerSort,
  findUserByEmail,
  getCustomerAs,
  listCustomersAs,
  listUsersAs,
} from '../../app/index.js'
import { NotFoundError } from '../../domain/errors.js'
import { parseChoice, parseWholeNumber } from '../arguments.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import {
  type Column,
  formatMinor,
  outputFormat,
  renderRows,
  writeNote,
  writeOut,
} from '../output.js'
import { renderCustomerDetail } from './customer-detail-view.js'

interface ListOptions {
  readonly segment?: string
  readonly territory?: string
  readonly owner?: string
  readonly search?: string
  readonly limit?: string
  readonly offset?: string
  readonly sort?: string
  readonly json?: boolean
  readonly csv?: boolean
}

type CustomerLine = CustomerListItem & { readonly owner_email: string | null }

const SORTS: readonly CustomerSort[] = ['id', 'name', 'segment', 'territory', 'created_at'].flatMap(
  (key) => [key, `-${key}`] as CustomerSort[],
)

const COLUMNS: readonly Column<CustomerLine>[] = [
  { key: 'id', header: 'id', value: (row) => row.id },
  { key: 'name', header: 'name', value: (row) => row.name },
  { key: 'segment', header: 'segment', value: (row) => row.segment },
  { key: 'territory', header: 'territory', value: (row) => row.territory },
  { key: 'owner_email', header: 'owner', value: (row) => row.owner_email },
  { key: 'order_count', header: 'orders', value: (row) => row.order_count, align: 'right' },
  { key: 'first_ordered_on', header: 'first order', value: (row) => row.first_ordered_on },
  { key: 'last_ordered_on', header: 'last order', value: (row) => row.last_ordered_on },
  {
    key: 'revenue_minor',
    header: 'revenue',
    value: (row) => row.revenue_minor,
    display: (row) => formatMinor(row.revenue_minor),
    align: 'right',
  },
]

/** `comeback customers list|show`: the customers the acting user may read. */
export function registerCustomersCommand(program: Command): void {
  const customers = program.command('customers').description('list and show customers')
  customers
    .command('list')
    .description('list customers, filtered and sorted, with their order summaries')
    .option('--segment <segment>', 'only this segment')
    .option('--territory <territory>', 'only this territory')
    .option('--owner <email>', 'only accounts owned by this user')
    .option('--search <text>', 'name or id contains this text')
    .option('--limit <n>', 'rows to show, 1-1000', '50')
    .option('--offset <n>', 'rows to skip', '0')
    .option('--sort <key>', `one of ${SORTS.join(', ')}`, 'id')
    .option('--json', 'print a JSON array')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: ListOptions, command: Command) => {
      const format = outputFormat(options)
      await withStore(command.optsWithGlobals<GlobalOptions>(), (context) =>
        listAction(context, options, format),
      )
    })
  customers
    .command('show')
    .description('show one customer: owner, orders, contacts, contracts, deals, incidents')
    .argument('<id>', 'the customer id')
    .option('--json', 'print one JSON object')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const detail = await getCustomerAs(context.store, context.actor, id, context.audit)
        writeOut(
          options.json === true
            ? `${JSON.stringify(detail, null, 2)}\n`
            : renderCustomerDetail(detail),
        )
      })
    })
}

async function listAction(
  context: CliContext,
  options: ListOptions,
  format: ReturnType<typeof outputFormat>,
): Promise<void> {
  const { store, actor } = context
  const ownerId = options.owner === undefined ? undefined : await ownerIdOf(context, options.owner)
  const page = await listCustomersAs(store, actor, {
    limit: parseWholeNumber('--limit', options.limit ?? '50', { min: 1, max: 1000 }),
    offset: parseWholeNumber('--offset', options.offset ?? '0', { min: 0, max: 1e12 }),
    sort: parseChoice('--sort', options.sort ?? 'id', SORTS),
    ...(ownerId === undefined ? {} : { ownerId }),
    ...(options.segment === undefined ? {} : { segment: options.segment }),
    ...(options.territory === undefined ? {} : { territory: options.territory }),
    ...(options.search === undefined ? {} : { search: options.search }),
  })
  const emails = new Map(
    (await listUsersAs(store, actor)).map((user) => [Number(user.id), user.email]),
  )
  const lines = page.rows.map((row) => ({
    ...row,
    owner_email: row.owner_id === null ? null : (emails.get(Number(row.owner_id)) ?? null),
  }))
  writeOut(renderRows(lines, COLUMNS, format))
  if (format === 'table') {
    writeNote(`${lines.length} of ${page.total} customers`)
  }
}

async function ownerIdOf(context: CliContext, email: string): Promise<number> {
  const owner = await findUserByEmail(context.store, email)
  if (owner === undefined) {
    throw new NotFoundError(`no user with email ${email}`)
  }
  return Number(owner.id)
}
