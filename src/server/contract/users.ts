import { z } from 'zod'
import { roleSchema } from './session.js'

/** A user as admins and managers see them. */
export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  managerId: z.number().int().nullable(),
  startedOn: z.string(),
  active: z.boolean(),
})

/** `GET /api/users`: the users the caller may read. */
export const userListResponseSchema = z.object({ items: z.array(userSchema) })

/** `/api/users/{id}` path. */
export const userParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })

/** `PATCH /api/users/{id}` (admin): role, manager, active. Anything else is refused. */
export const userAccessChangeSchema = z.strictObject({
  active: z.boolean().optional(),
  role: roleSchema.optional(),
  managerId: z.number().int().positive().nullable().optional(),
})

/** An empty answer for writes that return nothing else. */
export const okResponseSchema = z.object({ ok: z.literal(true) })

export type User = z.infer<typeof userSchema>
