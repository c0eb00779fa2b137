import { z } from 'zod'
import { auditAuth, type ImportJobView, importFields } from '../../app/index.js'
import {
  type ImportJob,
  importFieldsResponseSchema,
  importJobSchema,
  importListQuerySchema,
  importListResponseSchema,
  importParamsSchema,
  importStartQuerySchema,
} from '../contract/imports.js'
import { type ApiRoute, defineRoute, type FileAnswer } from '../route-definition.js'
import { signedInSession } from '../signed-in.js'

function toImportJob(view: ImportJobView): ImportJob {
  return {
    ...view,
    rejectsUrl: view.rejected > 0 ? `/api/imports/${view.id}/rejects.csv` : null,
  }
}

const importFieldsRoute = defineRoute({
  method: 'get',
  path: '/imports/fields',
  operationId: 'getImportFields',
  summary: 'The fields each import kind reads, with the header names recognised for each',
  tag: 'imports',
  access: { kind: 'policy', resource: 'import', action: 'read' },
  response: importFieldsResponseSchema,
  async handle() {
    return { kinds: importFields() }
  },
})

const listImportsRoute = defineRoute({
  method: 'get',
  path: '/imports',
  operationId: 'listImports',
  summary: 'Recent imports, newest first, paged, with their counts and state',
  tag: 'imports',
  access: { kind: 'policy', resource: 'import', action: 'read' },
  query: importListQuerySchema,
  response: importListResponseSchema,
  async handle({ query, ctx }) {
    const limit = query.limit ?? 50
    const items = await ctx.deps.importJobs.list({
      limit,
      ...(query.beforeId === undefined ? {} : { beforeId: query.beforeId }),
    })
    const last = items.at(-1)
    return {
      items: items.map(toImportJob),
      nextBeforeId: items.length === limit && last !== undefined ? last.id : null,
    }
  },
})

const startImportRoute = defineRoute({
  method: 'post',
  path: '/imports',
  operationId: 'startImport',
  summary:
    'Uploads a CSV file (the raw body, text/csv) and imports it in the background; answers 202 with the import, whose progress GET /imports/{id} tells',
  tag: 'imports',
  access: { kind: 'policy', resource: 'import', action: 'write' },
  upload: { mediaTypes: ['text/csv', 'text/plain', 'application/octet-stream'] },
  successStatus: 202,
  query: importStartQuerySchema,
  response: importJobSchema,
  async handle({ query, ctx }) {
    const session = signedInSession(ctx)
    const declared = Number(ctx.c.req.header('content-length'))
    const job = await ctx.deps.importJobs.start({
      kind: query.kind,
      fileName: query.fileName ?? `${query.kind}.csv`,
      userId: session.user.id,
      actor: `api:${session.user.email}`,
      body: ctx.c.req.raw.body,
      ...(Number.isFinite(declared) && declared >= 0 ? { declaredBytes: declared } : {}),
      ...(query.map === undefined ? {} : { map: query.map }),
      ...(query.dateFormat === undefined ? {} : { dateFormat: query.dateFormat }),
      ...(query.decimal === undefined ? {} : { decimal: query.decimal }),
    })
    await auditAuth(ctx.deps.store, ctx.audit, {
      action: 'import_started',
      objectType: 'import',
      objectId: String(job.id),
    })
    return toImportJob(job)
  },
})

const getImportRoute = defineRoute({
  method: 'get',
  path: '/imports/{id}',
  operationId: 'getImport',
  summary: 'One import: its state, counts and progress (bytes read of the file)',
  tag: 'imports',
  access: { kind: 'policy', resource: 'import', action: 'read' },
  params: importParamsSchema,
  response: importJobSchema,
  async handle({ params, ctx }) {
    return toImportJob(await ctx.deps.importJobs.get(params.id))
  },
})

// the answer is the CSV file itself, streamed; the schema only marks the handler's return
const fileAnswerSchema = z.custom<FileAnswer>()

const importRejectsRoute = defineRoute({
  method: 'get',
  path: '/imports/{id}/rejects.csv',
  operationId: 'getImportRejects',
  summary:
    'The rejected-rows report of an import as CSV: start line, field, reason code, message, raw record; spreadsheet-safe cells',
  tag: 'imports',
  access: { kind: 'policy', resource: 'import', action: 'read' },
  params: importParamsSchema,
  response: fileAnswerSchema,
  produces: 'text/csv',
  async handle({ params, ctx }) {
    return {
      fileName: `import-${params.id}-rejects.csv`,
      chunks: await ctx.deps.importJobs.rejectsCsv(params.id),
    }
  },
})

/** Imports: the fields to map, uploads, progress and rejected-rows reports. */
export const IMPORT_ROUTES: readonly ApiRoute[] = [
  importFieldsRoute,
  listImportsRoute,
  startImportRoute,
  getImportRoute,
  importRejectsRoute,
]
