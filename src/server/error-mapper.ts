import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { RateLimitedError } from '../app/index.js'
import { type ErrorCode, type Issue, toComebackError } from '../domain/errors.js'
import type { ErrorBody } from './contract/errors.js'
import type { LogEntry, ServerEnv } from './server-env.js'

/** The HTTP status of each error code (STYLE 2.5: translation only at the edge). */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  INSUFFICIENT_DATA: 422,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
}

/**
 * Turns anything thrown into the API's one error body. The unexpected becomes a generic 500 that
 * names only the request id; its stack and cause go to the log.
 * @example app.onError((error, c) => errorResponse(c, error, log))
 */
export function errorResponse(
  c: Context<ServerEnv>,
  error: unknown,
  log: (entry: LogEntry) => void,
): Response {
  const comeback = toComebackError(error)
  const requestId = c.get('requestId')
  const status = HTTP_STATUS_BY_CODE[comeback.code]
  if (status >= 500) {
    log({
      level: 'error',
      requestId,
      method: c.req.method,
      path: c.req.path,
      code: comeback.code,
      error: describeError(error),
    })
  }
  if (error instanceof RateLimitedError) {
    c.header('Retry-After', String(error.retryAfterSeconds))
  }
  return c.json(toErrorBody(comeback, requestId), status)
}

/**
 * The body for one error; INTERNAL never carries the original message, which may hold internals.
 * @example toErrorBody(new NotFoundError('customer not found'), 'r1')
 */
export function toErrorBody(
  error: { code: ErrorCode; message: string; issues: readonly Issue[] },
  requestId: string,
): ErrorBody {
  if (error.code === 'INTERNAL') {
    return { error: { code: 'INTERNAL', message: `internal error (request id ${requestId})` } }
  }
  const issues = error.issues.map((issue) => ({ ...issue, path: [...issue.path] }))
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(issues.length === 0 ? {} : { issues }),
    },
  }
}

function describeError(error: unknown): unknown {
  if (error instanceof Error) {
    const cause = error.cause === undefined ? {} : { cause: describeError(error.cause) }
    return { name: error.name, message: error.message, stack: error.stack, ...cause }
  }
  return String(error)
}
