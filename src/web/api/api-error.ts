import type { ErrorBody } from '../../server/contract/errors.js'

type ErrorCode = ErrorBody['error']['code']
type Issue = NonNullable<ErrorBody['error']['issues']>[number]

/** An answer of the API that was not a success, or a request that never got an answer. */
export class ApiError extends Error {
  readonly status: number
  readonly code: ErrorCode | 'NETWORK'
  readonly issues: readonly Issue[]

  constructor(
    status: number,
    code: ErrorCode | 'NETWORK',
    message: string,
    issues: readonly Issue[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.issues = issues
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) {
    return false
  }
  const error: unknown = value.error
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  )
}

const FALLBACK_MESSAGES: Readonly<Record<number, string>> = {
  401: 'Your session has ended. Please sign in again.',
  403: 'You do not have access to this.',
  404: 'Not found.',
  413: 'That file is too large.',
  429: 'Too many attempts. Please wait a moment and try again.',
}

/** Reads the API's one error body (`{"error":{"code","message","issues"?}}`) from a failed answer. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // a proxy's HTML page or an empty body: fall back to the status
  }
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.error.code, body.error.message, body.error.issues)
  }
  const message =
    FALLBACK_MESSAGES[response.status] ??
    `The server answered ${response.status}. Please try again.`
  return new ApiError(
    response.status,
    response.status >= 500 ? 'INTERNAL' : 'INVALID_INPUT',
    message,
  )
}

/** The error to show when the request never reached the server. */
export function networkError(cause: unknown): ApiError {
  const error = new ApiError(
    0,
    'NETWORK',
    'Cannot reach the server. Check your connection and try again.',
  )
  error.cause = cause
  return error
}

/** Any thrown value as an `ApiError`, so pages have one kind of error to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error
  }
  return networkError(error)
}
