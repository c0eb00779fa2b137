import { z } from 'zod'
import { IMPORT_KINDS } from '../../domain/records.js'

const importKindSchema = z.enum(
  IMPORT_KINDS as readonly ['orders', 'customers', 'contacts', 'contracts', 'deals', 'incidents'],
)

const fieldSchema = z.object({
  name: z.string(),
  required: z.boolean(),
  aliases: z.array(z.string()),
})

/** `GET /api/imports/fields`: the fields each import kind reads, to map a file's columns onto. */
export const importFieldsResponseSchema = z.object({
  kinds: z.object({
    orders: z.array(fieldSchema),
    customers: z.array(fieldSchema),
    contacts: z.array(fieldSchema),
    contracts: z.array(fieldSchema),
    deals: z.array(fieldSchema),
    incidents: z.array(fieldSchema),
  }),
})

// `map` comes as JSON text in the query: {"customer_id":"Cust No", …}; empty headers are unmapped
const mapSchema = z
  .string()
  .max(10_000)
  .transform((text, context) => {
    try {
      const parsed: unknown = JSON.parse(text)
      const checked = z.record(z.string().max(100), z.string().max(500)).safeParse(parsed)
      if (checked.success) {
        return Object.fromEntries(
          Object.entries(checked.data).filter(([, header]) => header !== ''),
        )
      }
    } catch {
      // reported below
    }
    context.addIssue({
      code: 'custom',
      message: 'map must be a JSON object of field → header name',
    })
    return z.NEVER
  })

/**
 * `POST /api/imports` query; the body is the CSV file itself (`text/csv`), streamed, at most the
 * server's upload limit. Only the last part of `fileName` is kept.
 */
export const importStartQuerySchema = z.strictObject({
  kind: importKindSchema,
  fileName: z.string().max(500).optional(),
  map: mapSchema.optional(),
  dateFormat: z.string().max(20).optional(),
  decimal: z.enum(['.', ',']).optional(),
})

/** One import: its state, counts and, while this server runs it, bytes read of the file. */
export const importJobSchema = z.object({
  id: z.number().int(),
  kind: importKindSchema,
  fileName: z.string().nullable(),
  state: z.enum(['running', 'committed', 'failed']),
  bytesRead: z.number().int(),
  bytesTotal: z.number().int().nullable(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** where the rejected-rows report is, when there are rejected rows */
  rejectsUrl: z.string().nullable(),
})

/** `GET /api/imports` query: a page of `limit` imports older than `beforeId` (the last page's). */
export const importListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  beforeId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
})

/** `GET /api/imports`: recent imports, newest first; `nextBeforeId` asks for the page after. */
export const importListResponseSchema = z.object({
  items: z.array(importJobSchema),
  nextBeforeId: z.number().int().nullable(),
})

/** `GET /api/imports/{id}` and its report's path. */
export const importParamsSchema = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
})

export type ImportFieldsResponse = z.infer<typeof importFieldsResponseSchema>
export type ImportJob = z.infer<typeof importJobSchema>
export type ImportListResponse = z.infer<typeof importListResponseSchema>
