import { z } from 'zod'

/** `GET /api/tasks` query: `open=true` hides done tasks; `mine=true` keeps the caller's own. */
export const taskListQuerySchema = z.strictObject({
  open: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
})

/** One task; `version` is its ETag value. */
export const taskViewSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  ownerId: z.number().int(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  dealId: z.number().int().nullable(),
  caseId: z.number().int().nullable(),
  kind: z.string(),
  title: z.string(),
  dueOn: z.string(),
  done: z.boolean(),
  overdue: z.boolean(),
})

export const taskListResponseSchema = z.object({ items: z.array(taskViewSchema) })

export const taskParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() })

/** `PATCH /api/tasks/{id}` (If-Match): complete the task (`done: true`; a done task stays done). */
export const completeTaskBodySchema = z.strictObject({ done: z.literal(true) })

/** The task after the change: its new version (also the ETag). */
export const completeTaskResponseSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  done: z.boolean(),
})

export type TaskListQuery = z.input<typeof taskListQuerySchema>
export type TaskItem = z.infer<typeof taskViewSchema>
export type TaskListResponse = z.infer<typeof taskListResponseSchema>
export type CompleteTaskBody = z.infer<typeof completeTaskBodySchema>
export type CompleteTaskResponse = z.infer<typeof completeTaskResponseSchema>
