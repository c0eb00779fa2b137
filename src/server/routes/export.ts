import { z } from 'zod'
import { type ExportFile, exportCustomersAs, exportLostAs } from '../../app/index.js'
import { customerExportQuerySchema, lostExportQuerySchema } from '../contract/export.js'
import { dropUndefined } from '../drop-undefined.js'
import {
  type ApiRoute,
  defineRoute,
  type FileAnswer,
  type RouteContext,
} from '../route-definition.js'
import { signedInSession } from '../signed-in.js'

// the answer is the file itself, streamed; the schema only marks the handler's return
const fileAnswerSchema = z.custom<FileAnswer>()

// an export counts against the caller's quota before a row is read (TESTPLAN T18)
function startExport(ctx: RouteContext, search: string | undefined) {
  const session = signedInSession(ctx)
  ctx.deps.quotas.spend('export', session.user.id)
  ctx.deps.quotas.spendSearch(session.user.id, search)
  return {
    actor: session.actor,
    options: (format: 'csv' | 'json' | undefined) => ({
      format: format ?? 'csv',
      audit: ctx.audit,
      maxPiiRows: ctx.deps.config.maxPiiExportRows,
    }),
  }
}

const toAnswer = (file: ExportFile): FileAnswer => ({
  fileName: file.fileName,
  mediaType: file.mediaType,
  chunks: file.chunks,
})

const exportLostRoute = defineRoute({
  method: 'get',
  path: '/lost/export',
  operationId: 'exportLost',
  summary:
    'The whole lost list the caller may read, with the list filters, as spreadsheet-safe CSV (or ?format=json); audited, rate-limited; bulk exports of named rows need the admin, VP or analyst role',
  tag: 'customers',
  access: { kind: 'policy', resource: 'customer', action: 'read' },
  query: lostExportQuerySchema,
  response: fileAnswerSchema,
  produces: 'text/csv',
  async handle({ query, ctx }) {
    const { format, ...filters } = query
    const started = startExport(ctx, filters.search)
    const file = await exportLostAs(
      ctx.deps.store,
      started.actor,
      dropUndefined(filters),
      started.options(format),
    )
    return toAnswer(file)
  },
})

const exportCustomersRoute = defineRoute({
  method: 'get',
  path: '/customers/export',
  operationId: 'exportCustomers',
  summary:
    'Every customer the caller may read, with the list filters, as spreadsheet-safe CSV (or ?format=json); audited, rate-limited; bulk exports of named rows need the admin, VP or analyst role',
  tag: 'customers',
  access: { kind: 'policy', resource: 'customer', action: 'read' },
  query: customerExportQuerySchema,
  response: fileAnswerSchema,
  produces: 'text/csv',
  async handle({ query, ctx }) {
    const { format, ...filters } = query
    const started = startExport(ctx, filters.search)
    const file = await exportCustomersAs(
      ctx.deps.store,
      started.actor,
      dropUndefined(filters),
      started.options(format),
    )
    return toAnswer(file)
  },
})

/** Exports of the lost list and the customer list. */
export const EXPORT_ROUTES: readonly ApiRoute[] = [exportLostRoute, exportCustomersRoute]
