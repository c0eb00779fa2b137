import { z } from 'zod'

/** `GET /api/audit` query: filters, newest first, paged back with `beforeId`. */
export const auditListQuerySchema = z.strictObject({
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  objectType: z.string().min(1).max(100).optional(),
  objectId: z.string().min(1).max(200).optional(),
  /** ISO 8601 date or date-time, inclusive */
  since: z.string().min(10).max(40).optional(),
  /** ISO 8601 date or date-time, exclusive */
  until: z.string().min(10).max(40).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
})

/** One audit entry: who, through which door, did what to which object; field names, never values. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  via: z.enum(['cli', 'api', 'job']),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  fields: z.array(z.string()),
  requestId: z.string().nullable(),
})

/** A page of the audit log, newest first; `nextBeforeId` fetches the older page. */
export const auditListResponseSchema = z.object({
  items: z.array(auditEntrySchema),
  nextBeforeId: z.number().int().nullable(),
})

export type AuditListQuery = z.output<typeof auditListQuerySchema>
export type AuditEntry = z.infer<typeof auditEntrySchema>
export type AuditListResponse = z.infer<typeof auditListResponseSchema>
