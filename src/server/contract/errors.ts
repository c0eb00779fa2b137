import { z } from 'zod'
import type { ErrorCode } from '../../domain/errors.js'

/** Every error code the API answers with (STYLE 2.5), listed once for the OpenAPI error schema. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'PRECONDITION_REQUIRED',
  'RATE_LIMITED',
  'INSUFFICIENT_DATA',
  'INTERNAL',
  'UNAVAILABLE',
] as const satisfies readonly ErrorCode[]

type MissingErrorCode = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>
/** True by construction: fails to compile when `ErrorCode` gains a code `ERROR_CODES` lacks. */
export const ERROR_CODES_ARE_COMPLETE: [MissingErrorCode] extends [never] ? true : never = true

/** One problem with the input: where (path, and for files line and field) and what. */
export const issueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  field: z.string().optional(),
})

/** The one error body of the API: `{"error":{"code","message","issues"?}}`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(issueSchema).optional(),
  }),
})

export type ErrorBody = z.infer<typeof errorBodySchema>
